// Package analysis answers the API's network analyses. It keeps the projections of network views in a
// viewcache.Cache, runs the measures of package analytics on them once per view, and owns the rules that
// keep the answers cheap and honest: the bounds and defaults of the arguments, the keys results are kept
// under (normalised, so arguments that do not change a result do not compute it again), when betweenness
// samples, and which exact analyses a view is too large for. The resolvers check that arguments are within
// the bounds this package declares, call one method, and map what it returns to the schema's types; the
// methods refuse what only the data can rule out (a stakeholder not in the view, an exact search too long
// for it). A new analysis is a method here and a resolver that calls it.
package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

// Bounds and defaults of the analyses' arguments.
const (
	DefaultDepth, MaxDepth           = 1, 3
	DefaultMaxHops, MaxHops          = 6, 10
	DefaultPathLimit, MaxPathLimit   = 10, analytics.MaxPaths
	DefaultTop, MaxTop               = 20, 1000
	DefaultBrokers, MaxBrokers       = 10, 100
	MaxSamples                       = 1_000_000
	DefaultResolution, MaxResolution = 1.0, 100.0
	DefaultSeed                      = 1
)

// Service answers the analyses.
type Service struct {
	views       *viewcache.Cache
	searchLimit int64
}

// New returns a service over the projections views keeps. searchLimit bounds the steps an analysis that
// searches from every stakeholder may take (see analytics.SearchWork); 0 means analytics.DefaultSearchWork.
func New(views *viewcache.Cache, searchLimit int64) *Service {
	if searchLimit <= 0 {
		searchLimit = analytics.DefaultSearchWork
	}
	return &Service{views: views, searchLimit: searchLimit}
}

// view returns the projection of the view f selects, when f can select one (see NetworkFilter.Check).
func (s *Service) view(ctx context.Context, f domain.NetworkFilter) (*viewcache.View, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	return s.views.Get(ctx, f)
}

// searchesAllowed refuses an analysis that would search from sources stakeholders of p when that takes
// more steps than the service's limit. hint says what to ask instead.
func (s *Service) searchesAllowed(p *analytics.Projection, what string, sources int, directed bool, hint string) error {
	if work := p.SearchWork(sources, directed); work > s.searchLimit {
		return domain.Errorf(domain.CodeTooLarge, "%s on this view (%d stakeholders, %d ties) would take %.1e search steps; "+
			"the service computes up to %.1e in one request%s", what, p.Nodes(), p.Ties(), float64(work), float64(s.searchLimit), hint)
	}
	return nil
}

// subprojection returns the view's projection restricted to some tie types, built once per view and set
// of types.
func subprojection(ctx context.Context, v *viewcache.View, types []domain.TieType) (*analytics.Projection, error) {
	types = slices.Compact(slices.Sorted(slices.Values(types)))
	if len(types) == 0 {
		return v.Projection, nil
	}
	return viewcache.Memo(ctx, v, fmt.Sprintf("subprojection%v", types), func(context.Context) (*analytics.Projection, error) {
		return v.Projection.Subgraph(types), nil
	})
}

// TieKeys returns the keys of ties, in their order.
func TieKeys(refs []analytics.TieRef) []string {
	keys := make([]string, len(refs))
	for i, t := range refs {
		keys[i] = t.Key
	}
	return keys
}

// byKey sorts ties by key.
func byKey(ties []analytics.TieRef) {
	slices.SortFunc(ties, func(a, b analytics.TieRef) int { return strings.Compare(a.Key, b.Key) })
}
