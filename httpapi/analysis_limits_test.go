package httpapi_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/stakeholder-graph/stakeholder-graph/app"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestExactAnalysesPastTheirSize sets the search limit below what the seed article's network needs for searches
// from every stakeholder (31 of them over 25 edges: about 2,400 steps) and checks that the exact analyses
// are refused with TOO_LARGE and a way out, while sampled betweenness within the limit and the statistics
// answer. The default limit, 2.5e9 steps, puts the same line at about 10,000 stakeholders with 100,000 ties.
func TestExactAnalysesPastTheirSize(t *testing.T) {
	store := neo4jtest.Article(t)
	h := app.NewAPI(store, app.APIConfig{HTTP: httpapi.Config{Ready: store}, SearchLimit: 1000}, nil)
	c := &api{Client: client.New(h, client.Path("/graphql")), handler: h}
	for q, hint := range map[string]string{
		`{ centrality(metric: BETWEENNESS) { value } }`:                  "pass samples",
		`{ centrality(metric: BETWEENNESS, samples: 100) { value } }`:    "pass samples", // samples past n are the exact run
		`{ centrality(metric: CLOSENESS) { value } }`:                    "narrow the view",
		`{ brokers { betweenness } }`:                                    "sampled betweenness",
		`{ stakeholder(slug: "mapo") { centrality(metric: HARMONIC) } }`: "narrow the view",
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if codes(errs)[0] != "TOO_LARGE" || !strings.Contains(errs[0].Message, hint) {
			t.Errorf("%s: %v %s", q, codes(errs), errs[0].Message)
		}
	}
	var answered struct {
		Centrality []struct{ Value float64 } `json:"centrality"`
		Stats      struct{ PathSources int } `json:"networkStats"`
	}
	query(t, c, `{ centrality(metric: BETWEENNESS, samples: 5, top: 3) { value } networkStats { pathSources } }`, &answered)
	if len(answered.Centrality) != 3 {
		t.Errorf("sampled betweenness: %+v", answered.Centrality)
	}
	if answered.Stats.PathSources == 0 {
		t.Errorf("networkStats: %+v", answered.Stats)
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub))
}
