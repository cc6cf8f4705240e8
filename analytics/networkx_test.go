package analytics

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// tolerance is how closely every measure must agree with NetworkX.
const tolerance = 1e-6

var approx = cmpopts.EquateApprox(0, tolerance)

// measures maps the keys of expected/*.json "scores" to the calls that compute them. The power iterations
// run to a tenth of NetworkX's tolerance.
var measures = []struct {
	key string
	run func(ctx context.Context, g *Projection, e *expectedFile, tighter float64) (Ranking, error)
}{
	{"degree.undirected", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeTotal, true, false), nil
	}},
	{"degree.undirected.raw", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeIn, false, false), nil // the mode does not matter in the undirected view
	}},
	{"degree.in", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeIn, true, true), nil
	}},
	{"degree.in.raw", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeIn, false, true), nil
	}},
	{"degree.out", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeOut, true, true), nil
	}},
	{"degree.out.raw", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeOut, false, true), nil
	}},
	{"degree.total", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeTotal, true, true), nil
	}},
	{"degree.total.raw", func(_ context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Degree(DegreeTotal, false, true), nil
	}},
	{"betweenness.undirected", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Betweenness(ctx, false, true, 0, 0)
	}},
	{"betweenness.undirected.raw", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Betweenness(ctx, false, false, 0, 0)
	}},
	{"betweenness.directed", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Betweenness(ctx, true, true, 0, 0)
	}},
	{"betweenness.directed.raw", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Betweenness(ctx, true, false, 0, 0)
	}},
	{"closeness.undirected", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Closeness(ctx, false)
	}},
	{"closeness.directed", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Closeness(ctx, true)
	}},
	{"harmonic.undirected", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Harmonic(ctx, false)
	}},
	{"harmonic.directed", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.Harmonic(ctx, true)
	}},
	{"pagerank.undirected", func(ctx context.Context, g *Projection, e *expectedFile, tighter float64) (Ranking, error) {
		return g.PageRank(ctx, false, e.PageRank.Alpha, e.PageRank.Tol*tighter, e.PageRank.MaxIter)
	}},
	{"pagerank.directed", func(ctx context.Context, g *Projection, e *expectedFile, tighter float64) (Ranking, error) {
		return g.PageRank(ctx, true, e.PageRank.Alpha, e.PageRank.Tol*tighter, e.PageRank.MaxIter)
	}},
	{"eigenvector.undirected", func(ctx context.Context, g *Projection, e *expectedFile, tighter float64) (Ranking, error) {
		return g.Eigenvector(ctx, false, e.Eigenvector.Tol*tighter, e.Eigenvector.MaxIter)
	}},
	{"eigenvector.directed", func(ctx context.Context, g *Projection, e *expectedFile, tighter float64) (Ranking, error) {
		return g.Eigenvector(ctx, true, e.Eigenvector.Tol*tighter, e.Eigenvector.MaxIter)
	}},
	{"core_number", func(ctx context.Context, g *Projection, _ *expectedFile, _ float64) (Ranking, error) {
		return g.KCore(ctx)
	}},
}

// TestNetworkX checks every measure on every network under testdata/networks against the values
// NetworkX computed (testdata/expected, written by testdata/networkx_expected.py).
func TestNetworkX(t *testing.T) {
	ctx := t.Context()
	for _, name := range networkNames(t) {
		t.Run(name, func(t *testing.T) {
			want := loadExpected(t, name)
			g := Build(loadNetwork(t, name))

			for _, m := range measures {
				t.Run(m.key, func(t *testing.T) {
					expected, ok := want.Scores[m.key]
					if !ok {
						t.Fatalf("expected/%s.json has no %q: rerun testdata/networkx_expected.py", name, m.key)
					}
					if expected == nil { // NetworkX did not converge; neither should we, at its tolerance
						_, err := m.run(ctx, g, want, 1)
						if !errors.Is(err, ErrNotConverged) {
							t.Fatalf("NetworkX did not converge, got error %v, want ErrNotConverged", err)
						}
						return
					}
					got, err := m.run(ctx, g, want, 0.1)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(expected, got.Map(), approx); diff != "" {
						t.Errorf("%s (-networkx +ours):\n%s", m.key, diff)
					}
					checkRanked(t, got)
				})
			}

			t.Run("components", func(t *testing.T) {
				if diff := cmp.Diff(want.Components, must(g.Components(ctx))); diff != "" {
					t.Errorf("components (-networkx +ours):\n%s", diff)
				}
				if diff := cmp.Diff(want.StrongComponents, must(g.StrongComponents(ctx))); diff != "" {
					t.Errorf("strong components (-networkx +ours):\n%s", diff)
				}
			})

			t.Run("stats", func(t *testing.T) {
				w := want.Stats
				expected := Stats{
					Nodes: w.Nodes, Edges: w.Edges, Arcs: w.Arcs,
					Density: w.Density, DirectedDensity: w.DirectedDensity, Reciprocity: w.Reciprocity,
					AverageDegree: w.AverageDegree, Components: w.Components, StrongComponents: w.StrongComponents,
					LargestComponent: w.LargestComponent, Diameter: w.Diameter,
					AverageShortestPath: w.AverageShortestPath, Kinds: w.Kinds, Sectors: w.Sectors,
					PathSources: w.LargestComponent, // small enough to measure from every stakeholder
				}
				if diff := cmp.Diff(expected, must(g.Stats(ctx)), approx); diff != "" {
					t.Errorf("stats (-networkx +ours):\n%s", diff)
				}
			})

			t.Run("modularity", func(t *testing.T) {
				if len(want.Modularity) == 0 && want.Stats.Edges > 0 {
					t.Fatal("no modularity in the expected file: rerun testdata/networkx_expected.py")
				}
				for _, m := range want.Modularity {
					q, err := g.Modularity(m.Communities, m.Resolution)
					if err != nil {
						t.Fatalf("%s: %v", m.Name, err)
					}
					if !cmp.Equal(m.Q, q, approx) {
						t.Errorf("%s: Q = %v, NetworkX %v", m.Name, q, m.Q)
					}
				}
			})
		})
	}
}

// checkRanked checks that a ranking is ordered by value, then slug.
func checkRanked(t *testing.T, r Ranking) {
	t.Helper()
	for i := 1; i < len(r); i++ {
		a, b := r[i-1], r[i]
		if a.Value < b.Value || (a.Value == b.Value && a.Slug >= b.Slug) {
			t.Fatalf("ranking out of order at %d: %+v before %+v", i, a, b)
		}
	}
}
