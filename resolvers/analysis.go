package resolvers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
	"github.com/stakeholder-graph/stakeholder-graph/graph/model"
	"github.com/stakeholder-graph/stakeholder-graph/projection"
)

// Limits of the analysis arguments.
const (
	maxNeighborhoodDepth = 3
	maxPathHops          = 10
	maxPathLimit         = analytics.MaxPaths
	maxCentralityTop     = 1000
	maxBrokers           = 100
)

func filterOf(f *domain.NetworkFilter) (domain.NetworkFilter, error) {
	if f == nil {
		return domain.NetworkFilter{}, nil
	}
	return *f, asOfDay(f.AsOf)
}

// view returns the projection of the network view f selects.
func (r *Resolver) view(ctx context.Context, f *domain.NetworkFilter) (*projection.View, error) {
	nf, err := filterOf(f)
	if err != nil {
		return nil, err
	}
	return r.Projections.Get(ctx, nf)
}

// subgraph returns the view's graph restricted to some tie types, built once per view and set of types.
func subgraph(ctx context.Context, v *projection.View, types []domain.TieType) (*analytics.Graph, error) {
	types = slices.Compact(slices.Sorted(slices.Values(types)))
	if len(types) == 0 {
		return v.Graph, nil
	}
	return projection.Memo(ctx, v, fmt.Sprintf("subgraph%v", types), func(context.Context) (*analytics.Graph, error) {
		return v.Graph.Subgraph(types), nil
	})
}

// centralityKey names a ranking by the arguments that change it: normalisation only where the metric
// has one, direction only where it has a choice, samples only for betweenness and only below the
// number of stakeholders (from that many on, the estimate is the exact value).
func centralityKey(g *analytics.Graph, metric domain.CentralityMetric, normalized, directed bool, samples int) (bool, bool, int, string) {
	switch metric {
	case domain.MetricHarmonic, domain.MetricPageRank, domain.MetricEigenvector, domain.MetricCoreNumber:
		normalized = false
	}
	switch metric {
	case domain.MetricInDegree, domain.MetricOutDegree:
		directed = true
	case domain.MetricCoreNumber:
		directed = false
	}
	if metric != domain.MetricBetweenness || samples >= g.Nodes() {
		samples = 0
	}
	return normalized, directed, samples, fmt.Sprintf("centrality:%s:%v:%v:%d", metric, normalized, directed, samples)
}

// searchesAllowed refuses an analysis that would search from too many stakeholders of g: more than limit
// steps (see analytics.DefaultSearchWork).
func searchesAllowed(g *analytics.Graph, limit int64, what string, sources int, directed bool, hint string) error {
	if work := g.SearchWork(sources, directed); work > limit {
		return domain.Errorf(domain.CodeTooLarge, "%s on this view (%d stakeholders, %d ties) would take %.1e search steps; "+
			"the service computes up to %.1e in one request%s", what, g.Nodes(), g.Ties(), float64(work), float64(limit), hint)
	}
	return nil
}

// searchLimit is the work an analysis may spend on searches from every stakeholder.
func (r *Resolver) searchLimit() int64 {
	if r.SearchLimit > 0 {
		return r.SearchLimit
	}
	return analytics.DefaultSearchWork
}

// ranking computes (once per view) the ranking of every stakeholder on a metric.
func ranking(ctx context.Context, v *projection.View, limit int64, metric domain.CentralityMetric, normalized, directed bool, samples int) (analytics.Ranking, error) {
	normalized, directed, samples, key := centralityKey(v.Graph, metric, normalized, directed, samples)
	var err error
	switch metric {
	case domain.MetricBetweenness:
		sources := v.Graph.Nodes()
		if samples > 0 {
			sources = samples
		}
		err = searchesAllowed(v.Graph, limit, "betweenness", sources, directed, ": pass samples (a few hundred give a good estimate; the error bound is documented) or narrow the view with a filter")
	case domain.MetricCloseness, domain.MetricHarmonic:
		err = searchesAllowed(v.Graph, limit, strings.ToLower(string(metric))+" centrality", v.Graph.Nodes(), directed, ": narrow the view with a filter")
	}
	if err != nil {
		return nil, err
	}
	return projection.Memo(ctx, v, key, func(ctx context.Context) (analytics.Ranking, error) {
		g := v.Graph
		switch metric {
		case domain.MetricDegree:
			if directed {
				return g.Degree(analytics.DegreeTotal, normalized, true), nil
			}
			return g.Degree(analytics.DegreeTotal, normalized, false), nil
		case domain.MetricInDegree:
			return g.Degree(analytics.DegreeIn, normalized, true), nil
		case domain.MetricOutDegree:
			return g.Degree(analytics.DegreeOut, normalized, true), nil
		case domain.MetricBetweenness:
			return g.Betweenness(ctx, directed, normalized, samples, 1)
		case domain.MetricCloseness:
			return g.Closeness(ctx, directed)
		case domain.MetricHarmonic:
			return g.Harmonic(ctx, directed)
		case domain.MetricPageRank:
			return g.PageRank(ctx, directed, 0.85, 1e-10, 10000)
		case domain.MetricEigenvector:
			return g.Eigenvector(ctx, directed, 1e-10, 10000)
		case domain.MetricCoreNumber:
			return g.KCore(ctx)
		}
		return nil, domain.Errorf(domain.CodeInvalid, "unknown metric %q", metric)
	})
}

// scoreOf returns one stakeholder's score on a metric, from a per-view index of the ranking.
func scoreOf(ctx context.Context, v *projection.View, limit int64, metric domain.CentralityMetric, normalized, directed bool, slug string) (float64, error) {
	normalized, directed, _, key := centralityKey(v.Graph, metric, normalized, directed, 0)
	index, err := projection.Memo(ctx, v, "index "+key, func(ctx context.Context) (map[string]float64, error) {
		r, err := ranking(ctx, v, limit, metric, normalized, directed, 0)
		return r.Map(), err
	})
	if err != nil {
		return 0, err
	}
	value, ok := index[slug]
	if !ok {
		return 0, domain.Errorf(domain.CodeNotFound, "stakeholder %q is not in the network", slug)
	}
	return value, nil
}

// ranked turns the top of a ranking into scores with competition ranks: equal values share a rank, and
// the next rank skips as many places (1, 2, 2, 4).
func ranked(r analytics.Ranking, top int) []*gqlmodel.CentralityScore {
	r = r.Top(top)
	out := make([]*gqlmodel.CentralityScore, len(r))
	for i, s := range r {
		rank := i + 1
		if i > 0 && s.Value == r[i-1].Value {
			rank = out[i-1].Rank
		}
		out[i] = &gqlmodel.CentralityScore{Slug: s.Slug, Value: s.Value, Rank: rank}
	}
	return out
}

// tiesByKey reads the ties with these keys, in the order given.
func (r *Resolver) tiesByKey(ctx context.Context, keys []string) ([]*domain.NetworkTie, error) {
	found, err := r.Graph.TiesByKey(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*domain.NetworkTie, 0, len(keys))
	for _, k := range keys {
		if t, ok := found[k]; ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// linkEnds sets the ends of ties that lack them, with one lookup for all.
func linkEnds(ctx context.Context, g domain.Graph, ties []*domain.NetworkTie) error {
	var slugs []string
	for _, t := range ties {
		if t.FromNode == nil {
			slugs = append(slugs, t.From)
		}
		if t.ToNode == nil {
			slugs = append(slugs, t.To)
		}
	}
	if len(slugs) == 0 {
		return nil
	}
	found, err := stakeholdersBySlug(ctx, g, slugs)
	if err != nil {
		return err
	}
	for _, t := range ties {
		if t.FromNode == nil {
			t.FromNode, found = found[0], found[1:]
		}
		if t.ToNode == nil {
			t.ToNode, found = found[0], found[1:]
		}
	}
	return nil
}

// linkLoadedEnds sets the ends of a network's ties from its own stakeholders.
func linkLoadedEnds(n *domain.Network) []*domain.NetworkTie {
	bySlug := make(map[string]*domain.Stakeholder, len(n.Stakeholders))
	for _, s := range n.Stakeholders {
		bySlug[s.Slug] = s
	}
	for _, t := range n.Ties {
		t.FromNode, t.ToNode = bySlug[t.From], bySlug[t.To]
	}
	return n.Ties
}

func keysOf(refs []analytics.TieRef) []string {
	keys := make([]string, len(refs))
	for i, t := range refs {
		keys[i] = t.Key
	}
	return keys
}

// between checks that an Int argument is within bounds.
func between(name string, v *int, def, lo, hi int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	if n < lo || n > hi {
		return 0, domain.Errorf(domain.CodeInvalid, "%s must be between %d and %d, not %d", name, lo, hi, n)
	}
	return n, nil
}

// stakeholders loads stakeholders by slug, in order, leaving out unknown slugs.
func (r *Resolver) stakeholders(ctx context.Context, slugs []string) ([]*domain.Stakeholder, error) {
	groups, err := stakeholderGroups(ctx, r.Graph, [][]string{slugs})
	if err != nil {
		return nil, err
	}
	return groups[0], nil
}

// stakeholderGroups loads the stakeholders of several lists of slugs with one lookup, each list in order
// and without unknown slugs.
func stakeholderGroups(ctx context.Context, g domain.Graph, groups [][]string) ([][]*domain.Stakeholder, error) {
	var all []string
	for _, slugs := range groups {
		all = append(all, slugs...)
	}
	found, err := stakeholdersBySlug(ctx, g, all)
	if err != nil {
		return nil, err
	}
	out := make([][]*domain.Stakeholder, len(groups))
	for i, slugs := range groups {
		out[i] = make([]*domain.Stakeholder, 0, len(slugs))
		for _, s := range found[:len(slugs)] {
			if s != nil {
				out[i] = append(out[i], s)
			}
		}
		found = found[len(slugs):]
	}
	return out, nil
}

func stakeholderSlug(s *domain.Stakeholder) string { return s.Slug }

func personSlug(p *domain.Person) string { return p.Slug }

func eventSlug(e *domain.Event) string { return e.Slug }

func otherEnd(t *domain.NetworkTie, slug string) string {
	if t.From == slug {
		return t.To
	}
	return t.From
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func formatInt(i int64) string { return strconv.FormatInt(i, 10) }

// statsModel maps the analysis statistics to the schema's shape.
func statsModel(s analytics.Stats) *model.NetworkStats {
	out := &model.NetworkStats{
		StakeholderCount: s.Nodes, EdgeCount: s.Edges, ArcCount: s.Arcs, Density: s.Density,
		DirectedDensity: s.DirectedDensity, Reciprocity: s.Reciprocity, AverageDegree: s.AverageDegree,
		ComponentCount: s.Components, LargestComponentSize: s.LargestComponent, Diameter: s.Diameter,
		AverageShortestPathLength: s.AverageShortestPath, PathSources: s.PathSources,
	}
	out.ByKind, out.KindMatrix, out.KindEi = mixingModel(s.Kinds)
	out.BySector, out.SectorMatrix, out.SectorEi = mixingModel(s.Sectors)
	return out
}

func mixingModel(m analytics.Mixing) (counts []*model.GroupCount, matrix []*model.GroupTieCount, ei []*model.GroupEi) {
	for i, g := range m.Groups {
		counts = append(counts, &model.GroupCount{Group: g.Name, Count: g.Members})
		e := &model.GroupEi{Group: g.Name, External: g.External, Internal: g.Internal}
		if g.External+g.Internal > 0 {
			index := g.EI
			e.Index = &index
		}
		ei = append(ei, e)
		for j := i; j < len(m.Groups); j++ {
			if n := m.Ties[i][j]; n > 0 {
				matrix = append(matrix, &model.GroupTieCount{From: g.Name, To: m.Groups[j].Name, Count: n})
			}
		}
	}
	return counts, matrix, ei
}
