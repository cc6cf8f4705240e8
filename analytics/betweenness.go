package analytics

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
)

// Betweenness ranks stakeholders by betweenness centrality: the share of shortest paths between other
// stakeholders that pass through them (networkx.betweenness_centrality with endpoints=False).
//
// When samples <= 0 or samples >= n it is exact (Brandes' algorithm, one search per node; the exact values
// are computed once per view and cached). Otherwise it is estimated from samples source nodes drawn
// without replacement from a generator seeded with seed, so a seed always gives the same result. The
// scaling is NetworkX 3.6's: with n nodes and k sources, normalized values divide the sum of dependencies
// by (k-1)(n-2) for a sampled node and by k(n-2) for the others, and unnormalized values multiply it by
// (n-1)/(k-1) or (n-1)/k, halved in the undirected view. (With k = 1 NetworkX gives the sampled node NaN;
// it gets 0 here.) Exact normalized values divide by (n-1)(n-2), unnormalized ones are the sums over
// ordered pairs, halved in the undirected view.
//
// Sampling error: with probability at least 1-δ every normalized estimate is within
// BetweennessErrorBound(n, k, δ) of the exact value (multiply by (n-1)(n-2), halved in the undirected view,
// for unnormalized values).
//
// It stops within one search of ctx ending (see cancel.go): exact betweenness takes seconds at 10k
// stakeholders and 100k ties.
func (g *Projection) Betweenness(ctx context.Context, directed, normalized bool, samples int, seed int64) (Ranking, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	n := g.Nodes()
	if samples <= 0 || samples >= n {
		raw, err := g.exactBetweenness(ctx, directed)
		if err != nil {
			return nil, err
		}
		return g.rank(g.rescaleBetweenness(raw, directed, normalized, nil)), nil
	}
	pivots := samplePivots(n, samples, seed)
	raw, err := g.brandes(ctx, directed, pivots)
	if err != nil {
		return nil, err
	}
	return g.rank(g.rescaleBetweenness(raw, directed, normalized, pivots)), nil
}

// BetweennessErrorBound returns ε such that, with probability at least 1-delta, every normalized
// betweenness Betweenness estimates from k samples on a network of n stakeholders is within ε of the
// exact value:
//
//	ε = sqrt(ln(2n/δ) / (2(k-1)))
//
// The argument is Eppstein & Wang's and Brandes & Pich's. For a node v, let X_s be the dependency of
// source s on v divided by n-2, which lies in [0, 1]. The exact normalized betweenness of v is the mean of
// X_s over the n-1 sources s != v; the estimate is the mean over the sampled sources other than v, a
// simple random sample of at least k-1 of them. Hoeffding's inequality, which also holds for sampling
// without replacement, bounds the chance that one estimate is off by ε or more by 2·exp(-2(k-1)ε²); a
// union bound over the n nodes gives the formula. The bound is 0 when k >= n (Betweenness is then exact)
// and +Inf when k < 2.
func BetweennessErrorBound(n, k int, delta float64) float64 {
	switch {
	case k >= n:
		return 0
	case k < 2:
		return math.Inf(1)
	}
	return math.Sqrt(math.Log(2*float64(n)/delta) / (2 * float64(k-1)))
}

// exactCache keeps one view's exact raw betweenness once a computation of it has finished. One
// computation runs at a time; callers that arrive meanwhile wait for it, each as long as its own context
// allows. A computation its caller's context stops is not kept, and the next caller starts again.
type exactCache struct {
	mu      sync.Mutex
	raw     []float64     // nil until computed
	running chan struct{} // closed when the computation under way ends; nil when none is
}

// exactBetweenness returns the raw betweenness (sums of dependencies over all ordered pairs), computed
// once per view. The caller must not modify it.
func (g *Projection) exactBetweenness(ctx context.Context, directed bool) ([]float64, error) {
	c := &g.exact[0]
	if directed {
		c = &g.exact[1]
	}
	for {
		c.mu.Lock()
		if raw := c.raw; raw != nil {
			c.mu.Unlock()
			return raw, nil
		}
		if c.running == nil {
			c.running = make(chan struct{})
			c.mu.Unlock()
			return c.compute(func() ([]float64, error) { return g.brandes(ctx, directed, nil) })
		}
		wait := c.running
		c.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, cancelled(ctx.Err())
		}
	}
}

// compute runs the computation this caller took on, keeps its result if it finished, and lets the
// callers waiting for it go.
func (c *exactCache) compute(brandes func() ([]float64, error)) (raw []float64, err error) {
	defer func() {
		c.mu.Lock()
		if err == nil {
			c.raw = raw
		}
		close(c.running)
		c.running = nil
		c.mu.Unlock()
	}()
	return brandes()
}

// samplePivots draws k distinct node IDs out of n, reproducibly for a seed.
func samplePivots(n, k int, seed int64) []int32 {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5eed_ba7e))
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	for i := range k {
		j := i + r.IntN(n-i)
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm[:k]
}

// brandes sums the dependencies of the given sources (all nodes when nil) on every node, in parallel,
// stopping within one search of ctx ending.
func (g *Projection) brandes(ctx context.Context, directed bool, sources []int32) ([]float64, error) {
	n := g.Nodes()
	off, adj := g.neighbours(directed)
	count := n
	if sources != nil {
		count = len(sources)
	}
	acc := make([][]float64, shards)
	err := g.eachSource(ctx, count, func(shard int, s *scratch, i int) {
		if acc[shard] == nil {
			acc[shard] = make([]float64, n)
		}
		src := int32(i)
		if sources != nil {
			src = sources[i]
		}
		s.dependencies(off, adj, src, acc[shard])
	})
	if err != nil {
		return nil, err
	}
	total := make([]float64, n)
	for _, a := range acc {
		for v, x := range a {
			total[v] += x
		}
	}
	return total, nil
}

// dependencies runs one step of Brandes' algorithm: a search from src counting shortest paths, then the
// accumulation of src's dependency on each node into acc. The accumulation pulls from successors instead
// of pushing to predecessors (NetworkX's order): in decreasing order of distance, the dependency of v is
// σ(v)·Σ (1+δ(w))/σ(w) over the nodes w one hop further, so no predecessor lists are kept and each node's
// sum is written once. s.delta holds (1+δ(w))/σ(w) for the nodes already done.
func (s *scratch) dependencies(off, adj []int32, src int32, acc []float64) {
	if s.sigma == nil {
		s.sigma = make([]float64, len(s.dist))
		s.delta = make([]float64, len(s.dist))
	}
	s.order = append(s.order, src)
	s.dist[src] = 0
	s.sigma[src] = 1
	for head := 0; head < len(s.order); head++ {
		v := s.order[head]
		dv := s.dist[v]
		for _, w := range adj[off[v]:off[v+1]] {
			if s.dist[w] < 0 {
				s.dist[w] = dv + 1
				s.order = append(s.order, w)
			}
			if s.dist[w] == dv+1 {
				s.sigma[w] += s.sigma[v]
			}
		}
	}
	for i := len(s.order) - 1; i > 0; i-- {
		v := s.order[i]
		next := s.dist[v] + 1
		var sum float64
		for _, w := range adj[off[v]:off[v+1]] {
			if s.dist[w] == next {
				sum += s.delta[w]
			}
		}
		delta := s.sigma[v] * sum
		acc[v] += delta
		s.delta[v] = (1 + delta) / s.sigma[v]
	}
	for _, v := range s.order {
		s.sigma[v] = 0
		s.delta[v] = 0
	}
	s.clear()
}

// rescaleBetweenness scales raw sums as networkx's _rescale does (endpoints=False), into a new slice.
func (g *Projection) rescaleBetweenness(raw []float64, directed, normalized bool, pivots []int32) []float64 {
	n := g.Nodes()
	out := make([]float64, n)
	copy(out, raw)
	big := float64(n - 1) // NetworkX's N: the pairs through v exclude v as a target
	if n-1 < 2 {
		return out
	}
	correction := 2.0
	if directed {
		correction = 1
	}
	if pivots == nil {
		scale := 1 / correction
		if normalized {
			scale = 1 / (big * (big - 1))
		}
		for v := range out {
			out[v] *= scale
		}
		return out
	}
	k := float64(len(pivots))
	source, other := big/((k-1)*correction), big/(k*correction)
	if normalized {
		source, other = 1/((k-1)*(big-1)), 1/(k*(big-1))
	}
	if k == 1 {
		source = 0
	}
	sampled := make([]bool, n)
	for _, p := range pivots {
		sampled[p] = true
	}
	for v := range out {
		if sampled[v] {
			out[v] *= source
		} else {
			out[v] *= other
		}
	}
	return out
}
