package httpapi_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/stakeholder-graph/stakeholder-graph/generate"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestExactAnalysesPastTheirSize loads a network too large for searches from every stakeholder in one
// request (20,000 stakeholders, 60,000 ties: 2.8e9 steps, over analytics.MaxSearchWork) and checks that
// the exact analyses are refused with TOO_LARGE and a way out, that the sampled ones answer, and that the
// statistics sample their distances and say so.
func TestExactAnalysesPastTheirSize(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a generated network of 20,000 stakeholders")
	}
	store := neo4jtest.Empty(t)
	t.Cleanup(func() { neo4jtest.Store(t) })
	d, err := generate.Network(generate.Options{Stakeholders: 20000, Ties: 60000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.LoadBulk(context.Background(), d, 5000); err != nil {
		t.Fatal(err)
	}
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store})
	c := &api{Client: client.New(h, client.Path("/graphql")), handler: h}
	for _, q := range []string{
		`{ centrality(metric: BETWEENNESS) { value } }`,
		`{ centrality(metric: BETWEENNESS, samples: 20000) { value } }`,
		`{ centrality(metric: CLOSENESS) { value } }`,
		`{ brokers { betweenness } }`,
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if codes(errs)[0] != "TOO_LARGE" {
			t.Errorf("%s: %v %s", q, codes(errs), errs[0].Message)
		}
	}
	var sampled struct {
		Centrality []struct{ Value float64 } `json:"centrality"`
		Stats      struct{ PathSources int } `json:"networkStats"`
	}
	query(t, c, `{ centrality(metric: BETWEENNESS, samples: 50, top: 3) { value } networkStats { pathSources } }`, &sampled)
	if len(sampled.Centrality) != 3 || sampled.Centrality[0].Value <= 0 {
		t.Errorf("sampled betweenness: %+v", sampled.Centrality)
	}
	if sampled.Stats.PathSources != 500 {
		t.Errorf("networkStats measured distances from %d stakeholders, want a sample of 500", sampled.Stats.PathSources)
	}
}
