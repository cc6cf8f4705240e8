package analytics

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConcurrentUse runs every measure from several goroutines at once on one graph (run with -race) and
// checks they agree with a sequential run.
func TestConcurrentUse(t *testing.T) {
	ctx := t.Context()
	g := Build(loadNetwork(t, "mixed"))
	results := func() []any {
		pr, _ := g.PageRank(ctx, true, 0.85, 1e-12, 1000)
		ev, _ := g.Eigenvector(ctx, false, 1e-12, 10000)
		paths, _ := g.ShortestPaths("bank-alliance", "university", 0, false)
		near, _ := g.Neighborhood("iom", 2)
		return []any{
			g.Degree(DegreeIn, true, true), must(g.Betweenness(ctx, false, true, 0, 0)),
			must(g.Betweenness(ctx, true, true, 5, 1)), must(g.Closeness(ctx, true)), must(g.Harmonic(ctx, false)), pr, ev,
			must(g.Louvain(ctx, 1, 3)), must(g.Components(ctx)), must(g.StrongComponents(ctx)), must(g.KCore(ctx)),
			must(g.Stats(ctx)), must(g.Brokers(ctx, 3)), paths, near,
			g.TiesBetween("iom", "unodc"), g.Subgraph(nil).Edges(true),
		}
	}
	want := results()
	var wg sync.WaitGroup
	got := make([][]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = results() })
	}
	wg.Wait()
	for i := range got {
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Fatalf("goroutine %d disagrees with the sequential run:\n%s", i, diff)
		}
	}
}
