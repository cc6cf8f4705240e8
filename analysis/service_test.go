package analysis_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/analysis"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// service returns an analysis service over the seed network in Neo4j.
func service(t *testing.T, searchLimit int64) *analysis.Service {
	t.Helper()
	return analysis.New(viewcache.New(neo4jtest.Store(t), nil, 64<<20, 1), searchLimit)
}

// TestRankAndScoreAgree checks that a stakeholder's score is its value in the ranking, for every metric.
func TestRankAndScoreAgree(t *testing.T) {
	ctx := context.Background()
	s := service(t, 0)
	for _, metric := range domain.CentralityMetrics {
		t.Run(string(metric), func(t *testing.T) {
			m := analysis.Measure{Metric: metric, Normalized: true}
			top, err := s.Rank(ctx, domain.NetworkFilter{}, m, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(top) != 5 || top[0].Rank != 1 {
				t.Fatalf("top 5: %+v", top)
			}
			for i, sc := range top {
				if i > 0 && (sc.Value > top[i-1].Value || sc.Rank < top[i-1].Rank) {
					t.Errorf("not in order: %+v", top)
				}
				v, err := s.Score(ctx, m, sc.Slug)
				if err != nil || v != sc.Value {
					t.Errorf("Score(%s) = %v, %v; ranked with %v", sc.Slug, v, err, sc.Value)
				}
			}
		})
	}
}

// TestOptionsThatChangeNothing checks that options a metric ignores give the same answer as without them:
// normalisation of PageRank, samples past the number of stakeholders.
func TestOptionsThatChangeNothing(t *testing.T) {
	ctx := context.Background()
	s := service(t, 0)
	rank := func(m analysis.Measure) []analysis.Score {
		t.Helper()
		r, err := s.Rank(ctx, domain.NetworkFilter{}, m, 31)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if diff := cmp.Diff(rank(analysis.Measure{Metric: domain.MetricPageRank, Normalized: true}),
		rank(analysis.Measure{Metric: domain.MetricPageRank})); diff != "" {
		t.Errorf("PageRank, normalised or not (-normalised +not):\n%s", diff)
	}
	if diff := cmp.Diff(rank(analysis.Measure{Metric: domain.MetricBetweenness, Normalized: true}),
		rank(analysis.Measure{Metric: domain.MetricBetweenness, Normalized: true, Samples: 1000})); diff != "" {
		t.Errorf("betweenness, exact or with more samples than stakeholders (-exact +sampled):\n%s", diff)
	}
	if _, err := s.Rank(ctx, domain.NetworkFilter{}, analysis.Measure{Metric: domain.MetricDegree, Samples: 5}, 5); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("samples on DEGREE: %v, want %s", err, domain.CodeInvalid)
	}
}

// TestNeighbourhood checks that a depth-1 neighbourhood is the stakeholder and its neighbours, with only
// ties among them, in key order.
func TestNeighbourhood(t *testing.T) {
	ctx := context.Background()
	s := service(t, 0)
	one, err := s.Neighbourhood(ctx, "mapo", 1, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(one.Slugs, "mapo") || !slices.IsSorted(one.Slugs) || len(one.Slugs) < 2 {
		t.Fatalf("slugs: %v", one.Slugs)
	}
	keys := analysis.TieKeys(one.Ties)
	if !slices.IsSorted(keys) {
		t.Errorf("ties not in key order: %v", keys)
	}
	for _, tie := range one.Ties {
		if !slices.Contains(one.Slugs, tie.From) || !slices.Contains(one.Slugs, tie.To) {
			t.Errorf("tie %s leaves the neighbourhood", tie.Key)
		}
	}
	two, err := s.Neighbourhood(ctx, "mapo", 2, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(two.Slugs) < len(one.Slugs) || len(two.Ties) < len(one.Ties) {
		t.Errorf("two hops reach less than one: %d/%d stakeholders, %d/%d ties", len(two.Slugs), len(one.Slugs), len(two.Ties), len(one.Ties))
	}
	if _, err := s.Neighbourhood(ctx, "no-such-stakeholder", 1, domain.NetworkFilter{}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("unknown stakeholder: %v, want %s", err, domain.CodeNotFound)
	}
}

// TestExactSearchesPastTheLimit checks that the analyses searching from every stakeholder are refused with
// TOO_LARGE past the search limit, and that sampled betweenness within it answers.
func TestExactSearchesPastTheLimit(t *testing.T) {
	ctx := context.Background()
	// On the shipped network (about 180 stakeholders and 150 ties) a search from every stakeholder takes
	// tens of thousands of steps, and five sampled sources a few thousand.
	s := service(t, 10000)
	if _, err := s.Rank(ctx, domain.NetworkFilter{}, analysis.Measure{Metric: domain.MetricCloseness}, 5); domain.ErrorCode(err) != domain.CodeTooLarge {
		t.Errorf("closeness: %v, want %s", err, domain.CodeTooLarge)
	}
	if _, err := s.Brokers(ctx, domain.NetworkFilter{}, 5); domain.ErrorCode(err) != domain.CodeTooLarge {
		t.Errorf("brokers: %v, want %s", err, domain.CodeTooLarge)
	}
	if top, err := s.Rank(ctx, domain.NetworkFilter{}, analysis.Measure{Metric: domain.MetricBetweenness, Samples: 5}, 3); err != nil || len(top) != 3 {
		t.Errorf("sampled betweenness: %v, %v", top, err)
	}
}

// TestScoreBeforeAnyRanking checks that a stakeholder's score answers on a fresh service with one worker:
// the index of a ranking was once computed inside the ranking's own computation, which waited for a second
// worker for ever.
func TestScoreBeforeAnyRanking(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s := service(t, 0)
	for _, metric := range []domain.CentralityMetric{domain.MetricDegree, domain.MetricPageRank} {
		if v, err := s.Score(ctx, analysis.Measure{Metric: metric, Normalized: true}, "mapo"); err != nil || v <= 0 {
			t.Errorf("%s of mapo: %v, %v", metric, v, err)
		}
	}
}
