package viewcache

import (
	"context"
	"fmt"
)

// Memo returns the result of compute for key on v, computing it at most once per view: concurrent
// callers share one computation, which is cancelled when the last of them goes away, and a result is kept
// only when it succeeded (see the package comment). key must name the result by its normalised
// arguments. compute runs holding one of the cache's workers, so it must not call Memo: with every worker
// held by an outer computation, the inner one would wait for ever.
func Memo[T any](ctx context.Context, v *View, key string, compute func(ctx context.Context) (T, error)) (T, error) {
	if value, ok := v.cache.lookup(v, key); ok {
		return value.(T), nil
	}
	// The flight is named after this very projection: a rebuilt one of the same version computes afresh.
	value, err := v.cache.share(ctx, fmt.Sprintf("result %p %s", v, key), func(ctx context.Context) (any, error) {
		value, err := compute(ctx)
		if err == nil {
			v.cache.keep(v, key, value)
		}
		return value, err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return value.(T), nil
}
