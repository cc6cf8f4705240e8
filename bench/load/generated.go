package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/querygen"
)

// The generated mix: shapes of query nobody wrote down for the benchmark, drawn by package querygen from
// the service's schema (the generator the API tests use), each asked many times with other values. A
// dashboard asks the questions its developers think of; the mix above is the project's own, so it measures
// what was tuned. These shapes measure the read engine on everything else.
//
// The shapes are the first genShapes distinct ones a generator with a fixed seed writes, reading stored
// objects only: the top-level fields that read the store (analyses, networks and exports are measured by
// their own cells and would drown the rest) and no @analysis field below them. Each shape is asked with
// genVariants sets of values (querygen.Options.ValueSeed): other slugs, filters, page sizes and dates, written
// inline or as variables. The library is asked the variants that translate to its API (translate.go).

const (
	genShapes   = 50
	genVariants = 24
	// genTries bounds the queries written while looking for the shapes.
	genTries = 20000
)

// storeRoots are the top-level fields that read stored objects.
var storeRoots = []string{"stakeholder", "stakeholders", "partnerships", "person", "people", "event", "events",
	"node", "nodes", "search"}

// genShape is one shape of the generated mix.
type genShape struct {
	name    string
	shape   string
	roots   []string
	queries []querygen.Query
	// lib holds the library's translation of each variant, nil where there is none; why is the reason
	// the first variant that does not translate gives.
	lib []*translated
	why string
}

func (s *genShape) libVariants() []int {
	var out []int
	for i, t := range s.lib {
		if t != nil {
			out = append(out, i)
		}
	}
	return out
}

// genOptions are the generator's options: the defaults, with every field the mix leaves out omitted, and,
// for the library's set, every field its API cannot express (libraryFields).
func genOptions(schema *ast.Schema, valueSeed uint64, libOnly bool) querygen.Options {
	opts := querygen.Options{ValueSeed: valueSeed}
	for _, f := range schema.Query.Fields {
		if !slices.Contains(storeRoots, f.Name) && !strings.HasPrefix(f.Name, "__") {
			opts.Omit = append(opts.Omit, "Query."+f.Name)
		}
	}
	for _, t := range schema.Types {
		if t.Kind != ast.Object && t.Kind != ast.Interface || strings.HasPrefix(t.Name, "__") {
			continue
		}
		for _, f := range t.Fields {
			name := t.Name + "." + f.Name
			if f.Directives.ForName("analysis") != nil || libOnly && !libraryFields[name] && !strings.HasPrefix(f.Name, "__") {
				opts.Omit = append(opts.Omit, name)
			}
		}
	}
	slices.Sort(opts.Omit)
	opts.Omit = slices.Compact(opts.Omit)
	return opts
}

// generateShapes writes the first `candidates` distinct shapes a generator with seed writes, each with
// genVariants sets of values, translates each variant for the library, and keeps up to want of them: all
// of them, or with libOnly the shapes most of whose variants translate (the rest are returned as skipped).
func generateShapes(schema *ast.Schema, seed uint64, v querygen.Values, prefix string, libOnly bool, want, candidates int) (kept, skipped []*genShape, err error) {
	first := querygen.New(schema, seed, v, genOptions(schema, 1, libOnly))
	var shapes []*genShape
	var positions []int
	seen := map[string]bool{}
	for i := 0; i < genTries && len(shapes) < candidates; i++ {
		q := first.Next()
		if seen[q.Shape] {
			continue
		}
		seen[q.Shape] = true
		positions = append(positions, i)
		shapes = append(shapes, &genShape{shape: q.Shape, queries: []querygen.Query{q}})
	}
	if len(shapes) < want {
		return nil, nil, fmt.Errorf("%d distinct shapes in %d queries", len(shapes), genTries)
	}
	last := positions[len(positions)-1]
	for vs := uint64(2); vs <= genVariants; vs++ {
		g := querygen.New(schema, seed, v, genOptions(schema, vs, libOnly))
		next := 0
		for i := 0; i <= last; i++ {
			q := g.Next()
			if i != positions[next] {
				continue
			}
			if s := shapes[next]; q.Shape == s.shape { // `samples` may come and go; that variant is left out
				s.queries = append(s.queries, q)
			}
			next++
		}
	}
	for _, s := range shapes {
		doc := parse(schema, s.queries[0].Text)
		for _, f := range doc.Operations[0].SelectionSet {
			if f, ok := f.(*ast.Field); ok && !slices.Contains(s.roots, f.Name) {
				s.roots = append(s.roots, f.Name)
			}
		}
		for _, q := range s.queries {
			t, err := translate(schema, q.Text, q.Variables)
			if err != nil {
				if _, ok := err.(cannot); !ok {
					return nil, nil, fmt.Errorf("%s: %v", q.Shape, err)
				}
				if s.why == "" {
					s.why = err.Error()
				}
				s.lib = append(s.lib, nil)
				continue
			}
			s.lib = append(s.lib, &t)
		}
		if len(kept) == want || libOnly && 2*len(s.libVariants()) < len(s.queries) {
			skipped = append(skipped, s)
			continue
		}
		kept = append(kept, s)
		s.name = fmt.Sprintf("%s%02d", prefix, len(kept))
	}
	return kept, skipped, nil
}

func parse(schema *ast.Schema, text string) *ast.QueryDocument {
	doc, err := parseQuery(schema, text)
	if err != nil {
		panic(err)
	}
	return doc
}

// genKinds turns the shapes into query kinds, and returns the two mixes over them: "gen", the generated
// shapes asked of the service, and "gen-lib", the shapes of the library's set asked of the service and of
// the library with the same values.
func genKinds(all, lib []*genShape) (kinds []queryKind, mixes []queryKind) {
	for _, s := range append(slices.Clone(all), lib...) {
		kinds = append(kinds, queryKind{
			name:  s.name,
			about: s.shape,
			ask: [3]func(a args) request{
				nil,
				func(a args) request {
					q := s.queries[a.variant]
					r := gql(q.Text, q.Variables)
					r.answers = []string{"NOT_FOUND"} // a person or event on a network without them
					return r
				},
				func(a args) request { return gql(s.lib[a.variant].text, nil) },
			},
		})
	}
	byName := func(name string) *queryKind {
		i := slices.IndexFunc(kinds, func(k queryKind) bool { return k.name == name })
		return &kinds[i]
	}
	mixes = append(mixes, queryKind{name: "gen", about: fmt.Sprintf("generated mix: %d shapes", len(all)),
		systems: []system{serviceSys, uncachedSys},
		mix: func(r *rand.Rand, _ *dataset) (*queryKind, args) {
			s := all[r.IntN(len(all))]
			return byName(s.name), args{variant: r.IntN(len(s.queries))}
		}})
	if len(lib) > 0 {
		mixes = append(mixes, queryKind{name: "gen-lib", about: fmt.Sprintf("generated mix the library can answer: %d shapes", len(lib)),
			systems: []system{serviceSys, librarySys, uncachedSys},
			mix: func(r *rand.Rand, _ *dataset) (*queryKind, args) {
				s := lib[r.IntN(len(lib))]
				vs := s.libVariants()
				return byName(s.name), args{variant: vs[r.IntN(len(vs))]}
			}})
	}
	return kinds, mixes
}

// genWarm is the warm-up pass of one generated mix on one system: every variant asked once.
type genWarm struct {
	mix      string
	sys      system
	asked    int
	errors   int
	took     time.Duration
	slowest  time.Duration
	slowName string
}

// warmGenerated asks every variant the mix can draw once, one at a time, of each system that reads every
// answer from the graph (the uncached service and the library), before the mix's first cell. The cells
// then measure what a deployed system spends on questions it has seen the shape of, not the first
// planning of each statement text by Neo4j, which both systems pay once per text (a cold start, timed
// here and reported). The cached service is left cold: warming it would fill its response cache.
func warmGenerated(ctx context.Context, client *http.Client, c config, mk queryKind, all, lib []*genShape, kinds []queryKind) []genWarm {
	shapes := all
	if mk.name == "gen-lib" {
		shapes = lib
	}
	var out []genWarm
	for _, sys := range systems {
		if sys == serviceSys || !mk.measuredOn(sys) {
			continue
		}
		w := genWarm{mix: mk.name, sys: sys}
		start := time.Now()
		for _, s := range shapes {
			k := kinds[slices.IndexFunc(kinds, func(k queryKind) bool { return k.name == s.name })]
			variants := s.libVariants()
			if mk.name == "gen" {
				variants = nil
				for i := range s.queries {
					variants = append(variants, i)
				}
			}
			for _, vi := range variants {
				if ctx.Err() != nil {
					return out
				}
				t0 := time.Now()
				_, err := do(ctx, client, c.urls[sys], k.request(sys, args{variant: vi}))
				took := time.Since(t0)
				w.asked++
				if err != nil {
					w.errors++
				}
				if took > w.slowest {
					w.slowest, w.slowName = took, s.name
				}
			}
		}
		w.took = time.Since(start)
		log.Printf("%-12s warm-up  %-8s %d requests in %s, slowest %s (%s), errors %d", mk.name, sys, w.asked,
			w.took.Round(time.Millisecond), ms(w.slowest), w.slowName, w.errors)
		out = append(out, w)
	}
	return out
}

// genCheck is the same-answer check of one generated shape.
type genCheck struct {
	shape              *genShape
	asked, agree       int
	libAsked, libAgree int
	serviceTx          []int
	mismatches         []string
}

// checkGenerated asks each shape's first variants of the service twice (read from the graph, and as
// deployed) and, where it translates, of the library, and compares the answers: the service's two equal,
// and the library's read back into the service's shape equal to the service's with cursors hidden.
func checkGenerated(ctx context.Context, client *http.Client, c config, shapes []*genShape, kinds []queryKind) []genCheck {
	var out []genCheck
	for _, s := range shapes {
		k := kinds[slices.IndexFunc(kinds, func(k queryKind) bool { return k.name == s.name })]
		res := genCheck{shape: s}
		for vi := 0; vi < min(c.checkSamples, len(s.queries)); vi++ {
			a := args{variant: vi}
			uncached, err := askData(ctx, client, c.urls[uncachedSys], k.request(uncachedSys, a))
			res.asked++
			if err != nil {
				res.mismatches = append(res.mismatches, fmt.Sprintf("variant %d: the service: %v", vi, err))
				continue
			}
			res.serviceTx = append(res.serviceTx, uncached.tx)
			cached, err := askData(ctx, client, c.urls[serviceSys], k.request(serviceSys, a))
			if err != nil || canonJSON(cached.data) != canonJSON(uncached.data) {
				res.mismatches = append(res.mismatches, fmt.Sprintf("variant %d: the service as deployed answers otherwise (%v)", vi, err))
				continue
			}
			res.agree++
			t := s.lib[vi]
			if t == nil || !slices.Contains(systems, librarySys) {
				continue
			}
			res.libAsked++
			lib, err := askData(ctx, client, c.urls[librarySys], k.request(librarySys, a))
			if err != nil {
				res.mismatches = append(res.mismatches, fmt.Sprintf("variant %d: the library: %v\n  asked: %s", vi, err, t.text))
				continue
			}
			want, _ := t.norm(uncached.data)
			got, _ := t.read(lib.data)
			if w, g := canonJSON(want), canonJSON(got); w != g {
				res.mismatches = append(res.mismatches, fmt.Sprintf("variant %d: the library answers otherwise\n  %s\n  asked: %s", vi, firstDiff(w, g), t.text))
				continue
			}
			res.libAgree++
		}
		log.Printf("check %-4s service %d/%d, library %d/%d", s.name, res.agree, res.asked, res.libAgree, res.libAsked)
		for _, m := range res.mismatches {
			log.Printf("  mismatch %s", m)
		}
		out = append(out, res)
	}
	return out
}

type answer struct {
	data map[string]any
	tx   int
}

func askData(ctx context.Context, client *http.Client, base string, req request) (answer, error) {
	b, err := do(ctx, client, base, req)
	if err != nil {
		return answer{}, err
	}
	return decodeAnswer(b)
}

// decodeAnswer reads a GraphQL response's data and the service's count of Neo4j transactions.
func decodeAnswer(b []byte) (answer, error) {
	var env struct {
		Data       map[string]any `json:"data"`
		Extensions struct {
			Cost struct {
				Neo4jTransactions int `json:"neo4jTransactions"`
			} `json:"cost"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return answer{}, err
	}
	return answer{data: env.Data, tx: env.Extensions.Cost.Neo4jTransactions}, nil
}

// canonJSON is v as JSON with object keys sorted (encoding/json sorts map keys).
func canonJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "ERROR " + err.Error()
	}
	return string(b)
}

// shapeStats are one shape's requests within a cell of a generated mix.
type shapeStats struct {
	n    int
	mean time.Duration
	p50  time.Duration
}

func statsOf(lat []time.Duration) shapeStats {
	if len(lat) == 0 {
		return shapeStats{}
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return shapeStats{n: len(s), mean: sum / time.Duration(len(s)), p50: s[len(s)/2]}
}

// runGenerated writes the generated mix's shapes from the data's values, checks the answers, and measures
// the two mixes at every concurrency.
func runGenerated(ctx context.Context, client *http.Client, c config, d *dataset, rep *report) error {
	v, err := queryValues(ctx, c.neo4jURI)
	if err != nil {
		return err
	}
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	all, _, err := generateShapes(schema, c.genSeed, v, "g", false, genShapes, genShapes)
	if err != nil {
		return err
	}
	lib, skipped, err := generateShapes(schema, c.genSeed, v, "l", true, genShapes, 2*genShapes)
	if err != nil {
		return err
	}
	kinds, mixes := genKinds(all, lib)
	rep.gen = &genReport{all: all, lib: lib, skipped: skipped}
	answerable := 0
	for _, s := range all {
		if len(s.libVariants()) > 0 {
			answerable++
		}
	}
	log.Printf("generated mix: %d shapes, %d the library can answer; library's set: %d shapes (%d skipped)",
		len(all), answerable, len(lib), len(skipped))
	rep.gen.checks = checkGenerated(ctx, client, c, append(slices.Clone(all), lib...), kinds)
	for _, mk := range mixes {
		if c.only != nil && !c.only[mk.name] {
			continue
		}
		rep.gen.mixes = append(rep.gen.mixes, mk)
		rep.gen.warm = append(rep.gen.warm, warmGenerated(ctx, client, c, mk, all, lib, kinds)...)
		for _, n := range c.levels {
			for _, sys := range systems {
				if !mk.measuredOn(sys) {
					continue
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
				cl := measure(ctx, client, c, d, mk, sys, n, c.mixWarmup, c.mixDuration)
				log.Printf("%-12s c=%-3d %-8s %8.1f req/s  p50 %8s  p99 %8s  errors %d %s", mk.name, n, sys, cl.rps,
					ms(cl.p50), ms(cl.p99), cl.errors, cl.firstErr)
				rep.cells = append(rep.cells, cl)
			}
		}
	}
	return nil
}

// genReport is the generated mix's part of the report.
type genReport struct {
	all, lib, skipped []*genShape
	warm              []genWarm
	checks            []genCheck
	mixes             []queryKind
}

func (g *genReport) markdown(b *strings.Builder, r *report) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	c := r.cfg
	p("\n### The generated mix\n\n")
	p("Shapes of query written by package querygen (seed %d) from the service's schema, reading stored objects only "+
		"(top-level %s; no @analysis field), each asked with up to %d sets of values (other slugs, filters, page "+
		"sizes, dates; inline or as variables; `querygen.Options.ValueSeed`). Two sets of %d shapes:\n\n"+
		"- `g..` (mix `gen`): the first distinct shapes the generator writes. The library is asked those it can "+
		"answer (bench/load/translate.go reads the service's query and writes the same question in the library's "+
		"API); most it cannot, since people, events, search, node lookups, ties, positions and participations have "+
		"no counterpart in its schema. Measured on the service only.\n"+
		"- `l..` (mix `gen-lib`): the same generator kept to the fields the library's API can express "+
		"(`libraryFields`), and of those shapes the ones at least half of whose variants translate (an `asOf` or a "+
		"`mandateContains` value does not). Asked of the service and of the library with the same values.\n\n"+
		"The floor has no statements for shapes nobody wrote, so it is not in these cells. Each request draws a "+
		"shape, then one of its variants.\n\n", c.genSeed, strings.Join(storeRoots, ", "), genVariants, genShapes)
	if len(g.warm) > 0 {
		p("#### Warm-up\n\n")
		p("Before a mix's first cell, every variant it can draw was asked once, one at a time, of the uncached service " +
			"and of the library: Neo4j plans each new statement text once, and the cells measure the systems after that, " +
			"as a deployed dashboard's questions are. The cached service was not warmed (its response cache would fill). " +
			"What the first asks cost:\n\n")
		p("| mix | system | requests | time | mean | slowest (shape) | errors |\n| --- | --- | ---: | ---: | ---: | --- | ---: |\n")
		for _, w := range g.warm {
			mean := time.Duration(0)
			if w.asked > 0 {
				mean = w.took / time.Duration(w.asked)
			}
			p("| %s | %s | %d | %s | %s | %s (%s) | %d |\n", w.mix, w.sys, w.asked, w.took.Round(time.Millisecond), ms(mean),
				ms(w.slowest), w.slowName, w.errors)
		}
		p("\n")
	}
	p("#### Same answers\n\n")
	p("Each shape's first %d variants, asked of the service read from the graph and as deployed (must be equal), "+
		"and, where the variant translates, of the library (its answer read back into the service's shape must equal "+
		"the service's, cursors aside).\n\n", c.checkSamples)
	p("| shape | top-level fields | variants (library) | service agrees | library agrees | service Bolt transactions | why the library cannot |\n| --- | --- | ---: | ---: | ---: | --- | --- |\n")
	answerable := 0
	for _, ch := range g.checks {
		s := ch.shape
		lib := len(s.libVariants())
		if lib > 0 && strings.HasPrefix(s.name, "g") {
			answerable++
		}
		why := s.why
		if lib == len(s.queries) {
			why = ""
		} else if lib > 0 {
			why = "some variants: " + why
		}
		p("| %s | %s | %d (%d) | %d/%d | %d/%d | %v | %s |\n", s.name, strings.Join(s.roots, ", "), len(s.queries), lib,
			ch.agree, ch.asked, ch.libAgree, ch.libAsked, ch.serviceTx, why)
	}
	p("\nThe library can answer %d of the %d `g` shapes (at least one variant). Of the library's set, %d shapes "+
		"were skipped for having fewer than half their variants translatable:\n\n", answerable, len(g.all), len(g.skipped))
	for _, s := range g.skipped {
		p("- %d of %d variants: %s\n", len(s.libVariants()), len(s.queries), s.why)
	}
	for _, ch := range g.checks {
		for _, m := range ch.mismatches {
			p("\n- mismatch in %s: `%s`", ch.shape.name, strings.ReplaceAll(m, "\n", " "))
		}
	}

	p("\n\n#### Throughput and latency\n\n")
	p("| mix | conc | uncached req/s | p50 | p99 | service req/s | p50 | p99 | library req/s | p50 | p99 | uncached/library | p99 uncached/library | errors u/s/l |\n")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, mk := range g.mixes {
		for _, n := range c.levels {
			u, _ := r.find(mk.name, n, uncachedSys)
			s, _ := r.find(mk.name, n, serviceSys)
			l, okl := r.find(mk.name, n, librarySys)
			lib := func(f string) string {
				if !okl {
					return "-"
				}
				return f
			}
			p("| %s | %d | %.1f | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %d/%d/%s |\n", mk.name, n,
				u.rps, ms(u.p50), ms(u.p99), s.rps, ms(s.p50), ms(s.p99),
				lib(fmt.Sprintf("%.1f", l.rps)), lib(ms(l.p50)), lib(ms(l.p99)),
				lib(ratio(u.rps, l.rps)), lib(ratio(float64(u.p99), float64(l.p99))), u.errors, s.errors, lib(fmt.Sprint(l.errors)))
		}
	}
	for _, cl := range r.cells {
		if cl.firstErr != "" && strings.HasPrefix(cl.query, "gen") {
			p("\n- first error of %s at %d on %s: `%.300s`", cl.sys, cl.conc, cl.query, cl.firstErr)
		}
	}

	p("\n\n#### Targets on the generated mix the library can answer (`gen-lib`)\n\n")
	p("| conc | service | throughput / library (target >= 3x) | p99 vs library (target <=) |\n| ---: | --- | --- | --- |\n")
	for _, n := range c.levels {
		l, okl := r.find("gen-lib", n, librarySys)
		for _, sys := range []system{serviceSys, uncachedSys} {
			s, ok := r.find("gen-lib", n, sys)
			if !ok || !okl {
				continue
			}
			variant := "as deployed (response cache on)"
			if sys == uncachedSys {
				variant = "every answer read from the graph"
			}
			p("| %d | %s | %s %s | %s vs %s %s |\n", n, variant, ratio(s.rps, l.rps), mark(s.rps >= 3*l.rps),
				ms(s.p99), ms(l.p99), mark(s.p99 <= l.p99))
		}
	}

	p("\n#### Per shape\n\n")
	p("Within the mix cells: each shape's requests, their mean latency read from the graph (uncached), as deployed, " +
		"and on the library, and the library's mean over the uncached service's in the same cell: above 1 the " +
		"service answers that shape faster.\n\n")
	for _, n := range c.levels {
		p("Concurrency %d:\n\n| shape | requests | uncached mean | p50 | service mean | library mean | p50 | library/uncached |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n", n)
		for _, mk := range []string{"gen", "gen-lib"} {
			shapes := g.all
			if mk == "gen-lib" {
				shapes = g.lib
			}
			u, _ := r.find(mk, n, uncachedSys)
			s, _ := r.find(mk, n, serviceSys)
			l, _ := r.find(mk, n, librarySys)
			for _, sh := range shapes {
				us, ss := statsOf(u.byKind[sh.name]), statsOf(s.byKind[sh.name])
				if us.n == 0 {
					continue
				}
				libCol := "- | - | -"
				if ls := statsOf(l.byKind[sh.name]); ls.n > 0 {
					libCol = fmt.Sprintf("%s | %s | %s", ms(ls.mean), ms(ls.p50), ratio(float64(ls.mean), float64(us.mean)))
				}
				p("| %s | %d | %s | %s | %s | %s |\n", sh.name, us.n, ms(us.mean), ms(us.p50), ms(ss.mean), libCol)
			}
		}
		p("\n")
	}
	p("<details><summary>The shapes (arguments named, values left out)</summary>\n\n")
	for _, sh := range append(slices.Clone(g.all), g.lib...) {
		p("- %s: `%s`\n", sh.name, sh.shape)
	}
	p("\n</details>\n")
}

// firstDiff shows where two answers part: the text around the first character that differs.
func firstDiff(service, library string) string {
	i := 0
	for i < len(service) && i < len(library) && service[i] == library[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("from character %d: service …%.400s; library …%.400s", i, service[from:], library[from:])
}
