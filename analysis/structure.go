package analysis

import (
	"context"
	"slices"
	"strconv"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

// Partitioning says how to find communities.
type Partitioning struct {
	Algorithm domain.CommunityAlgorithm
	// Resolution and Seed apply to Louvain only.
	Resolution float64
	Seed       int64
}

// Communities partitions the view f selects into communities, largest first.
func (s *Service) Communities(ctx context.Context, f domain.NetworkFilter, how Partitioning) (analytics.Communities, error) {
	if how.Resolution <= 0 || how.Resolution > MaxResolution {
		return analytics.Communities{}, domain.Errorf(domain.CodeInvalid, "resolution must be above 0 and at most %g, not %g", MaxResolution, how.Resolution)
	}
	v, err := s.view(ctx, f)
	if err != nil {
		return analytics.Communities{}, err
	}
	p := v.Projection
	key := "communities:" + string(how.Algorithm)
	if how.Algorithm == domain.AlgorithmLouvain {
		key += ":" + strconv.FormatFloat(how.Resolution, 'g', -1, 64) + ":" + strconv.FormatInt(how.Seed, 10)
	}
	return viewcache.Memo(ctx, v, key, func(ctx context.Context) (analytics.Communities, error) {
		var groups [][]string
		var err error
		switch how.Algorithm {
		case domain.AlgorithmConnectedComponents:
			groups, err = p.Components(ctx)
		case domain.AlgorithmStronglyConnectedComponents:
			groups, err = p.StrongComponents(ctx)
		default:
			return p.Louvain(ctx, how.Resolution, how.Seed)
		}
		if err != nil {
			return analytics.Communities{}, err
		}
		q, err := p.Modularity(groups, 1)
		return analytics.Communities{Groups: groups, Modularity: q}, err
	})
}

// Stats returns the summary statistics of the view f selects. Distances are measured from every
// stakeholder of the largest component while that is within the search limit, and from a sample beyond.
func (s *Service) Stats(ctx context.Context, f domain.NetworkFilter) (analytics.Stats, error) {
	v, err := s.view(ctx, f)
	if err != nil {
		return analytics.Stats{}, err
	}
	return viewcache.Memo(ctx, v, "stats", func(ctx context.Context) (analytics.Stats, error) {
		return v.Projection.StatsWithin(ctx, s.searchLimit)
	})
}

// Broker is a stakeholder that bridges sectors, with the ties that make it one.
type Broker struct {
	analytics.Broker
	// CrossSectorTies are its ties to stakeholders of other sectors, in key order.
	CrossSectorTies []analytics.TieRef
}

// Brokers returns the top stakeholders bridging sectors in the view f selects, by betweenness.
func (s *Service) Brokers(ctx context.Context, f domain.NetworkFilter, top int) ([]Broker, error) {
	v, err := s.view(ctx, f)
	if err != nil {
		return nil, err
	}
	p := v.Projection
	if err := s.searchesAllowed(p, "finding brokers (exact betweenness)", p.Nodes(), false,
		": narrow the view with a filter, or rank by sampled betweenness with centrality(metric: BETWEENNESS, samples: ...)"); err != nil {
		return nil, err
	}
	found, err := viewcache.Memo(ctx, v, "brokers", func(ctx context.Context) ([]analytics.Broker, error) {
		return p.Brokers(ctx, MaxBrokers)
	})
	if err != nil {
		return nil, err
	}
	found = found[:min(top, len(found))]
	out := make([]Broker, len(found))
	for i, b := range found {
		out[i] = Broker{Broker: b}
		for _, other := range b.CrossSector {
			out[i].CrossSectorTies = append(out[i].CrossSectorTies, p.TiesBetween(b.Slug, other)...)
		}
		byKey(out[i].CrossSectorTies)
	}
	return out, nil
}

// Subnetwork is part of a view: some of its stakeholders and the ties among them, with the projection
// they were found in, which knows each stakeholder's slug, name, kind and sector.
type Subnetwork struct {
	Slugs      []string // in order
	Ties       []analytics.TieRef
	Projection *analytics.Projection
}

// Neighbourhood returns the stakeholders within depth hops of one (its ego network, ties followed either
// way) in the view f selects, and the ties among them, in key order.
func (s *Service) Neighbourhood(ctx context.Context, slug string, depth int, f domain.NetworkFilter) (*Subnetwork, error) {
	v, err := s.view(ctx, f)
	if err != nil {
		return nil, err
	}
	reached, err := v.Projection.Neighborhood(slug, depth)
	if err != nil {
		return nil, err
	}
	slugs := make([]string, len(reached))
	for i, n := range reached {
		slugs[i] = n.Slug
	}
	slices.Sort(slugs)
	ties := v.Projection.TiesAmong(slugs)
	byKey(ties)
	return &Subnetwork{Slugs: slugs, Ties: ties, Projection: v.Projection}, nil
}

// Paths are the shortest paths between two stakeholders.
type Paths struct {
	// Length is the number of hops of every path.
	Length int
	// Routes are the paths, at most the limit asked for, in a stable order.
	Routes []Route
	// Truncated says more shortest paths exist than Routes holds.
	Truncated bool
	// Projection is where the paths were found; it can name their stakeholders.
	Projection *analytics.Projection
}

// Route is one path: the stakeholders along it and each hop with the ties that make it.
type Route struct {
	Slugs []string
	Hops  []Hop
}

// Hop is one step of a path.
type Hop struct {
	From, To string
	Ties     []analytics.TieRef
}

// ShortestPaths returns the shortest paths of at most maxHops hops between two stakeholders in the view
// f selects, walking only ties of the types in via (all when empty), at most limit of them; nil when there
// is none.
func (s *Service) ShortestPaths(ctx context.Context, from, to string, via []domain.TieType, maxHops, limit int, f domain.NetworkFilter) (*Paths, error) {
	v, err := s.view(ctx, f)
	if err != nil {
		return nil, err
	}
	p, err := subprojection(ctx, v, via)
	if err != nil {
		return nil, err
	}
	found, err := p.ShortestPaths(from, to, maxHops, false)
	if err != nil || len(found.Paths) == 0 {
		return nil, err
	}
	routes := found.Paths[:min(limit, len(found.Paths))]
	out := &Paths{Length: found.Hops, Truncated: found.Total > int64(len(routes)), Projection: v.Projection}
	for _, slugs := range routes {
		r := Route{Slugs: slugs}
		for i := 1; i < len(slugs); i++ {
			r.Hops = append(r.Hops, Hop{From: slugs[i-1], To: slugs[i], Ties: p.TiesBetween(slugs[i-1], slugs[i])})
		}
		out.Routes = append(out.Routes, r)
	}
	return out, nil
}

// TieKeys returns the keys of the ties of every hop of the paths, each once, in order.
func (p *Paths) TieKeys() []string {
	var keys []string
	for _, r := range p.Routes {
		for _, h := range r.Hops {
			keys = append(keys, TieKeys(h.Ties)...)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
