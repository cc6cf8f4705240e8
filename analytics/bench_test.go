package analytics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
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

// synthetic returns a reproducible network of n stakeholders and about m ties shaped like a large
// anti-trafficking network: heavy-tailed degrees (Chung-Lu weights with a Pareto tail of exponent 2.5),
// communities of about a hundred stakeholders holding 80% of the ties, each community mostly of one
// sector, and tie types mixed 70% partnerships, 20% memberships, 8% part-of, 2% secretariats.
func synthetic(n, m int, seed uint64) *domain.Network {
	r := rand.New(rand.NewPCG(seed, 0xbe7c4))
	communities := max(1, n/100)
	kindsOf := map[domain.Sector][]domain.StakeholderKind{
		domain.SectorGovernment:     {domain.KindMinistry, domain.KindAgency, domain.KindCouncil},
		domain.SectorLawEnforcement: {domain.KindAgency},
		domain.SectorCivilSociety:   {domain.KindNGO, domain.KindNGO, domain.KindCivilSociety},
		domain.SectorInternational:  {domain.KindInternationalOrganization},
		domain.SectorDiplomatic:     {domain.KindDiplomaticMission},
		domain.SectorPrivate:        {domain.KindPrivateSector},
		domain.SectorAcademic:       {domain.KindAcademic},
	}

	net := &domain.Network{Stakeholders: make([]*domain.Stakeholder, n), Ties: make([]*domain.NetworkTie, 0, m)}
	weight := make([]float64, n)
	community := make([]int, n)
	members := make([][]int, communities)
	for i := range n {
		c := r.IntN(communities)
		sector := domain.Sectors[c%len(domain.Sectors)]
		if r.Float64() < 0.3 {
			sector = domain.Sectors[r.IntN(len(domain.Sectors))]
		}
		kinds := kindsOf[sector]
		net.Stakeholders[i] = &domain.Stakeholder{
			Slug:   fmt.Sprintf("s%07d", i),
			Kind:   kinds[r.IntN(len(kinds))],
			Sector: sector,
		}
		weight[i] = min(math.Pow(1-r.Float64(), -1/1.5), float64(n)/20)
		community[i] = c
		members[c] = append(members[c], i)
	}

	// Cumulative weights, over everyone and within each community, to draw ends in proportion to weight.
	cumulative := func(nodes []int) []float64 {
		cum := make([]float64, len(nodes))
		var sum float64
		for j, v := range nodes {
			sum += weight[v]
			cum[j] = sum
		}
		return cum
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	allCum := cumulative(all)
	commCum := make([][]float64, communities)
	for c := range members {
		commCum[c] = cumulative(members[c])
	}
	draw := func(nodes []int, cum []float64) int {
		if len(nodes) == 0 {
			return -1
		}
		x := r.Float64() * cum[len(cum)-1]
		return nodes[min(sort.SearchFloat64s(cum, x), len(nodes)-1)]
	}

	for len(net.Ties) < m {
		a := draw(all, allCum)
		b := -1
		if c := community[a]; r.Float64() < 0.8 {
			b = draw(members[c], commCum[c])
		} else {
			b = draw(all, allCum)
		}
		if b < 0 || a == b {
			continue
		}
		var tieType domain.TieType
		switch x := r.Float64(); {
		case x < 0.7:
			tieType = domain.TiePartnersWith
		case x < 0.9:
			tieType = domain.TieMemberOf
		case x < 0.98:
			tieType = domain.TiePartOf
		default:
			tieType = domain.TieSecretariatOf
		}
		net.Ties = append(net.Ties, &domain.NetworkTie{
			Key:  fmt.Sprintf("t%08d", len(net.Ties)),
			Type: tieType,
			From: net.Stakeholders[a].Slug,
			To:   net.Stakeholders[b].Slug,
		})
	}
	return net
}

var benchCache struct {
	sync.Mutex
	networks map[string]*domain.Network
	graphs   map[string]*Graph
}

// benchNetwork returns the synthetic network of a size, generated once per process.
func benchNetwork(b *testing.B, size benchSize) *domain.Network {
	b.Helper()
	if testing.Short() && size.n > 10_000 {
		b.Skip("large network skipped in -short mode")
	}
	benchCache.Lock()
	defer benchCache.Unlock()
	if benchCache.networks == nil {
		benchCache.networks = make(map[string]*domain.Network)
		benchCache.graphs = make(map[string]*Graph)
	}
	if n, ok := benchCache.networks[size.name]; ok {
		return n
	}
	n := synthetic(size.n, size.m, 1)
	benchCache.networks[size.name] = n
	return n
}

// benchGraph returns the graph of a size, built once per process.
func benchGraph(b *testing.B, size benchSize) *Graph {
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
func benchEach(b *testing.B, sizes []benchSize, body func(b *testing.B, g *Graph)) {
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
			var g *Graph
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
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
		for b.Loop() {
			if _, err := g.PageRank(true, 0.85, 1e-10, 1000); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLouvain(b *testing.B) {
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
		var c Communities
		for b.Loop() {
			c = g.Louvain(1, 1)
		}
		b.ReportMetric(float64(len(c.Groups)), "communities")
		b.ReportMetric(c.Modularity, "Q")
	})
}

func BenchmarkBetweenness(b *testing.B) {
	b.Run("exact", func(b *testing.B) {
		benchEach(b, benchSizes[:1], func(b *testing.B, g *Graph) {
			for b.Loop() {
				g.rescaleBetweenness(g.brandes(false, nil), false, true, nil) // uncached
			}
		})
	})
	b.Run("sampled-200", func(b *testing.B) {
		benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
			var seed int64
			for b.Loop() {
				seed++
				g.Betweenness(false, true, 200, seed)
			}
		})
	})
}

// benchPairs returns reproducible pairs of stakeholders.
func benchPairs(g *Graph, count int) [][2]string {
	r := rand.New(rand.NewPCG(5, 5))
	pairs := make([][2]string, count)
	for i := range pairs {
		pairs[i] = [2]string{g.Slug(r.IntN(g.Nodes())), g.Slug(r.IntN(g.Nodes()))}
	}
	return pairs
}

func BenchmarkShortestPaths(b *testing.B) {
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
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
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
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
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
		for b.Loop() {
			g.Components()
			g.StrongComponents()
		}
	})
}

func BenchmarkKCore(b *testing.B) {
	benchEach(b, benchSizes, func(b *testing.B, g *Graph) {
		for b.Loop() {
			g.KCore()
		}
	})
}

// BenchmarkStats runs one search per node for the diameter, so only on the smaller network.
func BenchmarkStats(b *testing.B) {
	benchEach(b, benchSizes[:1], func(b *testing.B, g *Graph) {
		for b.Loop() {
			g.Stats()
		}
	})
}
