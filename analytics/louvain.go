package analytics

import (
	"context"
	"math/rand/v2"
)

// This is the Louvain method of Blondel et al. (2008) in NetworkX's form (louvain_communities): visit the
// nodes in a shuffled order, move each to the neighbouring community that raises modularity most (if any
// does), sweep until no node moves, then merge each community into one node and repeat on the merged
// graph until a level moves nothing.
//
// gonum's community.Modularize implements the same method, but for each node it weighs every candidate
// community by scanning all of that community's members (deltaQ in louvain_undirected.go), so a sweep
// costs O(Σ degree·community size) rather than O(m): on the 100k-node, 1M-tie benchmark network it takes
// 78 s against a quarter of a second here. The tests check this one finds partitions at least as good as gonum's.

// minGain is the least rise in modularity that moves a node, against floating-point churn.
const minGain = 1e-12

// level is a weighted graph at one level of the Louvain method: node v's neighbours are
// adj[off[v]:off[v+1]] with weights w, loop[v] is the weight of its self loop (edges merged inside it) and
// degree[v] its weighted degree, loops counted twice.
type level struct {
	off    []int32
	adj    []int32
	w      []float64
	loop   []float64
	degree []float64
}

// louvain returns the community of every node of the undirected view, or the error of stopped once ctx
// ends.
func (g *Projection) louvain(ctx context.Context, resolution float64, seed int64) ([]int32, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	n := g.Nodes()
	member := make([]int32, n)
	for v := range member {
		member[v] = int32(v)
	}
	m := float64(g.Edges(false))
	if m == 0 {
		return member, nil
	}
	lv := &level{off: g.off, adj: g.adj, w: make([]float64, len(g.adj)), loop: make([]float64, n), degree: make([]float64, n)}
	for i := range lv.w {
		lv.w[i] = 1
	}
	for v := range n {
		lv.degree[v] = float64(g.off[v+1] - g.off[v])
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x10c_a1e))
	for {
		comm, moved, err := lv.move(ctx, m, resolution, r)
		if err != nil {
			return nil, err
		}
		if !moved {
			return member, nil
		}
		count := renumber(comm)
		for v := range member {
			member[v] = comm[member[v]]
		}
		if lv, err = lv.merge(ctx, comm, count); err != nil {
			return nil, err
		}
	}
}

// move runs the local moving phase on the level: each node starts alone and moves, in a shuffled order
// drawn from r, to the neighbouring community with the best gain, until a sweep moves nothing. It
// returns the community of each node and whether any node moved, or the error of stopped when ctx ends,
// which it looks at every checkEvery nodes.
func (lv *level) move(ctx context.Context, m, resolution float64, r *rand.Rand) (comm []int32, moved bool, err error) {
	n := len(lv.degree)
	comm = make([]int32, n)
	total := make([]float64, n) // degree sum of each community
	order := make([]int32, n)
	for v := range n {
		comm[v] = int32(v)
		total[v] = lv.degree[v]
		order[v] = int32(v)
	}
	r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })

	links := make([]float64, n) // weight from the current node to each community
	var touched []int32
	scale := resolution / (2 * m * m)
	var visits int
	for {
		var moves int
		for _, v := range order {
			if visits++; visits%checkEvery == 0 {
				if err := stopped(ctx); err != nil {
					return nil, false, err
				}
			}
			k := lv.degree[v]
			touched = touched[:0]
			for i := lv.off[v]; i < lv.off[v+1]; i++ {
				c := comm[lv.adj[i]]
				if links[c] == 0 {
					touched = append(touched, c)
				}
				links[c] += lv.w[i]
			}
			// Gains are relative to v standing alone; NetworkX's remove_cost plus its add gain.
			own := comm[v]
			total[own] -= k
			best, bestGain := own, links[own]/m-scale*total[own]*k
			for _, c := range touched {
				if gain := links[c]/m - scale*total[c]*k; gain > bestGain+minGain {
					best, bestGain = c, gain
				}
			}
			total[best] += k
			if best != own {
				comm[v] = best
				moves++
			}
			for _, c := range touched {
				links[c] = 0
			}
		}
		if moves == 0 {
			return comm, moved, nil
		}
		moved = true
	}
}

// renumber maps community labels to 0..count-1 in order of their lowest node, in place.
func renumber(comm []int32) int {
	index := make([]int32, len(comm))
	for i := range index {
		index[i] = -1
	}
	var count int32
	for v, c := range comm {
		if index[c] < 0 {
			index[c] = count
			count++
		}
		comm[v] = index[c]
	}
	return int(count)
}

// merge returns the level whose nodes are the communities of this one, or the error of stopped when ctx
// ends, which it looks at every checkEvery nodes.
func (lv *level) merge(ctx context.Context, comm []int32, count int) (*level, error) {
	// Members of each community, by counting sort.
	start := make([]int32, count+1)
	for _, c := range comm {
		start[c+1]++
	}
	prefixSum(start)
	members := make([]int32, len(comm))
	pos := append([]int32(nil), start[:count]...)
	for v, c := range comm {
		members[pos[c]] = int32(v)
		pos[c]++
	}

	next := &level{
		off:    make([]int32, count+1),
		loop:   make([]float64, count),
		degree: make([]float64, count),
	}
	links := make([]float64, count)
	var touched []int32
	var visits int
	for c := range count {
		touched = touched[:0]
		for _, v := range members[start[c]:start[c+1]] {
			if visits++; visits%checkEvery == 0 {
				if err := stopped(ctx); err != nil {
					return nil, err
				}
			}
			next.degree[c] += lv.degree[v]
			next.loop[c] += lv.loop[v]
			for i := lv.off[v]; i < lv.off[v+1]; i++ {
				d := comm[lv.adj[i]]
				if d == int32(c) {
					next.loop[c] += lv.w[i] / 2 // seen from both ends
					continue
				}
				if links[d] == 0 {
					touched = append(touched, d)
				}
				links[d] += lv.w[i]
			}
		}
		for _, d := range touched {
			next.adj = append(next.adj, d)
			next.w = append(next.w, links[d])
			links[d] = 0
		}
		next.off[c+1] = int32(len(next.adj))
	}
	return next, nil
}
