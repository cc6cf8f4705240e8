package analytics

import (
	"context"
	"math/rand/v2"
	"slices"
)

// Stats describes the network as a whole.
type Stats struct {
	// Nodes is the number of stakeholders.
	Nodes int
	// Edges is the number of edges of the undirected view.
	Edges int
	// Arcs is the number of arcs of the directed view.
	Arcs int
	// Density is networkx.density of the undirected view, 2·Edges/(n(n-1)); 0 for fewer than two nodes.
	Density float64
	// DirectedDensity is networkx.density of the directed view, Arcs/(n(n-1)).
	DirectedDensity float64
	// Reciprocity is networkx.overall_reciprocity of the directed view: the share of arcs whose reverse is
	// also an arc. Partnerships are reciprocal by construction. It is 0 when there are no arcs (NetworkX
	// raises).
	Reciprocity float64
	// AverageDegree is the mean number of neighbours in the undirected view, 2·Edges/n.
	AverageDegree float64
	// Components is the number of connected components of the undirected view, isolated stakeholders
	// included (the weakly connected components of the directed view).
	Components int
	// StrongComponents is the number of strongly connected components of the directed view.
	StrongComponents int
	// LargestComponent is the number of stakeholders in the largest component: the first of Components, so
	// among equally large ones, the one with the smallest slug.
	LargestComponent int
	// Diameter is networkx.diameter of the largest component of the undirected view. NetworkX raises on a
	// disconnected graph; this reports the largest component instead.
	Diameter int
	// AverageShortestPath is networkx.average_shortest_path_length of the largest component of the
	// undirected view (0 for a component of one).
	AverageShortestPath float64
	// PathSources is how many stakeholders the diameter and mean path length were measured from: every
	// stakeholder of the largest component when it has at most ExactPathLimit of them, otherwise a seeded
	// sample of PathSamples. A sampled mean is an unbiased estimate; a sampled diameter is a lower bound.
	PathSources int
	// Kinds is the mixing of stakeholder kinds.
	Kinds Mixing
	// Sectors is the mixing of sectors.
	Sectors Mixing
}

// ExactPathLimit is the largest component Stats measures distances in exactly (one search per
// stakeholder, O(n·m)), provided the searches cost at most the work allowed (DefaultSearchWork for
// Stats); beyond either, it searches from PathSamples stakeholders.
const (
	ExactPathLimit = 20000
	PathSamples    = 500
)

// Stats computes the whole-network statistics. The diameter and average path length take one search per
// node of the largest component, O(n·m), or PathSamples searches on a component of more than
// ExactPathLimit stakeholders; Stats stops within one search of ctx ending.
func (g *Projection) Stats(ctx context.Context) (Stats, error) {
	return g.StatsWithin(ctx, DefaultSearchWork)
}

// StatsWithin is Stats measuring distances exactly only while the searches cost at most maxWork steps
// (see SearchWork).
func (g *Projection) StatsWithin(ctx context.Context, maxWork int64) (Stats, error) {
	n := g.Nodes()
	s := Stats{
		Nodes: n,
		Edges: g.Edges(false),
		Arcs:  g.Edges(true),
	}
	if n > 1 {
		pairs := float64(n) * float64(n-1)
		s.Density = 2 * float64(s.Edges) / pairs
		s.DirectedDensity = float64(s.Arcs) / pairs
	}
	if n > 0 {
		s.AverageDegree = 2 * float64(s.Edges) / float64(n)
	}
	if s.Arcs > 0 {
		s.Reciprocity = float64(g.reciprocated()) / float64(s.Arcs)
	}
	components, err := g.Components(ctx)
	if err != nil {
		return Stats{}, err
	}
	strong, err := g.StrongComponents(ctx)
	if err != nil {
		return Stats{}, err
	}
	s.Components = len(components)
	s.StrongComponents = len(strong)
	if len(components) > 0 {
		s.LargestComponent = len(components[0])
		s.Diameter, s.AverageShortestPath, s.PathSources, err = g.distances(ctx, components[0], maxWork)
		if err != nil {
			return Stats{}, err
		}
	}

	kinds := make([]string, len(g.nodes.kinds))
	for i, k := range g.nodes.kinds {
		kinds[i] = string(k)
	}
	sectors := make([]string, len(g.nodes.sectors))
	for i, c := range g.nodes.sectors {
		sectors[i] = string(c)
	}
	s.Kinds = g.mixing(g.nodes.kind, kinds)
	s.Sectors = g.mixing(g.nodes.sector, sectors)
	return s, nil
}

// reciprocated counts the arcs whose reverse is also an arc.
func (g *Projection) reciprocated() int {
	var count int
	for u := range g.Nodes() {
		for _, v := range g.out[g.outOff[u]:g.outOff[u+1]] {
			if _, ok := slices.BinarySearch(g.out[g.outOff[v]:g.outOff[v+1]], int32(u)); ok {
				count++
			}
		}
	}
	return count
}

// distances returns the diameter and mean distance of a connected component of the undirected view, and
// how many sources they were measured from: all of them, or a sample on a large component.
func (g *Projection) distances(ctx context.Context, component []string, maxWork int64) (diameter int, mean float64, sources int, err error) {
	c := len(component)
	if c < 2 {
		return 0, 0, c, nil
	}
	picked := component
	if samples := min(PathSamples, c); c > ExactPathLimit || g.SearchWork(c, false) > maxWork && samples < c {
		rng := rand.New(rand.NewPCG(uint64(c), 1))
		picked = make([]string, samples)
		for i, j := range rng.Perm(c)[:samples] {
			picked[i] = component[j]
		}
	}
	var sums [shards]int64
	var maxes [shards]int32
	err = g.eachSource(ctx, len(picked), func(shard int, s *scratch, i int) {
		s.bfs(g.off, g.adj, g.nodes.index[picked[i]], -1)
		var sum int64
		var far int32
		for _, v := range s.order {
			d := s.dist[v]
			sum += int64(d)
			far = max(far, d)
		}
		sums[shard] += sum
		maxes[shard] = max(maxes[shard], far)
		s.clear()
	})
	if err != nil {
		return 0, 0, 0, err
	}
	var total int64
	for i := range shards {
		total += sums[i]
		diameter = max(diameter, int(maxes[i]))
	}
	return diameter, float64(total) / (float64(len(picked)) * float64(c-1)), len(picked), nil
}
