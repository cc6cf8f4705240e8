package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/graph"
)

// TestTranslate checks the translation of a service query to the library's API and back: the library
// is asked the same filter and order, and its answer, read back, has the service's shape (IDs from slugs,
// empty lists for absent ones, aliases kept). What the library's API cannot express gives a reason.
func TestTranslate(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	q := `query($k: [StakeholderKind!]) { one: stakeholder(slug: "ijm-malaysia") { id name
  ngo: partners(kinds: $k) { partner { slug aliases } since } } }`
	tr, err := translate(schema, q, map[string]any{"k": []any{"NGO"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`one: stakeholders(where: {slug: {eq: "ijm-malaysia"}}, limit: 1)`,
		`ngo: partnersConnection(where: {node: {kind: {in: ["NGO"]}}}`, `{node: {nameKey: ASC}}, {node: {slug: ASC}}, {edge: {key: ASC}}`} {
		if !strings.Contains(tr.text, want) {
			t.Errorf("the library is asked\n%s\nwhich lacks %s", tr.text, want)
		}
	}
	var lib map[string]any
	if err := json.Unmarshal([]byte(`{"one": [{"id": "ijm-malaysia", "name": "IJM", "ngo": {"edges": [
  {"partner": {"slug": "tenaganita", "aliases": null}, "properties": {"since": "2019"}}]}}]}`), &lib); err != nil {
		t.Fatal(err)
	}
	got, _ := tr.read(lib)
	want := `{"one":{"id":"U3Rha2Vob2xkZXI6aWptLW1hbGF5c2lh","name":"IJM","ngo":[{"partner":{"aliases":[],"slug":"tenaganita"},"since":"2019"}]}}`
	if canonJSON(got) != want {
		t.Errorf("read back as\n%s\nwant\n%s", canonJSON(got), want)
	}

	for q, why := range map[string]string{
		`{ person(slug: "x") { name } }`:                                        "Query.person",
		`{ stakeholder(slug: "x") { partners(asOf: "2020-01-01") { since } } }`: "asOf",
		`{ stakeholders(filter: {mandateContains: "shelter"}) { totalCount } }`: "mandateContains",
	} {
		if _, err := translate(schema, q, nil); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%s: err = %v, want a reason naming %s", q, err, why)
		}
	}
}
