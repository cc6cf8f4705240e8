// Package querygen writes random read queries against the service's schema, for tests that compare two ways
// of answering the same question. A hand-written list of queries covers what its author thought of; a
// generator that walks the schema also asks the combinations nobody wrote down (a filtered neighbourhood whose
// stakeholders list their participations, a search hit that is a person with its positions, an argument sent
// as a variable one time and written inline the next), and it keeps up with the schema by itself: a new field
// or argument is asked about in the next run, with no test to edit.
//
// The queries are valid: every one passes the schema's validation, and its arguments are values the service
// accepts, drawn from the bounds the schema's descriptions state ("1 to 3"), the enums, and the slugs, names
// and dates of a real network (Values), so that most queries reach the code that answers them instead of
// stopping at argument checks. They stay within the service's limits as far as the schema tells: at most
// four object levels deep, small pages, few root fields. What the schema does not say (which arguments
// depend on each other, which strings are slugs) is in the rules of args.go, each named once and checked
// against the schema by a test. Besides fields and arguments, the queries use what clients use and an
// executor must get right: variables (some declared and not sent), inline and named fragments, aliases
// (the same field twice with other arguments), @include and @skip, explicit nulls, and a bare item where a
// list is expected.
//
// A generator is deterministic: the same schema, seed, values and options give the same queries in the same
// order, so a failing query is found again from its seed and position.
package querygen

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Query is one generated query, ready to post.
type Query struct {
	// Text is the GraphQL document: one operation and the named fragments it spreads.
	Text string
	// Variables are the values of the operation's variables, as a client would send them in JSON. A
	// variable of a nullable type is sometimes declared and left out, as clients may.
	Variables map[string]any
	// Shape is the query with its argument values taken out and its named fragments written in place: the
	// fields asked for, with the names of the arguments given. Queries that differ only in their values, or
	// in whether a value is written inline or sent as a variable, share a shape.
	Shape string
}

// Options shape the queries. A zero field takes its default.
type Options struct {
	// MaxDepth bounds how many object-typed fields nest on any path from the root (4): the leaves sit one
	// level below.
	MaxDepth int
	// MaxFields bounds the fields chosen in one selection set (4), besides the leaf added when none of them
	// is one, an aliased second copy of a field and __typename.
	MaxFields int
	// MaxRootFields bounds the top-level fields of a query (3).
	MaxRootFields int
	// MaxPage bounds page sizes and the other counts a client may raise (`first`, `top`, `limit`: 20),
	// within the bounds each argument's description states.
	MaxPage int
	// MaxListItems bounds the items of a list argument (3).
	MaxListItems int
	// Misses is the share of lookups given a slug or ID that names nothing, so that NOT_FOUND answers are
	// asked for too. Zero means none.
	Misses float64
	// ValueSeed seeds the draws of argument values (and of how they are written: inline or as variables,
	// lists or bare items) apart from the choice of fields. Generators with the same seed and other
	// ValueSeeds write queries of the same shapes in the same order, with other values: a benchmark asks
	// one shape many times without asking the same question each time. Zero derives it from the seed. (A
	// betweenness centrality's `samples` argument is given only with that metric, so it may come and go.)
	ValueSeed uint64
	// Omit names fields never to ask for, as Type.field ("Stakeholder.centrality"): a field a test cannot
	// ask yet, such as one with a known bug.
	Omit []string
}

// defaults are the options a zero Options field takes.
var defaults = Options{MaxDepth: 4, MaxFields: 4, MaxRootFields: 3, MaxPage: 20, MaxListItems: 3}

func (o Options) withDefaults() Options {
	for _, f := range []struct{ v, def *int }{
		{&o.MaxDepth, &defaults.MaxDepth}, {&o.MaxFields, &defaults.MaxFields}, {&o.MaxRootFields, &defaults.MaxRootFields},
		{&o.MaxPage, &defaults.MaxPage}, {&o.MaxListItems, &defaults.MaxListItems},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return o
}

// Generator writes queries. It is not safe for concurrent use: give each goroutine its own.
type Generator struct {
	schema *ast.Schema
	// rng draws the fields and which arguments are given (the shape); vrng the values.
	rng, vrng *rand.Rand
	values    Values
	opts      Options
	roots     []*ast.FieldDefinition
	omit      map[string]bool
	// count numbers the queries, for operation names.
	count int
}

// New returns a generator of queries against schema, drawing its choices from a PCG seeded with seed and
// its arguments from v.
func New(schema *ast.Schema, seed uint64, v Values, opts Options) *Generator {
	valueSeed := opts.ValueSeed
	if valueSeed == 0 {
		valueSeed = seed ^ 0x5851f42d4c957f2d
	}
	g := &Generator{schema: schema, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		vrng: rand.New(rand.NewPCG(valueSeed, 0xda3e39cb94b95bdb)), values: v.normalised(),
		opts: opts.withDefaults(), omit: map[string]bool{}}
	for _, name := range opts.Omit {
		g.omit[name] = true
	}
	for _, f := range Roots(schema) {
		if g.usable(schema.Query, f) {
			g.roots = append(g.roots, f)
		}
	}
	return g
}

// Roots returns the fields of the schema's Query type that generated queries start from (less those
// Options.Omit names): all of them but introspection (__schema, __type: the schema's own description, not
// the graph's; gqlparser bounds them itself), deprecated fields and fields @restricted to a role. Mutations and subscriptions are never
// asked: the queries only read.
func Roots(schema *ast.Schema) []*ast.FieldDefinition {
	if schema.Query == nil {
		return nil
	}
	var roots []*ast.FieldDefinition
	for _, f := range schema.Query.Fields {
		if !strings.HasPrefix(f.Name, "__") && f.Directives.ForName("deprecated") == nil && f.Directives.ForName("restricted") == nil {
			roots = append(roots, f)
		}
	}
	return roots
}

// usable reports whether generated queries may select field f of parent.
func (g *Generator) usable(parent *ast.Definition, f *ast.FieldDefinition) bool {
	return !strings.HasPrefix(f.Name, "__") && f.Directives.ForName("deprecated") == nil &&
		f.Directives.ForName("restricted") == nil && !g.omit[parent.Name+"."+f.Name]
}

// Next returns the next query.
func (g *Generator) Next() Query {
	g.count++
	q := &query{g: g, vars: map[string]any{}}
	if len(g.roots) == 0 { // every root field omitted
		return q.finish([]selection{typename})
	}
	n := 1 + g.rng.IntN(min(g.opts.MaxRootFields, len(g.roots)))
	picked := g.rng.Perm(len(g.roots))[:n]
	slices.Sort(picked) // schema order reads better, and shapes do not multiply by order alone
	var sel []selection
	sc := scope{}
	for _, i := range picked {
		sel = append(sel, q.fields(g.schema.Query, g.roots[i], 1, sc)...)
	}
	return q.finish(sel)
}

// chance reports true with probability p, for a choice of the query's shape.
func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// valueChance reports true with probability p, for a choice of a value or of how it is written.
func (g *Generator) valueChance(p float64) bool { return g.vrng.Float64() < p }

// pick returns an element of s drawn from r, or the zero value when s is empty.
func pick[T any](r *rand.Rand, s []T) T {
	var zero T
	if len(s) == 0 {
		return zero
	}
	return s[r.IntN(len(s))]
}
