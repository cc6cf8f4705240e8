package querygen_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
	"github.com/stakeholder-graph/stakeholder-graph/querygen"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

func schema(t testing.TB) *ast.Schema {
	t.Helper()
	return graph.NewExecutableSchema(graph.Config{}).Schema()
}

func seedValues(t testing.TB) querygen.Values {
	t.Helper()
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	return querygen.FromDataset(d)
}

// opts are the options the API test uses: the defaults, with a few lookups of things that do not exist.
var opts = querygen.Options{Misses: 0.05}

// TestQueriesAreValid checks 10,000 queries: the first five of 1,000 seeds, and the first 1,000 of five
// more. Each parses and validates against the schema, its variables are values of their declared types, it
// passes the document limits the service checks before pricing, and no path nests more than four
// object-typed fields.
func TestQueriesAreValid(t *testing.T) {
	s := schema(t)
	v := seedValues(t)
	limits := querycost.DefaultLimits
	check := func(genSeed uint64, count int) {
		g := querygen.New(s, genSeed, v, opts)
		for i := range count {
			q := g.Next()
			doc, errs := gqlparser.LoadQuery(s, q.Text)
			if len(errs) > 0 {
				t.Fatalf("seed %d, query %d does not validate: %v\n%s", genSeed, i, errs, q.Text)
			}
			if _, err := validator.VariableValues(s, doc.Operations[0], sent(t, q.Variables)); err != nil {
				t.Fatalf("seed %d, query %d: variables %v: %v\n%s", genSeed, i, q.Variables, err, q.Text)
			}
			if _, err := querycost.CheckDocument(q.Text, limits); err != nil {
				t.Fatalf("seed %d, query %d is over a limit: %v\n%s", genSeed, i, err, q.Text)
			}
			if err := querycost.CheckVariables(q.Variables, limits); err != nil {
				t.Fatalf("seed %d, query %d: variables over a limit: %v\n%s", genSeed, i, err, q.Text)
			}
			if d := depth(doc.Operations[0].SelectionSet); d > 4 {
				t.Fatalf("seed %d, query %d nests %d object levels\n%s", genSeed, i, d, q.Text)
			}
		}
	}
	for i := range uint64(1000) {
		check(i, 5)
	}
	for i := range uint64(5) {
		check(1000+i, 1000)
	}
}

// sent returns vars as the service receives them: encoded as JSON and decoded with numbers kept as written.
func sent(t *testing.T, vars map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(vars)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out map[string]any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// depth counts the object-typed fields nested on the deepest path of set, fragments expanded.
func depth(set ast.SelectionSet) int {
	most := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				most = max(most, 1+depth(s.SelectionSet))
			}
		case *ast.InlineFragment:
			most = max(most, depth(s.SelectionSet))
		case *ast.FragmentSpread:
			most = max(most, depth(s.Definition.SelectionSet))
		}
	}
	return most
}

// TestSameSeedSameQueries checks that a seed gives the same queries whatever order the values come in, and
// that another seed gives others.
func TestSameSeedSameQueries(t *testing.T) {
	s := schema(t)
	v := seedValues(t)
	shuffled := v
	shuffled.Stakeholders = slices.Clone(v.Stakeholders)
	shuffled.Words = slices.Clone(v.Words)
	r := rand.New(rand.NewPCG(1, 1))
	r.Shuffle(len(shuffled.Stakeholders), func(i, j int) {
		shuffled.Stakeholders[i], shuffled.Stakeholders[j] = shuffled.Stakeholders[j], shuffled.Stakeholders[i]
	})
	r.Shuffle(len(shuffled.Words), func(i, j int) { shuffled.Words[i], shuffled.Words[j] = shuffled.Words[j], shuffled.Words[i] })

	take := func(genSeed uint64, v querygen.Values) []querygen.Query {
		g := querygen.New(s, genSeed, v, opts)
		qs := make([]querygen.Query, 200)
		for i := range qs {
			qs[i] = g.Next()
		}
		return qs
	}
	first := take(7, v)
	if diff := cmp.Diff(first, take(7, shuffled)); diff != "" {
		t.Errorf("seed 7 twice (-first +second):\n%s", diff)
	}
	other := take(8, v)
	same := 0
	for i := range first {
		if first[i].Text == other[i].Text {
			same++
		}
	}
	if same > len(first)/10 {
		t.Errorf("seeds 7 and 8 gave %d of %d queries alike", same, len(first))
	}
}

// bareItem matches a list argument given one item without brackets.
var bareItem = regexp.MustCompile(`\b(ids|kinds|partnerKinds|sectors|focusAreas|tieTypes|types|via|roles): [A-Z"]`)

// features are the ways of writing a query the generator has, each of which some query should use.
var features = []struct {
	name string
	has  func(doc *ast.QueryDocument, q querygen.Query) bool
}{
	{"a variable", func(doc *ast.QueryDocument, q querygen.Query) bool {
		return len(doc.Operations[0].VariableDefinitions) > 0
	}},
	{"a variable declared and not sent", func(doc *ast.QueryDocument, q querygen.Query) bool {
		return len(doc.Operations[0].VariableDefinitions) > len(q.Variables)
	}},
	{"an operation name", func(doc *ast.QueryDocument, q querygen.Query) bool { return doc.Operations[0].Name != "" }},
	{"an inline fragment", func(doc *ast.QueryDocument, q querygen.Query) bool { return strings.Contains(q.Text, "... on ") }},
	{"a named fragment", func(doc *ast.QueryDocument, q querygen.Query) bool { return len(doc.Fragments) > 0 }},
	{"an alias", func(doc *ast.QueryDocument, q querygen.Query) bool { return strings.Contains(q.Shape, ": ") }},
	{"a directive", func(doc *ast.QueryDocument, q querygen.Query) bool { return strings.Contains(q.Shape, " @") }},
	{"an input object", func(doc *ast.QueryDocument, q querygen.Query) bool { return strings.Contains(q.Text, "filter: {") }},
	{"an explicit null", func(doc *ast.QueryDocument, q querygen.Query) bool { return strings.Contains(q.Text, ": null") }},
	{"a list of one without brackets", func(doc *ast.QueryDocument, q querygen.Query) bool { return bareItem.MatchString(q.Text) }},
}

// TestValueSeedKeepsShapes checks that generators with one seed and other value seeds write the same shapes
// in the same order with other values, which is how the benchmark asks one shape with many parameters. The
// one exception the option states: `samples` follows the drawn metric.
func TestValueSeedKeepsShapes(t *testing.T) {
	s := schema(t)
	v := seedValues(t)
	a := querygen.New(s, 3, v, querygen.Options{ValueSeed: 1})
	b := querygen.New(s, 3, v, querygen.Options{ValueSeed: 2})
	compared, differ := 0, 0
	for i := range 500 {
		qa, qb := a.Next(), b.Next()
		if strings.Contains(qa.Shape, "samples") || strings.Contains(qb.Shape, "samples") {
			continue
		}
		compared++
		if qa.Shape != qb.Shape {
			t.Fatalf("query %d: shapes differ:\n%s\n%s", i, qa.Shape, qb.Shape)
		}
		if qa.Text != qb.Text || !cmp.Equal(qa.Variables, qb.Variables) {
			differ++
		}
	}
	if compared < 450 || differ < compared*9/10 {
		t.Errorf("%d queries compared, %d with other values: the value seed changes too little", compared, differ)
	}
}

// TestVariety checks that 500 queries ask many different things: at least 50 shapes, every root field, and
// every way of writing a query the generator has.
func TestVariety(t *testing.T) {
	s := schema(t)
	g := querygen.New(s, 1, seedValues(t), opts)
	shapes := map[string]bool{}
	roots := map[string]int{}
	used := map[string]int{}
	for range 500 {
		q := g.Next()
		shapes[q.Shape] = true
		doc, errs := gqlparser.LoadQuery(s, q.Text)
		if len(errs) > 0 {
			t.Fatalf("%v\n%s", errs, q.Text)
		}
		for _, sel := range doc.Operations[0].SelectionSet {
			roots[sel.(*ast.Field).Name]++
		}
		for _, f := range features {
			if f.has(doc, q) {
				used[f.name]++
			}
		}
	}
	t.Logf("%d shapes; root fields %v; features %v", len(shapes), roots, used)
	if len(shapes) < 50 {
		t.Errorf("%d distinct shapes in 500 queries, want at least 50", len(shapes))
	}
	for _, f := range querygen.Roots(s) {
		if roots[f.Name] == 0 {
			t.Errorf("root field %s never asked", f.Name)
		}
	}
	for _, f := range features {
		if used[f.name] == 0 {
			t.Errorf("no query has %s", f.name)
		}
	}
}

// TestOmit checks that the fields Options.Omit names are never asked, at the root or below.
func TestOmit(t *testing.T) {
	s := schema(t)
	omit := []string{"Stakeholder.centrality", "Query.search", "Partnership.sources"}
	o := opts
	o.Omit = omit
	g := querygen.New(s, 3, seedValues(t), o)
	for range 500 {
		q := g.Next()
		doc, errs := gqlparser.LoadQuery(s, q.Text)
		if len(errs) > 0 {
			t.Fatalf("%v\n%s", errs, q.Text)
		}
		walk(doc.Operations[0].SelectionSet, func(f *ast.Field) {
			if name := f.ObjectDefinition.Name + "." + f.Name; slices.Contains(omit, name) {
				t.Fatalf("%s asked although omitted:\n%s", name, q.Text)
			}
		})
	}
}

// walk calls visit on every field of set and below, fragments expanded.
func walk(set ast.SelectionSet, visit func(*ast.Field)) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			visit(s)
			walk(s.SelectionSet, visit)
		case *ast.InlineFragment:
			walk(s.SelectionSet, visit)
		case *ast.FragmentSpread:
			walk(s.Definition.SelectionSet, visit)
		}
	}
}

// TestRootsAreTheReadFields checks which root fields the queries start from: every Query field but
// introspection's and those @restricted to a role (the queries read anonymously).
func TestRootsAreTheReadFields(t *testing.T) {
	s := schema(t)
	var got, want []string
	for _, f := range querygen.Roots(s) {
		got = append(got, f.Name)
	}
	for _, f := range s.Query.Fields {
		if !strings.HasPrefix(f.Name, "__") && f.Name != "changes" {
			want = append(want, f.Name)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

// TestRulesNameTheSchema checks that every argument name the generator treats specially is an argument or
// input field of the schema, so that renaming one there fails here instead of quietly dropping the rule.
func TestRulesNameTheSchema(t *testing.T) {
	s := schema(t)
	names := map[string]bool{}
	for _, def := range s.Types {
		for _, f := range def.Fields {
			if def.Kind == ast.InputObject {
				names[f.Name] = true
			}
			for _, a := range f.Arguments {
				names[a.Name] = true
			}
		}
	}
	for _, n := range querygen.RuleNames {
		if !names[n] {
			t.Errorf("the generator has a rule for %q, which is no argument or input field of the schema", n)
		}
	}
}
