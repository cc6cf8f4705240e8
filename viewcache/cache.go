// Package viewcache keeps the in-memory projections of network views that the analyses run on (see
// analytics.Projection), and the results computed on them, within a memory budget.
//
// A projection of a view (the whole network or a filtered one) is read from the store and built once per
// graph version; its expensive results (rankings, partitions, statistics) are computed once per
// projection (Memo). Any write to the graph moves the version on, and the next request builds afresh:
// when the store can tell which stakeholders and ties the changes since the last projection wrote
// (Source.NetworkDelta), by patching the last projection with those records as they are now, a read of
// a few records instead of the whole view; otherwise by reading the view whole. A view is read
// whole at least every maxPatchAge, so a write that moved no version (a program writing to Neo4j behind
// the service's back) shows within that time of the next change.
//
// Bounded work and memory:
//
//   - Projections and results share one budget in bytes. Each is sized when it is kept (analytics.Projection
//     and the result types know their size), and the least recently used go first when the budget is
//     exceeded; a projection takes its results with it. A projection larger than the whole budget is
//     still kept, alone, so a graph that big is not rebuilt for every request.
//   - A build or a computation is shared by every request that asks for it while it runs, and it runs
//     for as long as one of them still waits: when the last one goes away (its client left, or its
//     deadline passed), it is cancelled, and nothing is kept.
//   - At most a few builds and computations run at once (workers, one per two cores by default), so
//     analyses never take every core from the requests that only read: answers already kept are served
//     without waiting, work waits for a worker.
//   - A computation that fails or panics is not kept either: the panic becomes an INTERNAL error, logged
//     with its stack, and the next request computes again.
//   - Results are keyed by the caller on normalised arguments (arguments that do not change the result
//     are left out of the key), and views by a normalised filter (lists sorted and without repeats), so
//     requests that differ only in the spelling of their arguments share one result.
package viewcache

import (
	"container/list"
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Source is where projections come from.
type Source interface {
	Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error)
	NetworkDelta(ctx context.Context, f domain.NetworkFilter, since, until int64) (*domain.NetworkDelta, error)
	GraphVersion(ctx context.Context) (int64, error)
}

// View is a network view held in memory: its projection, and the graph version it was built from.
type View struct {
	Version    int64
	Projection *analytics.Projection
	// Built is how long reading and building the projection took.
	Built time.Duration
	// Patched says it was built from the projection of an earlier version and what changed since.
	Patched bool

	whole time.Time // when the view it was patched from (or it) was read whole

	cache *Cache
	key   string // the view's normalised filter
	entry *entry // its place in the cache, nil once dropped
}

// entry is one thing the cache keeps: a view, or a result computed on one.
type entry struct {
	view  *View
	name  string // the result's key; "" for the view itself
	value any
	bytes int64
	elem  *list.Element
}

// Cache keeps the projections of the most recently used views and their results.
type Cache struct {
	source  Source
	log     *slog.Logger
	limit   int64
	workers chan struct{} // a token per build or computation running

	mu      sync.Mutex
	views   map[string]*View            // by normalised filter
	results map[*View]map[string]*entry // by view, then key
	order   *list.List                  // of *entry, most recently used first
	size    int64                       // bytes of everything kept
	flights map[string]*flight          // builds and computations under way

	patchAge time.Duration // maxPatchAge, but in tests
}

// New returns a cache that keeps at most limitBytes of projections and results, and runs at most workers
// builds and computations at once (0: one per two cores, at least one).
func New(source Source, log *slog.Logger, limitBytes int64, workers int) *Cache {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if workers <= 0 {
		workers = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &Cache{source: source, log: log, limit: limitBytes, workers: make(chan struct{}, workers), views: map[string]*View{},
		results: map[*View]map[string]*entry{}, order: list.New(), flights: map[string]*flight{}, patchAge: maxPatchAge}
}

// Get returns the projection of the view f selects at the current graph version, building it if needed.
func (c *Cache) Get(ctx context.Context, f domain.NetworkFilter) (*View, error) {
	version, err := c.source.GraphVersion(ctx)
	if err != nil {
		return nil, err
	}
	key := filterKey(f)
	c.mu.Lock()
	if v, ok := c.views[key]; ok && v.Version == version {
		c.order.MoveToFront(v.entry.elem)
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()

	built, err := c.share(ctx, fmt.Sprintf("view %s@%d", key, version), func(ctx context.Context) (any, error) {
		start := time.Now()
		n, base, err := c.network(ctx, key, f, version)
		if err != nil {
			return nil, err
		}
		v := &View{Version: version, Projection: analytics.Build(n), whole: start, cache: c, key: key}
		if base != nil {
			v.Patched, v.whole = true, base.whole
		}
		v.Built = time.Since(start)
		c.log.Info("projection built", "view", key, "version", version, "patched", v.Patched, "stakeholders", v.Projection.Nodes(),
			"ties", v.Projection.Ties(), "bytes", v.Projection.SizeBytes(), "took", v.Built)
		c.keepView(v)
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	return built.(*View), nil
}

// maxPatchAge is how long after a view was read whole it may be patched instead of read again.
const maxPatchAge = time.Minute

// network returns the view key (filter f) at version: the view kept of an earlier version patched with
// what changed since, when the source can tell and that view was read whole less than maxPatchAge ago
// (it returns that view, the base), or the view read whole (a nil base).
func (c *Cache) network(ctx context.Context, key string, f domain.NetworkFilter, version int64) (*domain.Network, *View, error) {
	c.mu.Lock()
	old := c.views[key]
	c.mu.Unlock()
	if old != nil && old.Version < version && time.Since(old.whole) < c.patchAge {
		d, err := c.source.NetworkDelta(ctx, f, old.Version, version)
		if err != nil {
			return nil, nil, err
		}
		if d != nil {
			return patch(old.Projection.Network(), d), old, nil
		}
	}
	n, err := c.source.Network(ctx, f, false)
	return n, nil, err
}

// patch is n without the stakeholders d touched, their ties and the ties d names, plus those of them
// in the view now.
func patch(n *domain.Network, d *domain.NetworkDelta) *domain.Network {
	touched := make(map[string]bool, len(d.Touched))
	for _, slug := range d.Touched {
		touched[slug] = true
	}
	reread := make(map[string]bool, len(d.Ties))
	for _, key := range d.Ties {
		reread[key] = true
	}
	out := &domain.Network{Stakeholders: make([]*domain.Stakeholder, 0, len(n.Stakeholders)+len(d.Network.Stakeholders)),
		Ties: make([]*domain.NetworkTie, 0, len(n.Ties)+len(d.Network.Ties))}
	for _, s := range n.Stakeholders {
		if !touched[s.Slug] {
			out.Stakeholders = append(out.Stakeholders, s)
		}
	}
	out.Stakeholders = append(out.Stakeholders, d.Network.Stakeholders...)
	for _, t := range n.Ties {
		if !touched[t.From] && !touched[t.To] && !reread[t.Key] {
			out.Ties = append(out.Ties, t)
		}
	}
	out.Ties = append(out.Ties, d.Network.Ties...)
	return out
}

// keepView keeps v in place of any older projection of the same view.
func (c *Cache) keepView(v *View) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.views[v.key]; ok {
		if old.Version > v.Version {
			return
		}
		c.dropView(old)
	}
	c.views[v.key] = v
	c.results[v] = map[string]*entry{}
	v.entry = &entry{view: v, value: v, bytes: v.Projection.SizeBytes()}
	c.add(v.entry)
}

// lookup returns the result kept for v under name.
func (c *Cache) lookup(v *View, name string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.results[v][name]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e.elem)
	c.order.MoveToFront(v.entry.elem) // a view in use is recent too
	return e.value, true
}

// keep keeps a result computed on v, unless v has been dropped meanwhile.
func (c *Cache) keep(v *View, name string, value any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	results, ok := c.results[v]
	if !ok {
		return
	}
	if old, ok := results[name]; ok {
		c.remove(old)
	}
	e := &entry{view: v, name: name, value: value, bytes: sizeOf(value)}
	results[name] = e
	c.add(e)
}

// add puts e in front and evicts the least recently used entries while over the limit. The view just
// added, and the last view left, are not evicted: a projection larger than the budget is kept alone, its
// results going first.
func (c *Cache) add(e *entry) {
	e.elem = c.order.PushFront(e)
	c.size += e.bytes
	for c.size > c.limit {
		victim := c.evictable(e)
		if victim == nil {
			return
		}
		if victim.name == "" {
			c.dropView(victim.view)
		} else {
			c.remove(victim)
		}
	}
}

// evictable returns the least recently used entry that may go to make room for e.
func (c *Cache) evictable(e *entry) *entry {
	for el := c.order.Back(); el != nil; el = el.Prev() {
		old := el.Value.(*entry)
		if old.name == "" && (old == e || len(c.views) == 1) {
			continue
		}
		return old
	}
	return nil
}

// dropView forgets a view and its results.
func (c *Cache) dropView(v *View) {
	for _, e := range c.results[v] {
		c.remove(e)
	}
	delete(c.results, v)
	if c.views[v.key] == v {
		delete(c.views, v.key)
	}
	if v.entry != nil && v.entry.elem != nil {
		c.order.Remove(v.entry.elem)
		c.size -= v.entry.bytes
		v.entry.elem = nil
	}
}

// remove forgets one result.
func (c *Cache) remove(e *entry) {
	if e.elem == nil {
		return
	}
	c.order.Remove(e.elem)
	c.size -= e.bytes
	e.elem = nil
	if results := c.results[e.view]; results[e.name] == e {
		delete(results, e.name)
	}
}

// Size returns the bytes the cache holds and the number of views, for metrics and tests.
func (c *Cache) Size() (bytes int64, views int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size, len(c.views)
}

// filterKey renders a filter by value, normalised, so filters that select the same view share a
// projection: lists are sorted without repeats, the country upper-cased.
func filterKey(f domain.NetworkFilter) string {
	country, asOf := "", ""
	if f.Country != nil {
		country = strings.ToUpper(strings.TrimSpace(*f.Country))
	}
	if f.AsOf != nil {
		asOf = string(*f.AsOf)
	}
	return fmt.Sprintf("k%v s%v f%v c%s t%v a%s e%s %s", set(f.Kinds), set(f.Sectors), set(f.FocusAreas), country, set(f.TieTypes), asOf, f.Evidence.Key(), f.Affiliation.Key())
}

// set returns a sorted copy of list without repeats.
func set[T ~string](list []T) []T {
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}
