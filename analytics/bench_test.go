package analytics

import (
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
	"github.com/stakeholder-graph/stakeholder-graph/synthetic"
)

// Run with, for example:
//
//	go test ./analytics -run '^$' -bench . -benchtime 3x
//
// The 100k/1M network takes a few seconds to generate and is skipped with -short.

// benchSize is a synthetic network size.
type benchSize struct {
	name string
	n, m int
}

var benchSizes = []benchSize{
	{"10k-100k", 10_000, 100_000},
	{"100k-1M", 100_000, 1_000_000},
}

// syntheticNetwork returns the network `stakeholder-graph generate` writes into Neo4j for the same sizes and
// seed, so these benchmarks measure the analyses on the networks the end-to-end benchmarks load.
func syntheticNetwork(n, m int, seed uint64) *domain.Network {
	d, err := synthetic.Network(synthetic.Options{Stakeholders: n, Ties: m, Seed: seed})
	if err != nil {
		panic(err)
	}
	return exchange.NetworkFromDataset(d)
}

var benchCache struct {
	sync.Mutex
	networks map[string]*domain.Network
	graphs   map[string]*Projection
}

// benchNetwork returns the synthetic network of a size, generated once per process.
func benchNetwork(b testing.TB, size benchSize) *domain.Network {
	b.Helper()
	if testing.Short() && size.n > 10_000 {
		b.Skip("large network skipped in -short mode")
	}
	benchCache.Lock()
	defer benchCache.Unlock()
	if benchCache.networks == nil {
		benchCache.networks = make(map[string]*domain.Network)
		benchCache.graphs = make(map[string]*Projection)
	}
	if n, ok := benchCache.networks[size.name]; ok {
		return n
	}
	n := syntheticNetwork(size.n, size.m, 1)
	benchCache.networks[size.name] = n
	return n
}

// benchGraph returns the graph of a size, built once per process.
func benchGraph(b testing.TB, size benchSize) *Projection {
	b.Helper()
	n := benchNetwork(b, size)
	benchCache.Lock()
	defer benchCache.Unlock()
	if g, ok := benchCache.graphs[size.name]; ok {
		return g
	}
	g := Build(n)
	benchCache.graphs[size.name] = g
	return g
}

// peakHeap runs f and returns the highest heap occupancy seen while it ran, above the occupancy before
// it, sampling every half millisecond.
func peakHeap(f func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() float64 {
		metrics.Read(sample)
		return float64(sample[0].Value.Uint64())
	}
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return max(peak, read()) - base
}

// benchEach runs a benchmark body on the graph of every size, reporting allocations and peak heap.
func benchEach(b *testing.B, sizes []benchSize, body func(b *testing.B, g *Projection)) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			g := benchGraph(b, size)
			b.ReportAllocs()
			b.ResetTimer()
			peak := peakHeap(func() { body(b, g) })
			b.ReportMetric(peak/(1<<20), "peak-heap-MiB")
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			n := benchNetwork(b, size)
			b.ReportAllocs()
			b.ResetTimer()
			var g *Projection
			peak := peakHeap(func() {
				for b.Loop() {
					g = Build(n)
				}
			})
			b.ReportMetric(peak/(1<<20), "peak-heap-MiB")
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			runtime.KeepAlive(g) // and no longer
			runtime.GC()
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "graph-MiB")
		})
	}
}

func BenchmarkPageRank(b *testing.B) {
	ctx := b.Context()
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		for b.Loop() {
			if _, err := g.PageRank(ctx, true, 0.85, 1e-10, 1000); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLouvain(b *testing.B) {
	ctx := b.Context()
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		var c Communities
		for b.Loop() {
			c = must(g.Louvain(ctx, 1, 1))
		}
		b.ReportMetric(float64(len(c.Groups)), "communities")
		b.ReportMetric(c.Modularity, "Q")
	})
}

func BenchmarkBetweenness(b *testing.B) {
	ctx := b.Context()
	b.Run("exact", func(b *testing.B) {
		benchEach(b, benchSizes[:1], func(b *testing.B, g *Projection) {
			for b.Loop() {
				g.rescaleBetweenness(must(g.brandes(ctx, false, nil)), false, true, nil) // uncached
			}
		})
	})
	b.Run("sampled-200", func(b *testing.B) {
		benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
			var seed int64
			for b.Loop() {
				seed++
				must(g.Betweenness(ctx, false, true, 200, seed))
			}
		})
	})
}

// benchPairs returns reproducible pairs of stakeholders.
func benchPairs(g *Projection, count int) [][2]string {
	r := rand.New(rand.NewPCG(5, 5))
	pairs := make([][2]string, count)
	for i := range pairs {
		pairs[i] = [2]string{g.Slug(r.IntN(g.Nodes())), g.Slug(r.IntN(g.Nodes()))}
	}
	return pairs
}

func BenchmarkShortestPaths(b *testing.B) {
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		pairs := benchPairs(g, 1024)
		var i, hops, found int
		for b.Loop() {
			p := pairs[i%len(pairs)]
			i++
			paths, err := g.ShortestPaths(p[0], p[1], 0, false)
			if err != nil {
				b.Fatal(err)
			}
			if paths.Total > 0 {
				hops += paths.Hops
				found++
			}
		}
		b.ReportMetric(float64(hops)/float64(max(found, 1)), "hops")
	})
}

func BenchmarkNeighborhood(b *testing.B) {
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		pairs := benchPairs(g, 1024)
		var i, reached int
		for b.Loop() {
			near, err := g.Neighborhood(pairs[i%len(pairs)][0], 2)
			if err != nil {
				b.Fatal(err)
			}
			i++
			reached += len(near)
		}
		b.ReportMetric(float64(reached)/float64(i), "reached")
	})
}

func BenchmarkComponents(b *testing.B) {
	ctx := b.Context()
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		for b.Loop() {
			must(g.Components(ctx))
			must(g.StrongComponents(ctx))
		}
	})
}

func BenchmarkKCore(b *testing.B) {
	ctx := b.Context()
	benchEach(b, benchSizes, func(b *testing.B, g *Projection) {
		for b.Loop() {
			must(g.KCore(ctx))
		}
	})
}

// BenchmarkStats runs one search per node for the diameter, so only on the smaller network.
func BenchmarkStats(b *testing.B) {
	ctx := b.Context()
	benchEach(b, benchSizes[:1], func(b *testing.B, g *Projection) {
		for b.Loop() {
			must(g.Stats(ctx))
		}
	})
}
