package analytics

import "context"

// Closeness ranks stakeholders by closeness centrality, networkx.closeness_centrality with
// wf_improved=True: for a stakeholder u that r-1 others can reach at total distance d,
//
//	C(u) = (r-1)/d · (r-1)/(n-1)
//
// (0 when nobody reaches u). The second factor is Wasserman and Faust's scaling, which keeps values
// comparable across the components of a disconnected network. In the directed view the distances are
// those into u, from the stakeholders that reach it, as in NetworkX. It runs one search per stakeholder
// and stops within one search of ctx ending.
func (g *Projection) Closeness(ctx context.Context, directed bool) (Ranking, error) {
	n := g.Nodes()
	values := make([]float64, n)
	off, adj := g.reverse(directed)
	err := g.eachSource(ctx, n, func(_ int, s *scratch, i int) {
		s.bfs(off, adj, int32(i), -1)
		var total int64
		for _, v := range s.order {
			total += int64(s.dist[v])
		}
		if reached := float64(len(s.order) - 1); total > 0 && n > 1 {
			values[i] = reached / float64(total) * reached / float64(n-1)
		}
		s.clear()
	})
	if err != nil {
		return nil, err
	}
	return g.rank(values), nil
}

// Harmonic ranks stakeholders by harmonic centrality, networkx.harmonic_centrality: the sum of 1/d(v, u)
// over the stakeholders v that reach u, not normalised. In the directed view the distances are those into
// u, as in NetworkX. Like Closeness it stops within one search of ctx ending.
func (g *Projection) Harmonic(ctx context.Context, directed bool) (Ranking, error) {
	n := g.Nodes()
	values := make([]float64, n)
	off, adj := g.reverse(directed)
	err := g.eachSource(ctx, n, func(_ int, s *scratch, i int) {
		s.bfs(off, adj, int32(i), -1)
		var sum float64
		for _, v := range s.order[1:] {
			sum += 1 / float64(s.dist[v])
		}
		values[i] = sum
		s.clear()
	})
	if err != nil {
		return nil, err
	}
	return g.rank(values), nil
}
