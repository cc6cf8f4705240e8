package resolvers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// How nested lists reach the store. Every field that reads a list or an object per parent is a gqlgen
// batch resolver (see gqlgen.yml): gqlgen calls it once with all the elements of the list its parents sit
// in, so a page of 100 stakeholders asking for their partners is one store query, issued at once.
//
// One case a batch cannot cover: parents spread over several lists (the partners of each partner of a
// page, the members of each community) or single objects inside a list (a tie's ends). gqlgen then calls
// the resolver once per list or per object. Those calls go through the operation's loader, which gathers
// every call made within batchWait and answers them with one query, so the number of queries stays bounded
// by the query's nesting, not by its rows.

// batchWait is how long a loader gathers the calls of parents spread over several lists. gqlgen resolves
// sibling elements concurrently, so their calls arrive within a fraction of this.
const batchWait = 2 * time.Millisecond

// spread reports whether the field being resolved may be resolved again for other parents elsewhere in
// the response: its path crosses a list other than the one its parent is an element of. A field resolved
// once for the whole operation (no list above it) or once for all of a single list's elements (the batch
// call) is not spread, and queries the store directly.
func spread(ctx context.Context) bool {
	path := graphql.GetPath(ctx)
	lists := 0
	for _, p := range path {
		if _, ok := p.(ast.PathIndex); ok {
			lists++
		}
	}
	if lists == 0 {
		return false
	}
	if lists > 1 || len(path) < 2 {
		return true
	}
	_, parentInList := path[len(path)-2].(ast.PathIndex)
	return !parentInList
}

// loaders holds the loaders of one GraphQL operation, one per field and argument set. A fresh set serves
// each operation, so nothing is cached across requests.
type loaders struct {
	store domain.Store
	mu    sync.Mutex
	byKey map[string]any
}

type loadersKey struct{}

// WithLoaders returns ctx carrying a fresh set of loaders for one operation.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, &loaders{store: r.Store, byKey: map[string]any{}})
}

func loadersFrom(ctx context.Context, store domain.Store) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	// Without WithLoaders (a resolver called outside an operation) each call batches only itself.
	return &loaders{store: store, byKey: map[string]any{}}
}

// loaderFor returns the loader stored under key, creating it with make on first use.
func loaderFor[V any](l *loaders, key string, make func() *dataloadgen.Loader[string, V]) *dataloadgen.Loader[string, V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := l.byKey[key].(*dataloadgen.Loader[string, V]); ok {
		return ld
	}
	ld := make()
	l.byKey[key] = ld
	return ld
}

// listFetch reads a list for each of many parents in one store query, keyed by parent slug; parents it
// leaves out have an empty list.
type listFetch[V any] func(ctx context.Context, slugs []string) (map[string][]V, error)

// loadLists returns the list field (with the given arguments, rendered by argsKey) of each parent slug, in
// order; a parent fetch leaves out has an empty list.
func loadLists[V any](ctx context.Context, store domain.Store, field, args string, slugs []string, fetch listFetch[V]) ([][]V, error) {
	lists, err := loadBySlug(ctx, store, fieldKey(field, args), slugs, fetch)
	if err != nil {
		return nil, err
	}
	return nonNil(lists), nil
}

// recovered runs fetch, turning a panic into an internal error that carries the stack. A loader runs
// fetch in a goroutine of its own, where gqlgen's recovery does not reach, and the loader's own recovery
// keeps only the panic's value.
func recovered[V any](fetch func(ctx context.Context, slugs []string) (map[string]V, error)) func(ctx context.Context, slugs []string) (map[string]V, error) {
	return func(ctx context.Context, slugs []string) (found map[string]V, err error) {
		defer func() {
			if p := recover(); p != nil {
				found, err = nil, domain.Internal(fmt.Errorf("panic in a batched read: %v\n%s", p, debug.Stack()))
			}
		}()
		return fetch(ctx, slugs)
	}
}

// fieldKey names a field with its arguments, for loaders.
func fieldKey(field, args string) string { return field + "(" + args + ")" }

// loadNodes looks up objects of type t by slug, in order, with what sel reads of each; an unknown slug
// gives nil. Every call for the field being resolved shares a loader (its parents may be spread), so each
// field's objects cost one statement.
func loadNodes(ctx context.Context, store domain.Store, t domain.NodeType, slugs []string, sel *domain.Selection) ([]domain.Node, error) {
	key := "node:" + string(t)
	if sel != nil {
		key += fmt.Sprintf(":%p", graphql.GetFieldContext(ctx).Field.Field)
	}
	return loadBySlug(ctx, store, key, slugs, func(ctx context.Context, slugs []string) (map[string]domain.Node, error) {
		return store.NodesBySlug(ctx, t, slugs, sel)
	})
}

// loadBySlug answers fetch for each slug, in order, with the zero value where fetch has nothing: with one
// direct call, or through the operation's loader stored under key when the parents are spread.
func loadBySlug[V any](ctx context.Context, store domain.Store, key string, slugs []string, fetch func(ctx context.Context, slugs []string) (map[string]V, error)) ([]V, error) {
	if !spread(ctx) {
		found, err := fetch(ctx, distinct(slugs))
		if err != nil {
			return nil, err
		}
		out := make([]V, len(slugs))
		for i, s := range slugs {
			out[i] = found[s]
		}
		return out, nil
	}
	ld := loaderFor(loadersFrom(ctx, store), key, func() *dataloadgen.Loader[string, V] {
		return dataloadgen.NewMappedLoader(recovered(fetch), dataloadgen.WithWait(batchWait),
			dataloadgen.WithBatchCapacity(domain.MaxPageSize*10))
	})
	values, err := ld.LoadAll(ctx, slugs)
	var es dataloadgen.ErrorSlice
	if !errors.As(err, &es) {
		if err != nil {
			return nil, err
		}
		return values, nil
	}
	for i, e := range es {
		switch {
		case e == nil:
		case errors.Is(e, dataloadgen.ErrNotFound): // fetch had nothing for this slug
			var zero V
			values[i] = zero
		default:
			return nil, e
		}
	}
	return values, nil
}

// stakeholdersBySlug looks up stakeholders by slug, in order, with what sel reads of each; an unknown slug
// gives nil.
func stakeholdersBySlug(ctx context.Context, store domain.Store, slugs []string, sel *domain.Selection) ([]*domain.Stakeholder, error) {
	found, err := loadNodes(ctx, store, domain.NodeStakeholder, slugs, sel)
	if err != nil {
		return nil, err
	}
	out := make([]*domain.Stakeholder, len(found))
	for i, n := range found {
		out[i], _ = n.(*domain.Stakeholder)
	}
	return out, nil
}

func distinct(slugs []string) []string {
	if len(slugs) < 2 {
		return slugs
	}
	out := slices.Clone(slugs)
	slices.Sort(out)
	return slices.Compact(out)
}

// nonNil replaces nil lists by empty ones: a list field with nothing in it is [], not null.
func nonNil[V any](lists [][]V) [][]V {
	for i, l := range lists {
		if l == nil {
			lists[i] = []V{}
		}
	}
	return lists
}

// slugsOf returns the slugs of the given parents.
func slugsOf[T any](objs []*T, slug func(*T) string) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = slug(o)
	}
	return out
}
