package analytics

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestAgainstGonum runs gonum's implementations of the measures this package computes itself, on the
// same views, as a second reference besides NetworkX.
func TestAgainstGonum(t *testing.T) {
	ctx := t.Context()
	for _, name := range networkNames(t) {
		g := Build(loadNetwork(t, name))
		n := g.Nodes()
		for _, directed := range []bool{false, true} {
			var view graph.Graph = undirectedView{g}
			if directed {
				view = directedView{g}
			}
			prefix := name + "/undirected/"
			if directed {
				prefix = name + "/directed/"
			}
			byID := func(values map[int64]float64) map[string]float64 {
				out := make(map[string]float64, n)
				for i := range n {
					out[g.Slug(i)] = values[int64(i)] // gonum leaves zeros out
				}
				return out
			}

			t.Run(prefix+"betweenness", func(t *testing.T) {
				// gonum's sums run over ordered pairs in both views, like the raw directed values.
				want := byID(network.Betweenness(view))
				got := must(g.Betweenness(ctx, directed, false, 0, 0)).Map()
				if !directed {
					for s := range got {
						got[s] *= 2
					}
				}
				if diff := cmp.Diff(want, got, approx); diff != "" {
					t.Errorf("(-gonum +ours):\n%s", diff)
				}
			})

			all := path.DijkstraAllPaths(view)
			t.Run(prefix+"harmonic", func(t *testing.T) {
				if diff := cmp.Diff(byID(network.Harmonic(view, all)), must(g.Harmonic(ctx, directed)).Map(), approx); diff != "" {
					t.Errorf("(-gonum +ours):\n%s", diff)
				}
			})

			t.Run(prefix+"closeness", func(t *testing.T) {
				// gonum's Farness is the total distance in; scale it as Wasserman and Faust do.
				farness := network.Farness(view, all)
				want := make(map[string]float64, n)
				for u := range n {
					var reached float64
					for v := range n {
						if u != v && !math.IsInf(all.Weight(int64(v), int64(u)), 0) {
							reached++
						}
					}
					if f := farness[int64(u)]; f > 0 {
						want[g.Slug(u)] = reached / f * reached / float64(n-1)
					} else {
						want[g.Slug(u)] = 0
					}
				}
				if diff := cmp.Diff(want, must(g.Closeness(ctx, directed)).Map(), approx); diff != "" {
					t.Errorf("(-gonum +ours):\n%s", diff)
				}
			})

			if directed {
				t.Run(prefix+"pagerank", func(t *testing.T) {
					got, err := g.PageRank(ctx, true, 0.85, 1e-13, 1000)
					if err != nil {
						t.Fatal(err)
					}
					want := byID(network.PageRankSparse(directedView{g}, 0.85, 1e-13))
					if diff := cmp.Diff(want, got.Map(), approx); diff != "" {
						t.Errorf("(-gonum +ours):\n%s", diff)
					}
				})
			}
		}
	}
}

// TestNotConverged checks that power iterations that run out of rounds say so.
func TestNotConverged(t *testing.T) {
	ctx := t.Context()
	// A directed chain has no cycle: (A+I)ᵀ has the single eigenvalue 1 and the iteration creeps.
	chain := Build(smallNetwork([]string{"a", "b", "c"}, []string{"1:MEMBER_OF:a:b", "2:MEMBER_OF:b:c"}))
	karate := Build(loadNetwork(t, "karate"))
	tests := []struct {
		name string
		run  func() (Ranking, error)
	}{
		{"eigenvector on a chain", func() (Ranking, error) { return chain.Eigenvector(ctx, true, 1e-9, 1000) }},
		{"pagerank in 3 rounds", func() (Ranking, error) { return karate.PageRank(ctx, true, 0.85, 1e-12, 3) }},
		{"eigenvector in 3 rounds", func() (Ranking, error) { return karate.Eigenvector(ctx, false, 1e-12, 3) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.run()
			if !errors.Is(err, ErrNotConverged) || domain.ErrorCode(err) != domain.CodeInvalid || r != nil {
				t.Fatalf("got %v, %v; want a CodeInvalid error wrapping ErrNotConverged", r, err)
			}
		})
	}

	// The undirected chain converges (NetworkX: 1/2, 1/√2, 1/2).
	r, err := chain.Eigenvector(ctx, false, 1e-12, 1000)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"a": 0.5, "b": math.Sqrt(0.5), "c": 0.5}
	if diff := cmp.Diff(want, r.Map(), approx); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSmallNetworks checks the edge cases NetworkX special-cases: no stakeholders, one, two.
func TestSmallNetworks(t *testing.T) {
	ctx := t.Context()
	empty := Build(smallNetwork(nil, nil))
	one := Build(smallNetwork([]string{"a"}, nil))
	two := Build(smallNetwork([]string{"a", "b"}, []string{"1:PARTNERS_WITH:a:b"}))
	for _, g := range []*Projection{empty, one, two} {
		g.Degree(DegreeTotal, true, true)
		must(g.Betweenness(ctx, false, true, 0, 0))
		must(g.Betweenness(ctx, false, true, 1, 0))
		must(g.Closeness(ctx, true))
		must(g.Harmonic(ctx, true))
		must(g.Louvain(ctx, 1, 1))
		must(g.Stats(ctx))
		must(g.Components(ctx))
		must(g.KCore(ctx))
		if _, err := g.PageRank(ctx, false, 0.85, 1e-12, 100); err != nil {
			t.Fatal(err)
		}
		if _, err := g.Eigenvector(ctx, false, 1e-12, 100); err != nil {
			t.Fatal(err)
		}
	}
	// NetworkX gives the only node of a one-node graph degree centrality 1.
	if got := one.Degree(DegreeTotal, true, false); len(got) != 1 || got[0].Value != 1 {
		t.Errorf("one-node degree centrality %v, want 1", got)
	}
	if got := must(two.Closeness(ctx, false)).Map(); got["a"] != 1 || got["b"] != 1 {
		t.Errorf("two-node closeness %v, want 1 each", got)
	}
	if got := must(one.Louvain(ctx, 1, 1)); len(got.Groups) != 1 || got.Modularity != 0 {
		t.Errorf("one-node Louvain %+v", got)
	}
}
