package analysis

import (
	"context"
	"fmt"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

// Measure is a centrality measure with its options.
type Measure struct {
	Metric     domain.CentralityMetric
	Normalized bool
	Directed   bool
	// Samples, for betweenness, estimates from this many sampled sources; 0 is exact.
	Samples int
}

// normalised returns m without the options that do not change its values: normalisation where the metric
// has none, direction where it has no choice, samples but for betweenness and below the number of
// stakeholders (from that many on, the estimate is the exact value).
func (m Measure) normalised(p *analytics.Projection) Measure {
	switch m.Metric {
	case domain.MetricHarmonic, domain.MetricPageRank, domain.MetricEigenvector, domain.MetricCoreNumber:
		m.Normalized = false
	}
	switch m.Metric {
	case domain.MetricInDegree, domain.MetricOutDegree:
		m.Directed = true
	case domain.MetricCoreNumber:
		m.Directed = false
	}
	if m.Metric != domain.MetricBetweenness || m.Samples >= p.Nodes() {
		m.Samples = 0
	}
	return m
}

func (m Measure) key() string {
	return fmt.Sprintf("centrality:%s:%v:%v:%d", m.Metric, m.Normalized, m.Directed, m.Samples)
}

// Score is one stakeholder's value on a measure and its place in the ranking.
type Score struct {
	Slug  string
	Value float64
	// Rank is the competition rank, from 1: equal values share a rank, and the next skips as many places
	// (1, 2, 2, 4).
	Rank int
}

// Rank returns the top stakeholders of the view f selects on a measure.
func (s *Service) Rank(ctx context.Context, f domain.NetworkFilter, m Measure, top int) ([]Score, error) {
	if m.Samples != 0 && m.Metric != domain.MetricBetweenness {
		return nil, domain.Errorf(domain.CodeInvalid, "samples applies to BETWEENNESS only")
	}
	v, err := s.view(ctx, f)
	if err != nil {
		return nil, err
	}
	r, err := s.ranking(ctx, v, m)
	if err != nil {
		return nil, err
	}
	r = r.Top(top)
	out := make([]Score, len(r))
	for i, sc := range r {
		rank := i + 1
		if i > 0 && sc.Value == r[i-1].Value {
			rank = out[i-1].Rank
		}
		out[i] = Score{Slug: sc.Slug, Value: sc.Value, Rank: rank}
	}
	return out, nil
}

// Score returns one stakeholder's value on a measure in the whole network, from a per-view index of the
// ranking.
func (s *Service) Score(ctx context.Context, m Measure, slug string) (float64, error) {
	v, err := s.view(ctx, domain.NetworkFilter{})
	if err != nil {
		return 0, err
	}
	m = m.normalised(v.Projection)
	// The ranking first, then the index of it: Memo's computations hold a worker each, so one computing
	// inside another would wait for a second worker, forever when the cache has one.
	r, err := s.ranking(ctx, v, m)
	if err != nil {
		return 0, err
	}
	index, err := viewcache.Memo(ctx, v, "index "+m.key(), func(context.Context) (map[string]float64, error) {
		return r.Map(), nil
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

// ranking computes (once per view) the ranking of every stakeholder on a measure.
func (s *Service) ranking(ctx context.Context, v *viewcache.View, m Measure) (analytics.Ranking, error) {
	p := v.Projection
	m = m.normalised(p)
	var err error
	switch m.Metric {
	case domain.MetricBetweenness:
		sources := p.Nodes()
		if m.Samples > 0 {
			sources = m.Samples
		}
		err = s.searchesAllowed(p, "betweenness", sources, m.Directed,
			": pass samples (a few hundred give a good estimate; the error bound is documented) or narrow the view with a filter")
	case domain.MetricCloseness, domain.MetricHarmonic:
		err = s.searchesAllowed(p, strings.ToLower(string(m.Metric))+" centrality", p.Nodes(), m.Directed, ": narrow the view with a filter")
	}
	if err != nil {
		return nil, err
	}
	return viewcache.Memo(ctx, v, m.key(), func(ctx context.Context) (analytics.Ranking, error) {
		switch m.Metric {
		case domain.MetricDegree:
			return p.Degree(analytics.DegreeTotal, m.Normalized, m.Directed), nil
		case domain.MetricInDegree:
			return p.Degree(analytics.DegreeIn, m.Normalized, true), nil
		case domain.MetricOutDegree:
			return p.Degree(analytics.DegreeOut, m.Normalized, true), nil
		case domain.MetricBetweenness:
			return p.Betweenness(ctx, m.Directed, m.Normalized, m.Samples, 1)
		case domain.MetricCloseness:
			return p.Closeness(ctx, m.Directed)
		case domain.MetricHarmonic:
			return p.Harmonic(ctx, m.Directed)
		case domain.MetricPageRank:
			return p.PageRank(ctx, m.Directed, 0.85, 1e-10, 10000)
		case domain.MetricEigenvector:
			return p.Eigenvector(ctx, m.Directed, 1e-10, 10000)
		case domain.MetricCoreNumber:
			return p.KCore(ctx)
		}
		return nil, domain.Errorf(domain.CodeInvalid, "unknown metric %q", m.Metric)
	})
}
