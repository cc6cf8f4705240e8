package analytics

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConcurrentUse runs every measure from several goroutines at once on one graph (run with -race) and
// checks they agree with a sequential run.
func TestConcurrentUse(t *testing.T) {
	g := Build(loadNetwork(t, "mixed"))
	results := func() []any {
		pr, _ := g.PageRank(true, 0.85, 1e-12, 1000)
		ev, _ := g.Eigenvector(false, 1e-12, 10000)
		paths, _ := g.ShortestPaths("bank-alliance", "university", 0, false)
		near, _ := g.Neighborhood("iom", 2)
		return []any{
			g.Degree(DegreeIn, true, true), g.Betweenness(false, true, 0, 0), g.Betweenness(true, true, 5, 1),
			g.Closeness(true), g.Harmonic(false), pr, ev, g.Louvain(1, 3), g.Components(),
			g.StrongComponents(), g.KCore(), g.Stats(), g.Brokers(3), paths, near,
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
