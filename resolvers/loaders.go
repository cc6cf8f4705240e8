package resolvers

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// batchWait is how long a loader waits to gather sibling fields before it queries. gqlgen resolves the
// fields of a list's elements concurrently, so a few milliseconds is enough to gather all of a page.
const batchWait = 3 * time.Millisecond

// loaders batches the nested lists of one GraphQL operation: every element of a list asking for the same
// field with the same arguments is answered by one store query. A fresh set serves each operation, so
// nothing is cached across requests.
type loaders struct {
	graph domain.Graph
	mu    sync.Mutex
	byKey map[string]any
}

type loadersKey struct{}

// WithLoaders returns ctx carrying a fresh set of loaders for one operation.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, &loaders{graph: r.Graph, byKey: map[string]any{}})
}

func loadersFrom(ctx context.Context, g domain.Graph) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	// Without WithLoaders (a resolver called outside an operation) each call batches only itself.
	return &loaders{graph: g, byKey: map[string]any{}}
}

// listLoader returns the loader for one field and argument set, creating it on first use. fetch answers
// for many parents at once, keyed by parent slug; parents it leaves out get an empty list.
func listLoader[V any](l *loaders, field string, args any, fetch func(ctx context.Context, slugs []string) (map[string][]V, error)) *dataloadgen.Loader[string, []V] {
	key := fmt.Sprintf("%s%+v", field, args)
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := l.byKey[key].(*dataloadgen.Loader[string, []V]); ok {
		return ld
	}
	ld := dataloadgen.NewLoader(func(ctx context.Context, slugs []string) ([][]V, []error) {
		found, err := fetch(ctx, slugs)
		values, errs := make([][]V, len(slugs)), make([]error, len(slugs))
		for i, slug := range slugs {
			values[i], errs[i] = found[slug], err
			if values[i] == nil {
				values[i] = []V{}
			}
		}
		return values, errs
	}, dataloadgen.WithWait(batchWait), dataloadgen.WithBatchCapacity(domain.MaxPageSize*10))
	l.byKey[key] = ld
	return ld
}

// loadList loads one parent's list through the loader for field and args.
func loadList[V any](ctx context.Context, g domain.Graph, field string, args any, slug string, fetch func(ctx context.Context, slugs []string) (map[string][]V, error)) ([]V, error) {
	v, err := listLoader(loadersFrom(ctx, g), field, args, fetch).Load(ctx, slug)
	var es dataloadgen.ErrorSlice
	if errors.As(err, &es) && len(es) > 0 {
		return nil, es[0]
	}
	return v, err
}

// loadNode loads one object by type and slug, batched with the operation's other lookups of that type.
func loadNode(ctx context.Context, g domain.Graph, t domain.NodeType, slug string) (domain.Node, error) {
	l := loadersFrom(ctx, g)
	key := "node:" + string(t)
	l.mu.Lock()
	ld, ok := l.byKey[key].(*dataloadgen.Loader[string, domain.Node])
	if !ok {
		ld = dataloadgen.NewMappedLoader(func(ctx context.Context, slugs []string) (map[string]domain.Node, error) {
			return g.NodesBySlug(ctx, t, slugs)
		}, dataloadgen.WithWait(batchWait))
		l.byKey[key] = ld
	}
	l.mu.Unlock()
	n, err := ld.Load(ctx, slug)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, domain.Errorf(domain.CodeNotFound, "no %s has the slug %q", t, slug)
	}
	return n, err
}
