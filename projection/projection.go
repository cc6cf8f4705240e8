// Package projection keeps in-memory analytics projections of the network. A projection of a view (the
// whole network or a filtered one) is built once per graph version, and its expensive results (centrality
// rankings, communities, statistics) are computed once per projection; any write to the graph moves the
// version on, and the next request builds afresh. Requests for the same view share one build.
package projection

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Source is where projections come from.
type Source interface {
	Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error)
	GraphVersion(ctx context.Context) (int64, error)
}

// View is one projection: the graph for analysis, the graph version it was built from, and the results
// computed on it so far.
type View struct {
	Version int64
	Graph   *analytics.Graph
	// Built is how long reading and building the projection took.
	Built time.Duration

	mu      sync.Mutex
	results map[string]*result
}

type result struct {
	once  sync.Once
	value any
	err   error
}

// Memo returns the result of compute for key, computing it at most once per view; concurrent callers for
// the same key wait for the one computation.
//
// A computation stopped by its request's context (an error wrapping context.Canceled or
// DeadlineExceeded) is not kept: it says nothing about the view, only that one caller went away. The next
// call computes afresh, and callers that were waiting on it run their own compute, so one client hanging
// up does not fail the others or every later request on the view.
func Memo[T any](v *View, key string, compute func() (T, error)) (T, error) {
	for {
		v.mu.Lock()
		r, ok := v.results[key]
		if !ok {
			r = &result{}
			v.results[key] = r
		}
		v.mu.Unlock()
		var ran bool
		r.once.Do(func() {
			ran = true
			r.value, r.err = compute()
			if stopped(r.err) {
				v.mu.Lock()
				if v.results[key] == r {
					delete(v.results, key)
				}
				v.mu.Unlock()
			}
		})
		if ran || !stopped(r.err) {
			value, _ := r.value.(T)
			return value, r.err
		}
	}
}

// stopped reports whether err says a context ended, rather than anything about the view.
func stopped(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Cache holds the projections of the most recently used views.
type Cache struct {
	source  Source
	log     *slog.Logger
	max     int
	builds  singleflight.Group
	mu      sync.Mutex
	views   map[string]*View
	lastUse map[string]time.Time
}

// New returns a cache of at most maxViews projections (at least 1).
func New(source Source, log *slog.Logger, maxViews int) *Cache {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Cache{source: source, log: log, max: max(1, maxViews), views: map[string]*View{}, lastUse: map[string]time.Time{}}
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
		c.lastUse[key] = time.Now()
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()

	built, err, _ := c.builds.Do(fmt.Sprintf("%s@%d", key, version), func() (any, error) {
		// The build outlives any one caller: it is shared, and cancelling it would waste it for the rest.
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Minute)
		defer cancel()
		start := time.Now()
		n, err := c.source.Network(bctx, f, false)
		if err != nil {
			return nil, err
		}
		v := &View{Version: version, Graph: analytics.Build(n), results: map[string]*result{}}
		v.Built = time.Since(start)
		c.log.Info("projection built", "view", key, "version", version, "stakeholders", v.Graph.Nodes(),
			"ties", v.Graph.Ties(), "took", v.Built)
		c.store(key, v)
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	return built.(*View), nil
}

// store keeps v, dropping the least recently used view when the cache is full.
func (c *Cache) store(key string, v *View) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.views[key]; ok && old.Version > v.Version {
		return
	}
	c.views[key], c.lastUse[key] = v, time.Now()
	for len(c.views) > c.max {
		var oldest string
		for k, t := range c.lastUse {
			if oldest == "" || t.Before(c.lastUse[oldest]) {
				oldest = k
			}
		}
		delete(c.views, oldest)
		delete(c.lastUse, oldest)
	}
}

// filterKey renders a filter by value, so equal filters share a projection.
func filterKey(f domain.NetworkFilter) string {
	country, asOf := "", ""
	if f.Country != nil {
		country = strings.ToUpper(strings.TrimSpace(*f.Country))
	}
	if f.AsOf != nil {
		asOf = string(*f.AsOf)
	}
	return fmt.Sprintf("k%v s%v f%v c%s t%v a%s", f.Kinds, f.Sectors, f.FocusAreas, country, f.TieTypes, asOf)
}
