package querygen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// query is one query being written: its variables and named fragments so far.
type query struct {
	g         *Generator
	vars      map[string]any
	decls     []varDecl
	fragments []fragmentDef
	aliases   int
}

type varDecl struct{ name, typ string }

type fragmentDef struct {
	name, on string
	sel      []selection
}

// selection is one item of a selection set: a field, an inline fragment (on set, no name) or the spread of
// a named fragment (spread set; on set too when it stands where an inline fragment would).
type selection struct {
	alias, name string
	args        []argument
	directive   *directive
	on          string
	spread      string
	sel         []selection
}

// directive is @include or @skip on a field.
type directive struct {
	name string
	cond value
}

// scope holds the response names of one selection set, its fragments' included, with the type each
// answers. Fields of two object types in one union share response names (a search hit's `kind` is a
// StakeholderKind on a stakeholder and an EventKind on an event); validation refuses two fields under one
// name whose types differ, so the second gets an alias.
type scope map[string]string

// The chances of the choices that are not options. They are low where a choice makes the query longer
// or rarer in real use, and high enough that 500 queries make each of them tens of times.
const (
	pAliasedCopy  = 0.08  // a field with arguments asked a second time, under an alias, with other arguments
	pNamed        = 0.05  // a selection set written as a named fragment and spread
	pDirective    = 0.015 // @include or @skip on a field below the root
	pTypename     = 0.05  // __typename besides the fields chosen
	pFragment     = 0.6   // an inline fragment for each possible type of an abstract type
	pInterface    = 0.5   // an abstract selection asks the interface's own fields
	pTypenameDeep = 0.4   // an abstract selection asks __typename
)

var typename = selection{name: "__typename"}

// fields returns the selection of field f of parent, and sometimes a second, aliased one with other
// arguments. depth is the field's level, 1 at the root.
func (q *query) fields(parent *ast.Definition, f *ast.FieldDefinition, depth int, sc scope) []selection {
	out := []selection{q.field(parent, f, depth, sc, "")}
	if len(f.Arguments) > 0 && q.g.chance(pAliasedCopy) {
		q.aliases++
		out = append(out, q.field(parent, f, depth, sc, fmt.Sprintf("%s%d", f.Name, q.aliases+1)))
	}
	return out
}

func (q *query) field(parent *ast.Definition, f *ast.FieldDefinition, depth int, sc scope, alias string) selection {
	g := q.g
	s := selection{alias: alias, name: f.Name}
	sig := f.Type.String()
	if t, ok := sc[responseName(s)]; ok && t != sig {
		s.alias = lowerFirst(parent.Name) + upperFirst(f.Name)
		for _, ok := sc[s.alias]; ok; _, ok = sc[s.alias] {
			q.aliases++
			s.alias = fmt.Sprintf("%s%s%d", lowerFirst(parent.Name), upperFirst(f.Name), q.aliases+1)
		}
	}
	sc[responseName(s)] = sig
	s.args = q.arguments(f)
	if t := g.schema.Types[f.Type.Name()]; t.IsCompositeType() {
		s.sel = q.selectionSet(t, depth+1)
		if t.Kind == ast.Object && g.chance(pNamed) {
			s.sel = []selection{{spread: q.named(t, s.sel)}}
		}
	}
	if depth > 1 && g.chance(pDirective) {
		d := &directive{name: "include"}
		if g.chance(0.5) {
			d.name = "skip"
		}
		d.cond = q.value(site{name: "if"}, ast.NonNullNamedType("Boolean", nil), true)
		s.directive = d
	}
	return s
}

func responseName(s selection) string {
	if s.alias != "" {
		return s.alias
	}
	return s.name
}

// named records sel as a named fragment on t and returns its name.
func (q *query) named(t *ast.Definition, sel []selection) string {
	name := fmt.Sprintf("F%d", len(q.fragments)+1)
	q.fragments = append(q.fragments, fragmentDef{name: name, on: t.Name, sel: sel})
	return name
}

// selectionSet returns a selection set on t whose fields sit at level depth.
func (q *query) selectionSet(t *ast.Definition, depth int) []selection {
	if t.Kind == ast.Object {
		return q.object(t, depth, scope{})
	}
	return q.abstract(t, depth)
}

// object chooses fields of an object type: a random few, in schema order, at least one of them a leaf.
// Past the deepest level only leaves may be chosen; a type with none there (a path's hops) answers its
// __typename.
func (q *query) object(t *ast.Definition, depth int, sc scope) []selection {
	g := q.g
	var all []*ast.FieldDefinition
	var leaves []int
	for _, f := range t.Fields {
		if !g.usable(t, f) {
			continue
		}
		leaf := g.schema.Types[f.Type.Name()].IsLeafType()
		if !leaf && depth > g.opts.MaxDepth {
			continue
		}
		if leaf {
			leaves = append(leaves, len(all))
		}
		all = append(all, f)
	}
	if len(all) == 0 {
		sc[typename.name] = "String!"
		return []selection{typename}
	}
	chosen := g.rng.Perm(len(all))[:min(1+g.rng.IntN(g.opts.MaxFields), len(all))]
	if len(leaves) > 0 && !slices.ContainsFunc(chosen, func(i int) bool { return slices.Contains(leaves, i) }) {
		chosen = append(chosen, pick(g.rng, leaves))
	}
	slices.Sort(chosen)
	var out []selection
	for _, i := range chosen {
		out = append(out, q.fields(t, all[i], depth, sc)...)
	}
	if len(leaves) == 0 || g.chance(pTypename) {
		sc[typename.name] = "String!"
		out = append(out, typename)
	}
	return out
}

// abstract chooses a selection on an interface or union: sometimes the interface's own fields and
// __typename, and inline fragments on some of the types it may be. When the fragments do not cover every
// type, a leaf is asked directly, so that every object answers something.
func (q *query) abstract(t *ast.Definition, depth int) []selection {
	g := q.g
	sc := scope{}
	var out []selection
	direct := false
	if t.Kind == ast.Interface && g.chance(pInterface) {
		for _, f := range t.Fields {
			leaf := g.schema.Types[f.Type.Name()].IsLeafType()
			if g.usable(t, f) && (leaf || depth <= g.opts.MaxDepth) && g.chance(0.7) {
				out = append(out, q.fields(t, f, depth, sc)...)
				direct = direct || leaf
			}
		}
	}
	if g.chance(pTypenameDeep) {
		sc[typename.name] = "String!"
		out = append(out, typename)
		direct = true
	}
	types := slices.Clone(g.schema.GetPossibleTypes(t))
	slices.SortFunc(types, func(a, b *ast.Definition) int { return strings.Compare(a.Name, b.Name) })
	covered := 0
	for _, p := range types {
		if !g.chance(pFragment) {
			continue
		}
		covered++
		frag := selection{on: p.Name, sel: q.object(p, depth, sc)}
		if g.chance(pNamed) {
			frag = selection{on: p.Name, spread: q.named(p, frag.sel)}
		}
		out = append(out, frag)
	}
	if !direct && covered < len(types) {
		out = append([]selection{typename}, out...)
	}
	return out
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
