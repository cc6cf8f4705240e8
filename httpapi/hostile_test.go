package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// hostile is one request built to make the service work hard, and how it must be answered.
type hostile struct {
	name   string
	body   string // the raw POST body; when empty, query and vars are encoded
	query  string
	vars   map[string]any
	status int    // the HTTP status wanted
	code   string // the extensions.code of the first error wanted
}

// fragmentNest is levels named fragments, each spreading the next fan times inside a nested list.
func fragmentNest(levels, fan int) string {
	var b strings.Builder
	b.WriteString(`query { stakeholder(slug: "mapo") { ...F0 } }` + "\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on Stakeholder { name", i)
		if i+1 < levels {
			for range fan {
				fmt.Fprintf(&b, " ...F%d partners { partner { ...F%d } }", i+1, i+1)
			}
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

// wideNest spreads fan fragments per level in one selection set, each spreading the next level's: the
// shape whose validation and pricing used to take minutes.
func wideNest(levels, fan int) string {
	var b strings.Builder
	b.WriteString(`query { stakeholder(slug: "mapo") { ...L0A } }` + "\n")
	for i := range levels {
		for j := range fan {
			fmt.Fprintf(&b, "fragment L%d%c on Stakeholder { name", i, 'A'+j)
			if i+1 < levels {
				for k := range fan {
					fmt.Fprintf(&b, " ...L%d%c", i+1, 'A'+k)
				}
				b.WriteString(" ties { other { id } }")
			}
			b.WriteString(" }\n")
		}
	}
	return b.String()
}

func aliasFlood(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	return b.String() + " }"
}

func hostileCorpus() []hostile {
	deepIntrospection := "{ __schema { types { " + strings.Repeat("fields { type { ", 12) + "name" + strings.Repeat(" } }", 12) + " } } }"
	deepValue := strings.Repeat("[", 40) + `"x"` + strings.Repeat("]", 40)
	longList := make([]any, 5000)
	for i := range longList {
		longList[i] = "U3Rha2Vob2xkZXI6a2Ru"
	}
	nestedVar := any("x")
	for range 50 {
		nestedVar = []any{nestedVar}
	}
	return []hostile{
		{name: "nested fragments, 10 levels, each spread twice", query: fragmentNest(10, 2), status: 200, code: "DEPTH_LIMIT_EXCEEDED"},
		{name: "nested fragments, 5 levels, fan-out 4", query: fragmentNest(5, 4), status: 200, code: "FIELD_LIMIT_EXCEEDED"},
		{name: "wide fragment nest, 12 levels of 6", query: wideNest(12, 6), status: 200, code: "FIELD_LIMIT_EXCEEDED"},
		{name: "the same field 1,999 times side by side", query: `{ stakeholder(slug: "kdn") { ` + strings.Repeat("name ", 1999) + `} }`,
			status: 200, code: "FIELD_LIMIT_EXCEEDED"},
		{name: "the same list 200 times side by side", query: `{ stakeholder(slug: "kdn") { ` + strings.Repeat("partners(kinds: [NGO]) { kind } ", 200) + `} }`,
			status: 200, code: "BREADTH_LIMIT_EXCEEDED"},
		{name: "600 fragments side by side", query: func() string {
			var b strings.Builder
			b.WriteString(`{ stakeholder(slug: "kdn") { `)
			for i := range 600 {
				fmt.Fprintf(&b, "...S%d ", i)
			}
			b.WriteString("} }")
			for i := range 600 {
				fmt.Fprintf(&b, " fragment S%d on Stakeholder { name }", i)
			}
			return b.String()
		}(), status: 200, code: "BREADTH_LIMIT_EXCEEDED"},
		{name: "a fragment spread 3000 times", query: `{ stakeholder(slug: "kdn") { ...F } } fragment F on Stakeholder { ` +
			strings.Repeat("...F2 ", 3000) + ` } fragment F2 on Stakeholder { name }`, status: 200, code: "FIELD_LIMIT_EXCEEDED"},
		{name: "60 aliases", query: aliasFlood(60, "__typename"), status: 200, code: "ALIAS_LIMIT_EXCEEDED"},
		{name: "3,000 aliases of one field", query: aliasFlood(3000, "__typename"), status: 200, code: "FIELD_LIMIT_EXCEEDED"},
		{name: "1,000 aliased lookups", query: aliasFlood(1000, `stakeholder(slug: "kdn") { name }`), status: 200, code: "TOKEN_LIMIT_EXCEEDED"},
		{name: "25 top-level fields", query: aliasFlood(25, `stakeholder(slug: "kdn") { name }`), status: 200, code: "ROOT_FIELD_LIMIT_EXCEEDED"},
		{name: "analyses on 10 dates", query: func() string {
			var b strings.Builder
			b.WriteString("{")
			for i := range 10 {
				fmt.Fprintf(&b, ` c%d: centrality(metric: BETWEENNESS, filter: {asOf: "20%02d-01-01"}) { value }`, i, i+10)
			}
			return b.String() + " }"
		}(), status: 200, code: "ANALYSIS_LIMIT_EXCEEDED"},
		{name: "analyses with different samples", query: func() string {
			var b strings.Builder
			b.WriteString("{")
			for i := range 20 {
				fmt.Fprintf(&b, ` c%d: centrality(metric: BETWEENNESS, samples: %d) { value }`, i, i+1)
			}
			return b.String() + " }"
		}(), status: 200, code: "ANALYSIS_LIMIT_EXCEEDED"},
		{name: "a fragment that spreads itself", query: `{ stakeholder(slug: "kdn") { ...A } }
			fragment A on Stakeholder { name ...B } fragment B on Stakeholder { partners { partner { ...A } } }`,
			status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "a fragment cycle of 500", query: func() string {
			var b strings.Builder
			b.WriteString(`{ stakeholder(slug: "kdn") { ...C0 } }`)
			for i := range 500 {
				fmt.Fprintf(&b, " fragment C%d on Stakeholder { name ...C%d }", i, (i+1)%500)
			}
			return b.String()
		}(), status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "deep introspection", query: deepIntrospection, status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "deep nesting", query: `{ stakeholder(slug: "kdn") { ` + strings.Repeat("partners { partner { ", 40) + "name" +
			strings.Repeat(" } }", 40) + " } }", status: 200, code: "DEPTH_LIMIT_EXCEEDED"},
		{name: "a search for a 200,000-character string", query: `{ search(text: "` + strings.Repeat("ab ", 66000) + `") { name } }`,
			status: 200, code: "VALUE_TOO_LARGE"},
		{name: "a huge string variable", query: `query($t: String!) { search(text: $t) { name } }`,
			vars: map[string]any{"t": strings.Repeat("x", 200000)}, status: 200, code: "VALUE_TOO_LARGE"},
		{name: "5,000 IDs", query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, vars: map[string]any{"ids": longList},
			status: 200, code: "VALUE_TOO_LARGE"},
		{name: "a deeply nested list literal", query: `{ nodes(ids: ` + deepValue + `) { id } }`, status: 200, code: "VALUE_TOO_LARGE"},
		{name: "a deeply nested variable", query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, vars: map[string]any{"ids": nestedVar},
			status: 200, code: "VALUE_TOO_LARGE"},
		{name: "20,000 tokens", query: "{" + strings.Repeat(" __typename", 20000) + " }", status: 200, code: "TOKEN_LIMIT_EXCEEDED"},
		{name: "a thousand operations", query: strings.Repeat("query { __typename } ", 1000), status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "a thousand directives", query: "{ __typename " + strings.Repeat("@include(if: true) ", 1000) + "}", status: 200, code: "DIRECTIVE_LIMIT_EXCEEDED"},
		{name: "a whole network fifteen times", query: aliasFlood(15, `network { stakeholders { name partners { partner { partners { partner { name } } } } } }`),
			status: 200, code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{name: "a page of 100 with three levels of partners", query: `{ stakeholders(first: 100) { nodes { ` +
			strings.Repeat("partners { partner { ", 3) + "name" + strings.Repeat(" } }", 3) + ` } } }`, status: 200, code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{name: "a body over the size limit", body: `{"query": "{ __typename }", "variables": {"x": "` + strings.Repeat("a", 300<<10) + `"}}`,
			status: 413, code: "REQUEST_TOO_LARGE"},
		{name: "a batch of requests", body: "[" + strings.TrimSuffix(strings.Repeat(`{"query": "{ __typename }"},`, 1000), ",") + "]",
			status: 400, code: "BAD_REQUEST"},
		{name: "malformed JSON", body: `{"query": "{ __typename }"`, status: 400, code: "BAD_REQUEST"},
		{name: "JSON nested 100,000 deep", body: `{"query": "{ __typename }", "variables": {"x": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}}`,
			status: 400, code: "BAD_REQUEST"},
	}
}

// TestHostileDocuments sends documents built to exhaust the service, on the seed network, and checks that
// each is refused within 100 ms with a 4xx or a GraphQL error naming the limit, before any Cypher runs.
func TestHostileDocuments(t *testing.T) {
	store := neo4jtest.Store(t)
	counted := &countingStore{Store: store}
	h := newAPI(counted, httpapi.Config{Ready: store})
	warm := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ __typename }"}`))
	warm.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(httptest.NewRecorder(), warm) // measures the graph once, as any first request does

	var worst time.Duration
	for _, c := range hostileCorpus() {
		t.Run(c.name, func(t *testing.T) {
			body := []byte(c.body)
			if c.body == "" {
				body, _ = json.Marshal(map[string]any{"query": c.query, "variables": c.vars})
			}
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			before := counted.calls.Load()
			start := time.Now()
			h.ServeHTTP(rec, req)
			took := time.Since(start)
			worst = max(worst, took)
			if took > 100*time.Millisecond {
				t.Errorf("answered in %v (%d bytes of document)", took, len(body))
			}
			if rec.Code != c.status {
				t.Errorf("status %d, want %d: %.300s", rec.Code, c.status, rec.Body.String())
			}
			var resp struct {
				Errors []gqlError       `json:"errors"`
				Data   *json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%v: %.300s", err, rec.Body.String())
			}
			if c.code == "" {
				if len(resp.Errors) > 0 {
					t.Errorf("errors: %+v", resp.Errors)
				}
				return
			}
			if len(resp.Errors) == 0 || codes(resp.Errors)[0] != c.code {
				t.Errorf("codes %v, want %s: %.300s", codes(resp.Errors), c.code, rec.Body.String())
			}
			if resp.Data != nil {
				t.Errorf("a refused request has a data entry: %s", *resp.Data)
			}
			if n := counted.calls.Load() - before; n != 0 {
				t.Errorf("%d database reads ran for a refused request", n)
			}
		})
	}
	t.Logf("%d hostile requests, the slowest answered in %v", len(hostileCorpus()), worst)
}
