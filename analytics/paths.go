package analytics

import (
	"cmp"
	"math"
	"slices"
)

// MaxPaths is the most paths ShortestPaths lists.
const MaxPaths = 50

// Paths are the shortest paths between two stakeholders.
type Paths struct {
	// Hops is the number of edges (or arcs) on each path: 0 from a stakeholder to itself, and 0 with no
	// paths.
	Hops int
	// Total is the number of shortest paths, which may exceed len(Paths); it saturates at math.MaxInt64.
	Total int64
	// Paths are the first MaxPaths shortest paths, each a sequence of slugs from the first stakeholder to the
	// second, in lexicographic order of slugs. Projection.TiesBetween gives the ties behind each step.
	Paths [][]string
}

// Reached is a stakeholder found by Neighborhood.
type Reached struct {
	// Slug is the stakeholder's slug.
	Slug string
	// Hops is its distance from the centre.
	Hops int
}

// ShortestPaths finds the shortest paths from one stakeholder to another, along edges of the undirected
// view or arcs of the directed view, of at most maxHops steps (no limit when maxHops <= 0); none when there
// is no such path. To follow only some tie types, call it on a Subgraph. It searches from both ends at
// once, so it touches only the part of the network within about half the distance of either end. An
// unknown slug gives a not-found error.
//
// gonum's path package finds all shortest paths from one source (DijkstraAllFrom) but searches the whole
// graph, with no bound on hops; this search stops as soon as the two ends meet.
func (g *Projection) ShortestPaths(from, to string, maxHops int, directed bool) (Paths, error) {
	s, err := g.id(from)
	if err != nil {
		return Paths{}, err
	}
	t, err := g.id(to)
	if err != nil {
		return Paths{}, err
	}
	if s == t {
		return Paths{Total: 1, Paths: [][]string{{from}}}, nil
	}
	if maxHops <= 0 {
		maxHops = math.MaxInt32
	}
	fwd, bwd := g.getScratch(), g.getScratch()
	defer func() {
		fwd.clearCounts()
		bwd.clearCounts()
		g.putScratch(fwd)
		g.putScratch(bwd)
	}()
	b := bidirectional{g: g, fwd: fwd, bwd: bwd}
	b.foff, b.fadj = g.neighbours(directed)
	b.roff, b.radj = g.reverse(directed)
	meet := b.search(s, t, maxHops)
	if len(meet) == 0 {
		return Paths{}, nil
	}
	return b.collect(s, t, meet), nil
}

// bidirectional is the state of a shortest-path search from both ends: fwd searches forward from the
// source, bwd backward from the target, and each counts shortest paths in sigma.
type bidirectional struct {
	g          *Projection
	fwd, bwd   *scratch
	foff, fadj []int32 // forward rows
	roff, radj []int32 // reverse rows
}

// search grows the two searches a level at a time, the smaller frontier first, until they meet or their
// depths add up to maxHops. It returns the meeting nodes: the nodes at the level just reached that lie on
// shortest paths. Every shortest path passes through exactly one of them.
func (b *bidirectional) search(s, t int32, maxHops int) []int32 {
	b.fwd.startCounting(s)
	b.bwd.startCounting(t)
	fStart, bStart := 0, 0 // where each frontier starts in order
	var depth int
	for depth < maxHops {
		fFront := len(b.fwd.order) - fStart
		bFront := len(b.bwd.order) - bStart
		if fFront == 0 || bFront == 0 {
			return nil
		}
		grow, other, off, adj, start := b.fwd, b.bwd, b.foff, b.fadj, &fStart
		if bFront < fFront {
			grow, other, off, adj, start = b.bwd, b.fwd, b.roff, b.radj, &bStart
		}
		end := len(grow.order)
		grow.expand(off, adj, *start, end)
		*start = end
		depth++

		// The new level meets the other search where a node has both distances; the shortest paths go
		// through those with the smallest sum.
		best := int32(math.MaxInt32)
		for _, w := range grow.order[end:] {
			if d := other.dist[w]; d >= 0 && d < best {
				best = d
			}
		}
		if best == math.MaxInt32 {
			continue
		}
		var meet []int32
		for _, w := range grow.order[end:] {
			if other.dist[w] == best {
				meet = append(meet, w)
			}
		}
		return meet
	}
	return nil
}

// startCounting starts a search from src that counts shortest paths.
func (s *scratch) startCounting(src int32) {
	if s.sigma == nil {
		s.sigma = make([]float64, len(s.dist))
		s.delta = make([]float64, len(s.dist))
	}
	s.order = append(s.order, src)
	s.dist[src] = 0
	s.sigma[src] = 1
}

// expand adds the level after the nodes order[start:end], counting shortest paths.
func (s *scratch) expand(off, adj []int32, start, end int) {
	for _, v := range s.order[start:end] {
		d := s.dist[v] + 1
		for _, w := range adj[off[v]:off[v+1]] {
			if s.dist[w] < 0 {
				s.dist[w] = d
				s.order = append(s.order, w)
			}
			if s.dist[w] == d {
				s.sigma[w] += s.sigma[v]
			}
		}
	}
}

// clearCounts zeroes the path counts and marks of the nodes reached.
func (s *scratch) clearCounts() {
	if s.sigma == nil {
		return
	}
	for _, v := range s.order {
		s.sigma[v] = 0
		s.delta[v] = 0
	}
}

// collect counts and lists the shortest paths through the meeting nodes.
func (b *bidirectional) collect(s, t int32, meet []int32) Paths {
	fwd, bwd := b.fwd, b.bwd
	split := fwd.dist[meet[0]] // every meeting node is this far from s
	p := Paths{Hops: int(split + bwd.dist[meet[0]])}
	var total float64
	for _, w := range meet {
		total += fwd.sigma[w] * bwd.sigma[w]
	}
	p.Total = math.MaxInt64
	if total < math.MaxInt64 {
		p.Total = int64(total)
	}

	// Mark (in fwd.delta) the nodes of the forward search that lie on a shortest path: the meeting nodes
	// and, level by level back towards s, their predecessors.
	queue := slices.Clone(meet)
	for _, w := range meet {
		fwd.delta[w] = 1
	}
	for i := 0; i < len(queue); i++ {
		w := queue[i]
		for _, v := range b.radj[b.roff[w]:b.roff[w+1]] {
			if fwd.dist[v] == fwd.dist[w]-1 && fwd.delta[v] == 0 {
				fwd.delta[v] = 1
				queue = append(queue, v)
			}
		}
	}

	// Walk forward from s in ID order, which is slug order: up to the meeting level along marked nodes one
	// step further from s, then along nodes one step closer to t.
	path := make([]int32, p.Hops+1)
	path[0] = s
	var walk func(i int)
	walk = func(i int) {
		if len(p.Paths) == MaxPaths {
			return
		}
		v := path[i]
		if v == t {
			route := make([]string, len(path))
			for j, u := range path {
				route[j] = b.g.nodes.slugs[u]
			}
			p.Paths = append(p.Paths, route)
			return
		}
		for _, x := range b.fadj[b.foff[v]:b.foff[v+1]] {
			var next bool
			if int32(i) < split {
				next = fwd.dist[x] == int32(i)+1 && fwd.delta[x] == 1
			} else {
				next = bwd.dist[x] >= 0 && bwd.dist[x] == bwd.dist[v]-1
			}
			if next {
				path[i+1] = x
				walk(i + 1)
			}
		}
	}
	walk(0)
	return p
}

// Neighborhood returns the stakeholders within depth hops of slug in the undirected view, the stakeholder
// itself first (at 0 hops), then by distance and slug. Projection.TiesAmong gives the ties among them. An unknown
// slug gives a not-found error.
//
// gonum's traverse.BreadthFirst would do, but it scans the neighbours of the last level too and keeps its
// visited set in a map; this search stops at depth.
func (g *Projection) Neighborhood(slug string, depth int) ([]Reached, error) {
	c, err := g.id(slug)
	if err != nil {
		return nil, err
	}
	s := g.getScratch()
	defer g.putScratch(s)
	s.bfs(g.off, g.adj, c, int32(max(depth, 0)))
	order := slices.Clone(s.order)
	slices.SortFunc(order, func(a, b int32) int {
		if d := cmp.Compare(s.dist[a], s.dist[b]); d != 0 {
			return d
		}
		return cmp.Compare(a, b)
	})
	out := make([]Reached, len(order))
	for i, v := range order {
		out[i] = Reached{Slug: g.nodes.slugs[v], Hops: int(s.dist[v])}
	}
	return out, nil
}
