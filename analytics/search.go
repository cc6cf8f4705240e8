package analytics

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// The measures that run one breadth-first search per node (betweenness, closeness, harmonic centrality,
// diameter) do so here, on the CSR arrays, rather than through gonum: gonum's network.Betweenness keeps
// its per-search state in maps keyed by node ID and has no source sampling, and its Closeness, Harmonic
// and Eccentricity need a path.AllShortest, an n×n table (80 GB at 100k nodes). A search here touches
// only flat slices and resets just the nodes it reached.

// scratch is the state of one search, reused through Projection.scratch. Between uses every dist is -1 and
// every sigma and delta 0.
type scratch struct {
	dist  []int32
	order []int32 // nodes reached, in order of distance
	sigma []float64
	delta []float64
}

// getScratch takes search state sized for g from the pool.
func (g *Projection) getScratch() *scratch {
	if s, ok := g.scratch.Get().(*scratch); ok {
		return s
	}
	n := g.Nodes()
	s := &scratch{dist: make([]int32, n), order: make([]int32, 0, n)}
	for i := range s.dist {
		s.dist[i] = -1
	}
	return s
}

// putScratch resets s and returns it to the pool.
func (g *Projection) putScratch(s *scratch) {
	for _, v := range s.order {
		s.dist[v] = -1
	}
	s.order = s.order[:0]
	g.scratch.Put(s)
}

// bfs searches from src along the rows off/adj, at most maxDepth hops deep (no limit when maxDepth < 0),
// leaving distances in s.dist and the nodes reached in s.order. s must be clean (see putScratch).
func (s *scratch) bfs(off, adj []int32, src int32, maxDepth int32) {
	s.order = append(s.order, src)
	s.dist[src] = 0
	for head := 0; head < len(s.order); head++ {
		v := s.order[head]
		d := s.dist[v]
		if d == maxDepth {
			continue
		}
		for _, w := range adj[off[v]:off[v+1]] {
			if s.dist[w] < 0 {
				s.dist[w] = d + 1
				s.order = append(s.order, w)
			}
		}
	}
}

// clear forgets the last search.
func (s *scratch) clear() {
	for _, v := range s.order {
		s.dist[v] = -1
	}
	s.order = s.order[:0]
}

// shards is the fixed number of slices the sources of an all-sources computation are dealt into. Each
// shard sums into its own accumulator and the shards are added in order, so floating-point results do
// not depend on GOMAXPROCS.
const shards = 16

// eachSource calls work(shard, s, i) for every i in [0, count), dealing i to shard i%shards and running
// the shards on up to GOMAXPROCS goroutines, each with its own scratch. Each goroutine looks at ctx before
// every call, so once ctx ends they all stop within one search and eachSource returns the error of
// stopped; the accumulators then hold a partial sum, to be thrown away.
func (g *Projection) eachSource(ctx context.Context, count int, work func(shard int, s *scratch, i int)) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	workers := min(runtime.GOMAXPROCS(0), shards, count)
	var next atomic.Int32
	var quit atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := g.getScratch()
			defer g.putScratch(s)
			for {
				sh := int(next.Add(1)) - 1
				if sh >= shards {
					return
				}
				for i := sh; i < count; i += shards {
					if ctx.Err() != nil {
						quit.Store(true)
						return
					}
					work(sh, s, i)
				}
			}
		})
	}
	wg.Wait()
	if quit.Load() {
		return cancelled(ctx.Err())
	}
	return nil
}
