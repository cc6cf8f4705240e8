package analytics

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// ErrNotConverged is the cause of the error PageRank and Eigenvector return when the power iteration does
// not settle within the allowed number of rounds. The error itself is a *domain.Error with CodeInvalid.
var ErrNotConverged = errors.New("power iteration did not converge")

// PageRank ranks stakeholders by PageRank, networkx.pagerank with uniform start, teleport and dangling
// weights: rank flows along the arcs of the directed view (or both ways along every edge of the undirected
// view), a stakeholder with no outgoing arc spreads its rank evenly over everyone, and with probability
// 1-alpha the walk jumps to a stakeholder chosen uniformly. Like NetworkX it stops when the L1 change of the
// vector falls below n·tol, and fails after maxIter rounds (the error wraps ErrNotConverged). NetworkX's
// defaults are alpha 0.85, tol 1e-6 and maxIter 100. The result is within n·tol·alpha/(1-alpha) of the
// exact vector in L1, so tol 1e-12 keeps every value within 1e-6 up to about 100k stakeholders, in a few
// hundred rounds.
//
// gonum's network.PageRankSparse computes the same vector, but starts from a random one drawn from the
// global generator (so results vary run to run in the last digits), stops on the L2 change and has no cap
// on rounds; the tests check the two agree.
//
// It looks at ctx before every round (a few milliseconds at 100k stakeholders and 1M ties) and stops when
// it has ended.
func (g *Projection) PageRank(ctx context.Context, directed bool, alpha, tol float64, maxIter int) (Ranking, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	n := g.Nodes()
	if n == 0 {
		return Ranking{}, nil
	}
	off, adj := g.reverse(directed) // rank is pulled from predecessors
	outOff, _ := g.neighbours(directed)
	nf := float64(n)
	x := make([]float64, n)
	next := make([]float64, n)
	share := make([]float64, n) // x[u]/outdegree(u)
	for v := range x {
		x[v] = 1 / nf
	}
	for range maxIter {
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		var dangling float64
		for u := range n {
			if d := outOff[u+1] - outOff[u]; d > 0 {
				share[u] = x[u] / float64(d)
			} else {
				dangling += x[u]
			}
		}
		base := alpha*dangling/nf + (1-alpha)/nf
		var change float64
		for v := range n {
			var in float64
			for _, u := range adj[off[v]:off[v+1]] {
				in += share[u]
			}
			next[v] = alpha*in + base
			change += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if change < nf*tol {
			return g.rank(x), nil
		}
	}
	return nil, notConverged("PageRank", maxIter)
}

// notConverged reports a power iteration that ran out of rounds.
func notConverged(measure string, rounds int) error {
	return &domain.Error{
		Code:    domain.CodeInvalid,
		Message: fmt.Sprintf("%s does not converge on this network within %d iterations", measure, rounds),
		Err:     ErrNotConverged,
	}
}
