package httpapi_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// The benchmarks below time whole GraphQL requests through the real handler on whatever network the test
// Neo4j holds (scripts/bench-analytics.sh loads a generated one), with the projection already built, and
// report the median and 99th percentile latency.

func benchRequests(b *testing.B, build func(r *rand.Rand, slugs []string) (string, map[string]any)) {
	store := neo4jtest.Current(b)
	h := newAPI(store, httpapi.Config{Ready: store})
	n, err := store.Network(b.Context(), domain.NetworkFilter{}, false)
	if err != nil || len(n.Stakeholders) < 2 {
		b.Fatalf("no network to measure (%v)", err)
	}
	slugs := make([]string, len(n.Stakeholders))
	for i, s := range n.Stakeholders {
		slugs[i] = s.Slug
	}
	r := rand.New(rand.NewPCG(1, 2))
	do := func() time.Duration {
		q, vars := build(r, slugs)
		body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		took := time.Since(start)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("%d %.300s", rec.Code, rec.Body.String())
		}
		return took
	}
	do() // builds the projection
	var took []time.Duration
	for b.Loop() {
		took = append(took, do())
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

func BenchmarkNeighborhoodDepth2(b *testing.B) {
	benchRequests(b, func(r *rand.Rand, slugs []string) (string, map[string]any) {
		return `query($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount } }`,
			map[string]any{"id": domain.GlobalID(domain.NodeStakeholder, slugs[r.IntN(len(slugs))])}
	})
}

func BenchmarkShortestPath(b *testing.B) {
	benchRequests(b, func(r *rand.Rand, slugs []string) (string, map[string]any) {
		return `query($a: ID!, $b: ID!) { path(from: $a, to: $b, limit: 1) { length paths { hops { ties { type sources { title } } } } } }`,
			map[string]any{"a": domain.GlobalID(domain.NodeStakeholder, slugs[r.IntN(len(slugs))]),
				"b": domain.GlobalID(domain.NodeStakeholder, slugs[r.IntN(len(slugs))])}
	})
}
