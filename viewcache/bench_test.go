package viewcache_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// BenchmarkProjection measures building the analytics projection of the whole network held in the test
// Neo4j: reading it (lean) and building the in-memory graph. scripts/bench-analytics.sh fills Neo4j with a
// generated network first; on its own it measures whatever the database holds.
func BenchmarkProjection(b *testing.B) {
	store := neo4jtest.Current(b)
	ctx := context.Background()
	var read, build time.Duration
	var peak uint64
	var nodes, ties int
	for b.Loop() {
		start := time.Now()
		n, err := store.Network(ctx, domain.NetworkFilter{}, false)
		if err != nil {
			b.Fatal(err)
		}
		read += time.Since(start)
		start = time.Now()
		g := analytics.Build(n)
		build += time.Since(start)
		nodes, ties = g.Nodes(), g.Ties()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
		runtime.KeepAlive(g)
	}
	b.ReportMetric(float64(read.Milliseconds())/float64(b.N), "read-ms/op")
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms/op")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
	b.ReportMetric(float64(nodes), "stakeholders")
	b.ReportMetric(float64(ties), "ties")
}
