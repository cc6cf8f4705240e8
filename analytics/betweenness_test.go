package analytics

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBetweennessExactWhenSampledFully checks that asking for n or more samples gives the exact values.
func TestBetweennessExactWhenSampledFully(t *testing.T) {
	ctx := t.Context()
	g := Build(loadNetwork(t, "karate"))
	n := g.Nodes()
	for _, directed := range []bool{false, true} {
		for _, normalized := range []bool{false, true} {
			exact := must(g.Betweenness(ctx, directed, normalized, 0, 0))
			for _, samples := range []int{n, n + 10} {
				name := fmt.Sprintf("directed=%v/normalized=%v/samples=%d", directed, normalized, samples)
				t.Run(name, func(t *testing.T) {
					if diff := cmp.Diff(exact, must(g.Betweenness(ctx, directed, normalized, samples, 42))); diff != "" {
						t.Errorf("(-exact +sampled):\n%s", diff)
					}
				})
			}
		}
	}
}

// TestBetweennessSampled checks sampled betweenness, on the karate club (undirected) and the random
// directed network: within the documented error bound for many seeds, the same for the same seed, scaled
// consistently between normalized and raw values, and unbiased on average.
func TestBetweennessSampled(t *testing.T) {
	ctx := t.Context()
	const delta = 0.05
	for _, directed := range []bool{false, true} {
		name := "karate"
		if directed {
			name = "random_directed"
		}
		g := Build(loadNetwork(t, name))
		n := g.Nodes()
		exact := must(g.Betweenness(ctx, directed, true, 0, 0)).Map()
		for _, k := range []int{2, 5, 10, 20, n - 1} {
			t.Run(fmt.Sprintf("%s/k=%d", name, k), func(t *testing.T) {
				bound := BetweennessErrorBound(n, k, delta)
				var worst float64
				for seed := range int64(50) {
					est := must(g.Betweenness(ctx, directed, true, k, seed))
					for _, s := range est {
						worst = max(worst, math.Abs(s.Value-exact[s.Slug]))
					}
				}
				if worst > bound {
					t.Errorf("worst error %.4f over 50 seeds exceeds the bound %.4f", worst, bound)
				}
				t.Logf("worst error %.4f, bound %.4f", worst, bound)

				first, again := must(g.Betweenness(ctx, directed, true, k, 7)), must(g.Betweenness(ctx, directed, true, k, 7))
				if diff := cmp.Diff(first, again); diff != "" {
					t.Errorf("same seed, different result:\n%s", diff)
				}

				// Raw values are the normalized ones times (n-1)(n-2), halved in the undirected view.
				scale := float64(n-1) * float64(n-2)
				if !directed {
					scale /= 2
				}
				norm := must(g.Betweenness(ctx, directed, true, k, 3)).Map()
				for _, s := range must(g.Betweenness(ctx, directed, false, k, 3)) {
					if math.Abs(s.Value-norm[s.Slug]*scale) > 1e-9*scale {
						t.Fatalf("%s: raw %v, normalized %v × %v", s.Slug, s.Value, norm[s.Slug], scale)
					}
				}
			})
		}
	}

	t.Run("unbiased", func(t *testing.T) {
		// Averaged over many seeds, NetworkX's scaling ((n-1)/k, or (n-1)/(k-1) for sampled nodes) gives the
		// exact values; scaling by n/k would overshoot the largest by 3%.
		g := Build(loadNetwork(t, "karate"))
		exact := must(g.Betweenness(ctx, false, true, 0, 0)).Map()
		const seeds = 4000
		mean := make(map[string]float64)
		for seed := range int64(seeds) {
			for _, s := range must(g.Betweenness(ctx, false, true, 10, seed)) {
				mean[s.Slug] += s.Value / seeds
			}
		}
		if diff := cmp.Diff(exact, mean, cmp.Comparer(func(a, b float64) bool {
			return math.Abs(a-b) <= 0.005+0.01*math.Abs(a)
		})); diff != "" {
			t.Errorf("mean of estimates (-exact +mean):\n%s", diff)
		}
	})
}

func TestBetweennessErrorBound(t *testing.T) {
	tests := []struct {
		n, k  int
		delta float64
		want  float64
	}{
		{100, 100, 0.1, 0},
		{100, 1, 0.1, math.Inf(1)},
		{100, 11, 0.1, math.Sqrt(math.Log(2000) / 20)},
		{100000, 1001, 0.01, math.Sqrt(math.Log(2e7) / 2000)},
	}
	for _, tt := range tests {
		if got := BetweennessErrorBound(tt.n, tt.k, tt.delta); got != tt.want {
			t.Errorf("BetweennessErrorBound(%d, %d, %v) = %v, want %v", tt.n, tt.k, tt.delta, got, tt.want)
		}
	}
}
