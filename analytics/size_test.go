package analytics

import (
	"runtime"
	"testing"
)

// TestSizeBytes checks that a graph's size estimate, which the projection cache budgets with, is close to
// what the graph really keeps on the heap once the network it was built from is gone.
func TestSizeBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a network of 10,000 stakeholders")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g := Build(syntheticNetwork(10000, 100000, 3))
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	estimate := g.SizeBytes()
	t.Logf("10k/100k: estimate %d bytes, heap grew by %d (%.2f)", estimate, held, float64(estimate)/float64(held))
	if estimate < held*7/10 || estimate > held*13/10 {
		t.Errorf("estimate %d bytes, but the graph keeps %d", estimate, held)
	}
	runtime.KeepAlive(g)
}
