package querycost

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/validator"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// FuzzGuard feeds the guard any document and variables: measuring, validating and pricing must never
// panic, must finish fast (the walks are linear in the document, whatever its fragments), and an accepted
// document must be within the limits it was measured against.
func FuzzGuard(f *testing.F) {
	files, _ := filepath.Glob("../web/examples/*.graphql")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), `{}`)
		}
	}
	for _, q := range []string{introspectionQuery, nest(6, 3, "sources { title }"), nest(3, 2, ""),
		`query($n: Int) { stakeholders(first: $n) { nodes { name partners { partner { name } } } } }`,
		`{ communities { communities { members { name } } } centrality(metric: BETWEENNESS, samples: 5) { value } }`,
		`{ a: stakeholder(slug: "a") { ...F } } fragment F on Stakeholder { ...F }`,
		`{ stakeholder(slug: "a") { ... @defer { name } } }`} {
		f.Add(q, `{"n": 50}`)
	}
	s := schema(f)
	p, err := readPricing(s)
	if err != nil {
		f.Fatal(err)
	}
	m := domain.GraphMeasures{Stakeholders: 31, Ties: 25, MaxDegree: 20}
	f.Fuzz(func(t *testing.T, query, variables string) {
		var vars map[string]any
		if json.Unmarshal([]byte(variables), &vars) != nil {
			vars = nil
		}
		start := time.Now()
		if CheckVariables(vars, DefaultLimits) != nil {
			return
		}
		doc, gqlErr := CheckDocument(query, DefaultLimits)
		if gqlErr != nil {
			if code, _ := gqlErr.Extensions["code"].(string); code == "" {
				t.Errorf("a refusal without a code: %v", gqlErr)
			}
			return
		}
		if errs := validator.ValidateWithRules(s, doc, nil); len(errs) > 0 {
			return
		}
		for _, op := range doc.Operations {
			coerced, err := validator.VariableValues(s, op, vars)
			if err != nil {
				continue
			}
			price, err := p.price(op, coerced, m)
			if err != nil {
				continue
			}
			if price.Cost < 0 || price.Cost > most || price.Analyses < 0 || price.Views < 0 {
				t.Errorf("price %+v", price)
			}
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("guarding a %d-byte document took %v", len(query), took)
		}
	})
}
