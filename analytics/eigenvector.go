package analytics

import (
	"context"
	"math"
)

// Eigenvector ranks stakeholders by eigenvector centrality, networkx.eigenvector_centrality: the power
// iteration x ← (A+I)ᵀx from the uniform vector, scaled to unit L2 norm each round, where in the directed
// view a stakeholder's score sums those of its predecessors (the arcs into it: its members, parts and
// partners). Like NetworkX it stops when the L1 change falls below n·tol and fails after maxIter rounds with
// an error wrapping ErrNotConverged; networks whose directed view has few cycles may not converge. The
// vector is unique only on a strongly connected view; elsewhere the result is the one this iteration
// reaches, which is NetworkX's. gonum has no eigenvector centrality. It looks at ctx before every round
// (a few milliseconds at 100k stakeholders and 1M ties) and stops when it has ended.
func (g *Projection) Eigenvector(ctx context.Context, directed bool, tol float64, maxIter int) (Ranking, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	n := g.Nodes()
	if n == 0 {
		return Ranking{}, nil
	}
	off, adj := g.reverse(directed)
	x := make([]float64, n)
	next := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for range maxIter {
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		var norm float64
		for v := range n {
			sum := x[v]
			for _, u := range adj[off[v]:off[v+1]] {
				sum += x[u]
			}
			next[v] = sum
			norm += sum * sum
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1
		}
		var change float64
		for v := range n {
			next[v] /= norm
			change += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if change < float64(n)*tol {
			return g.rank(x), nil
		}
	}
	return nil, notConverged("eigenvector centrality", maxIter)
}
