package analytics

import (
	"context"
	"errors"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Cancellation. Every analysis that can run for more than a few milliseconds on a large network takes the
// request's context and gives up soon after it ends, so a client that went away or a request past its
// deadline does not keep a core busy for seconds. Where each one looks at the context:
//
//   - the all-sources searches (betweenness, closeness, harmonic centrality, the distances of Stats, and
//     so Brokers): before every breadth-first search, in each worker (eachSource), which is under a
//     millisecond at 10k stakeholders and 100k ties and a few at 100k and 1M;
//   - the power iterations (PageRank, Eigenvector): before every round;
//   - Louvain, components, strong components and core numbers: every checkEvery nodes moved, merged,
//     reached or peeled;
//   - a caller waiting for the exact betweenness another request is computing: as long as it waits.
//
// A look is ctx.Err, an atomic load: about 6 ns on a cancellable context. On the benchmark network of 10k
// stakeholders and 100k ties exact betweenness looks 10,002 times in a run of seconds (60 µs in all) and
// Louvain 44 times in 25 ms, 366 times in 0.4 s on the 100k/1M network, so the looks cost nothing
// measurable: BenchmarkBetweenness and BenchmarkLouvain before and after they were added agree within
// their noise.
//
// Degree, Build, Subgraph, Modularity, the tie lookups, ShortestPaths and Neighborhood take no context: each
// is at most one pass over the network (a shortest path search between far-apart stakeholders of the
// 100k/1M network takes about 10 ms, and the service bounds its depth).

// checkEvery is how many steps the linear-time loops take between two looks at their context: 4096 steps
// take well under a millisecond even on the largest network, tens of thousands of times the cost of one look.
const checkEvery = 4096

// stopped returns nil while ctx has not ended, and otherwise the error an analysis gives up with (see
// cancelled).
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return cancelled(err)
	}
	return nil
}

// cancelled turns the error of an ended context into the one the analyses return: a *domain.Error with
// CodeUnavailable, as the store reports a query its context stopped, wrapping err so that
// errors.Is(err, context.Canceled) or errors.Is(err, context.DeadlineExceeded) holds.
func cancelled(err error) error {
	msg := "the analysis was cancelled"
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "the analysis took longer than the request's deadline"
	}
	return &domain.Error{Code: domain.CodeUnavailable, Message: msg, Err: err}
}
