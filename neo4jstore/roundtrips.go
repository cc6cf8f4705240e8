package neo4jstore

import (
	"context"
	"sync/atomic"
)

// A round-trip counter attached to a context counts the transactions the store runs for it, so the API
// can show what a request cost and tests can check that nested lists are batched.

type counterKey struct{}

// WithRoundTripCounter returns ctx carrying a fresh counter and the counter itself.
func WithRoundTripCounter(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, counterKey{}, n), n
}

func countRoundTrip(ctx context.Context) {
	if n, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}
