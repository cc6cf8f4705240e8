package querycost

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
)

func schema(t testing.TB) *ast.Schema {
	t.Helper()
	return graph.NewExecutableSchema(graph.Config{}).Schema()
}

// nest builds a document of levels fragments, each spreading the next fan times, under a stakeholder.
func nest(levels, fan int, sel string) string {
	var b strings.Builder
	b.WriteString(`query { stakeholder(slug: "kdn") { ...F0 } }` + "\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on Stakeholder { name %s", i, sel)
		for range fan {
			if i+1 < levels {
				fmt.Fprintf(&b, " partners { partner { ...F%d } }", i+1)
			}
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

func TestCheckDocument(t *testing.T) {
	limits := DefaultLimits
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " a%d: __typename", i)
		}
		return b.String() + " }"
	}
	cases := []struct {
		name, query, code string
	}{
		{"a plain query", `{ stakeholders(first: 5) { nodes { name partners { partner { name } } } } }`, ""},
		{"GraphiQL's schema query", introspectionQuery, ""},
		{"too many tokens", "{" + strings.Repeat(" __typename", 10001) + " }", CodeTokens},
		{"too deep", `{ stakeholder(slug: "a") { ` + strings.Repeat("partners { partner { ", 6) + "name" + strings.Repeat(" } }", 6) + " } }", CodeDepth},
		{"as deep as allowed", `{ stakeholder(slug: "a") { ` + strings.Repeat("partners { partner { ", 5) + "name" + strings.Repeat(" } }", 5) + " } }", ""},
		{"too deep through fragments", nest(8, 1, ""), CodeDepth},
		{"fragments spread wide", nest(6, 5, ""), CodeFields},
		{"too many aliases", aliases(51), CodeAliases},
		{"too many root fields", "{" + strings.Repeat(" __typename", 21) + " }", CodeRootFields},
		{"too many directives", `{ __typename ` + strings.Repeat("@include(if: true) ", 51) + `}`, CodeDirectives},
		{"a huge string", `{ search(text: "` + strings.Repeat("a", 10001) + `") { name } }`, CodeValueSize},
		{"a long list", `{ nodes(ids: [` + strings.Repeat(`"x", `, 1001) + `]) { id } }`, CodeValueSize},
		{"a fragment that spreads itself", `{ stakeholder(slug: "a") { ...A } } fragment A on Stakeholder { name ...B }
			fragment B on Stakeholder { partners { partner { ...A } } }`, CodeValidation},
		{"a syntax error", `{ stakeholder(slug: ) }`, CodeParse},
		{"an unterminated string", `{ search(text: "abc) { name } }`, CodeParse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := CheckDocument(c.query, limits)
			var got string
			if err != nil {
				got, _ = err.Extensions["code"].(string)
			}
			if got != c.code {
				t.Errorf("code %q, want %q (%v)", got, c.code, err)
			}
		})
	}
}

// TestFragmentsMeasuredOnce checks that a fragment is measured once however often it is spread: a
// document whose expansion is astronomically large is measured, and refused, in one pass.
func TestFragmentsMeasuredOnce(t *testing.T) {
	doc := nest(40, 8, "") // 8^40 fields when expanded
	m := 0
	for range 3 {
		_, err := CheckDocument(doc, Limits{Depth: 1000})
		if code, _ := err.Extensions["code"].(string); code != CodeFields {
			t.Fatalf("code %q, want %q: %v", code, CodeFields, err)
		}
		m++
	}
	if m != 3 {
		t.Fatal("unreachable")
	}
}

func TestCheckVariables(t *testing.T) {
	long := make([]any, 1001)
	deep := any("leaf")
	for range 12 {
		deep = []any{deep}
	}
	cases := []struct {
		name string
		vars map[string]any
		code string
	}{
		{"ordinary", map[string]any{"slug": "kdn", "kinds": []any{"NGO", "AGENCY"}, "filter": map[string]any{"asOf": "2024-01-01"}}, ""},
		{"a huge string", map[string]any{"text": strings.Repeat("é", 10001)}, CodeValueSize},
		{"a long list", map[string]any{"ids": long}, CodeValueSize},
		{"deep nesting", map[string]any{"x": deep}, CodeValueSize},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckVariables(c.vars, DefaultLimits)
			var got string
			if err != nil {
				got, _ = err.Extensions["code"].(string)
			}
			if got != c.code {
				t.Errorf("code %q, want %q (%v)", got, c.code, err)
			}
		})
	}
}

// priceOf validates a query against the service's schema and prices it.
func priceOf(t *testing.T, query string, vars map[string]any, m domain.GraphMeasures) Price {
	t.Helper()
	s := schema(t)
	p, err := readPricing(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := gqlparser.LoadQuery(s, query)
	if len(errs) > 0 {
		t.Fatalf("invalid query: %v", errs)
	}
	op := doc.Operations[0]
	if vars != nil {
		if vars, err = validator.VariableValues(s, op, vars); err != nil {
			t.Fatal(err)
		}
	}
	price, err := p.price(op, vars, m)
	if err != nil {
		t.Fatal(err)
	}
	return price
}

func TestPrice(t *testing.T) {
	m := domain.GraphMeasures{Stakeholders: 100, Ties: 300, MaxDegree: 7}
	cases := []struct {
		name  string
		query string
		vars  map[string]any
		want  Price
	}{
		{"a scalar", `{ __typename }`, nil, Price{Cost: 1}},
		{"one stakeholder", `{ stakeholder(slug: "a") { name kind } }`, nil, Price{Cost: 3}},
		// 1 + partners (1 + 7 x (partner (1 + name 1))) = 1 + 1 + 7 x 2
		{"a stakeholder's partners", `{ stakeholder(slug: "a") { partners { partner { name } } } }`, nil, Price{Cost: 16}},
		// stakeholders: 1 + nodes (1 + 20 x (1 name)) + totalCount 1 = 1 + 21 + 1... the connection itself
		// is one object: 1 + (nodes: 1 + 20 x 1) + (totalCount: 1)
		{"a default page", `{ stakeholders { nodes { name } totalCount } }`, nil, Price{Cost: 1 + 21 + 1}},
		{"a page from a variable", `query($n: Int) { stakeholders(first: $n) { nodes { name } } }`, map[string]any{"n": 50}, Price{Cost: 1 + 51}},
		{"edges and nodes are both sized", `{ stakeholders(first: 3) { edges { node { name } } nodes { name } } }`, nil,
			Price{Cost: 1 + (1 + 3*2) + (1 + 3)}},
		// the network's stakeholders are as many as the graph holds
		{"the network", `{ network { stakeholders { name } ties { key } } }`, nil, Price{Cost: 1 + 101 + 301}},
		// top is capped by the stakeholders the graph holds; an analysis on the whole network
		{"a ranking", `{ centrality(metric: DEGREE, top: 1000) { value } }`, nil, Price{Cost: 101, Analyses: 1, Views: 1}},
		{"two rankings on two views", `{ a: centrality(metric: DEGREE) { value } b: centrality(metric: DEGREE, filter: {asOf: "2020-01-01"}) { value } }`,
			nil, Price{Cost: 42, Analyses: 2, Views: 2}},
		{"the same analysis twice is one", `{ a: centrality(metric: PAGERANK) { value } b: centrality(metric: PAGERANK) { rank } }`,
			nil, Price{Cost: 42, Analyses: 1, Views: 1}},
		// communities are priced one per stakeholder, and their members once each
		{"communities", `{ communities { communities { size members { name } } } }`, nil, Price{Cost: 1 + 1 + 100*(1+1+1), Analyses: 1, Views: 1}},
		// a neighbourhood's lists are priced at the assumed 200 items, or the graph's bound when lower
		{"a neighbourhood", `{ neighborhood(id: "x") { stakeholders { name } ties { key } } }`, nil,
			Price{Cost: 1 + (1 + 100) + (1 + 200), Analyses: 1, Views: 1}},
		{"nodes by ID", `{ nodes(ids: ["a", "b", "c"]) { id } }`, nil, Price{Cost: 1 + 3}},
		// a slicing argument sent as null is its default, which the resolver uses; one ID is a list of one
		{"a page of null size", `{ stakeholders(first: null) { nodes { name } } }`, nil, Price{Cost: 1 + 21}},
		{"a null page from a variable", `query($n: Int) { stakeholders(first: $n) { nodes { name } } }`, map[string]any{"n": nil}, Price{Cost: 1 + 21}},
		{"one ID where a list is expected", `{ nodes(ids: "a") { id } }`, nil, Price{Cost: 1 + 1}},
		{"a fragment on a connection, priced per page size", `{ a: stakeholders(first: 2) { ...C } b: stakeholders(first: 4) { ...C } }
			fragment C on StakeholderConnection { nodes { name } }`, nil, Price{Cost: (1 + 1 + 2) + (1 + 1 + 4)}},
		{"a deferred fragment", `{ stakeholder(slug: "a") { ... @defer { name } } }`, nil, Price{Cost: 2, Defers: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := priceOf(t, c.query, c.vars, m); got != c.want {
				t.Errorf("price %+v, want %+v", got, c.want)
			}
		})
	}
}

// TestPriceMemoised checks that a fragment spread many times over is priced once per place: the nest of
// TestFragmentsMeasuredOnce, which validation accepts, prices at the saturated maximum at once.
func TestPriceMemoised(t *testing.T) {
	p := priceOf(t, nest(30, 8, "sources { title }"), nil, domain.GraphMeasures{Stakeholders: 31, Ties: 25, MaxDegree: 20})
	if p.Cost != most {
		t.Errorf("cost %d, want the saturated %d", p.Cost, most)
	}
}

// TestSchemaMustBePriced checks that a list with no @listSize is refused when the service starts.
func TestSchemaMustBePriced(t *testing.T) {
	if _, err := readPricing(schema(t)); err != nil {
		t.Fatalf("the service's schema: %v", err)
	}
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "cost.graphqls", Input: `
		enum GraphMeasure { STAKEHOLDERS TIES MAX_DEGREE }
		directive @listSize(slicingArguments: [String!], sizedBy: GraphMeasure, assumedSize: Int, sizedFields: [String!]) on FIELD_DEFINITION
		type Query { things: [Thing!]! names: [String!]! priced: [Thing!]! @listSize(assumedSize: 3) }
		type Thing { name: String }`})
	if err != nil {
		t.Fatal(err)
	}
	_, err = readPricing(s)
	if err == nil || !strings.Contains(err.Error(), "Query.things is a list with no @listSize") || strings.Contains(err.Error(), "names") {
		t.Errorf("err = %v", err)
	}
}

// TestAnswerSizesMustNameLists checks that @sizedByAnswer naming anything but a list of the answer is
// refused when the service starts.
func TestAnswerSizesMustNameLists(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "cost.graphqls", Input: `
		enum GraphMeasure { STAKEHOLDERS TIES MAX_DEGREE }
		directive @listSize(slicingArguments: [String!], sizedBy: GraphMeasure, assumedSize: Int, sizedFields: [String!]) on FIELD_DEFINITION
		directive @sizedByAnswer(fields: [String!]!, assumedSize: Int!) on FIELD_DEFINITION
		type Query { near: Near @sizedByAnswer(fields: ["things", "count", "nothing"], assumedSize: 10) }
		type Near { things: [Thing!]! @listSize(sizedBy: STAKEHOLDERS) count: Int }
		type Thing { name: String }`})
	if err != nil {
		t.Fatal(err)
	}
	_, err = readPricing(s)
	if err == nil || !strings.Contains(err.Error(), `Query.near: @sizedByAnswer names "count", which is not a list of the answer`) {
		t.Errorf("err = %v", err)
	}
}

// introspectionQuery is GraphiQL's schema query.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`
