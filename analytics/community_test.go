package analytics

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var update = flag.Bool("update", false, "rewrite testdata/louvain with this implementation's partitions")

// louvainRun is one Louvain partition as testdata/louvain/*.json stores it.
type louvainRun struct {
	Resolution  float64    `json:"resolution"`
	Seed        int64      `json:"seed"`
	Communities [][]string `json:"communities"`
}

// louvainRuns are the settings stored for every network.
var louvainRuns = []struct {
	resolution float64
	seed       int64
}{{1, 1}, {2, 7}}

// TestLouvainGolden checks that Louvain still finds the partitions stored in testdata/louvain (so a seed
// keeps giving the same partition) and that their Q is NetworkX's modularity of the same partition. Run
// with -update to store new partitions, then testdata/networkx_expected.py to recompute their modularity.
func TestLouvainGolden(t *testing.T) {
	ctx := t.Context()
	for _, name := range networkNames(t) {
		t.Run(name, func(t *testing.T) {
			g := Build(loadNetwork(t, name))
			var runs []louvainRun
			var found []Communities
			for _, r := range louvainRuns {
				c := must(g.Louvain(ctx, r.resolution, r.seed))
				found = append(found, c)
				runs = append(runs, louvainRun{Resolution: r.resolution, Seed: r.seed, Communities: c.Groups})
			}
			path := filepath.Join("testdata", "louvain", name+".json")
			if *update {
				writeJSON(t, path, runs)
			}
			var stored []louvainRun
			readJSON(t, path, &stored)
			if diff := cmp.Diff(stored, runs); diff != "" {
				t.Fatalf("partitions differ from %s (-stored +found); if intended, run with -update and rerun "+
					"testdata/networkx_expected.py:\n%s", path, diff)
			}

			want := loadExpected(t, name)
			for i, r := range runs {
				label := fmt.Sprintf("go-louvain-r%g-s%d", r.Resolution, r.Seed)
				var q *float64
				for _, m := range want.Modularity {
					if m.Name == label {
						if diff := cmp.Diff(m.Communities, r.Communities); diff != "" {
							t.Fatalf("%s: expected file has another partition; rerun testdata/networkx_expected.py", label)
						}
						q = &m.Q
					}
				}
				if q == nil {
					if g.Edges(false) == 0 {
						continue
					}
					t.Fatalf("expected/%s.json has no %s: rerun testdata/networkx_expected.py", name, label)
				}
				if !cmp.Equal(*q, found[i].Modularity, approx) {
					t.Errorf("%s: Q = %v, NetworkX modularity of the same partition %v", label, found[i].Modularity, *q)
				}
			}
		})
	}
}

// TestLouvainDeterministic checks that a seed gives the same partition every time, whatever the order
// the network lists its stakeholders and ties in, and that the partition covers every stakeholder once.
func TestLouvainDeterministic(t *testing.T) {
	ctx := t.Context()
	for _, name := range networkNames(t) {
		t.Run(name, func(t *testing.T) {
			n := loadNetwork(t, name)
			g := Build(n)
			shuffled := shuffle(n, 3)
			for _, seed := range []int64{1, 2, 99} {
				first := must(g.Louvain(ctx, 1, seed))
				for range 3 {
					if diff := cmp.Diff(first, must(g.Louvain(ctx, 1, seed))); diff != "" {
						t.Fatalf("seed %d: partition changed between runs:\n%s", seed, diff)
					}
				}
				if diff := cmp.Diff(first, must(Build(shuffled).Louvain(ctx, 1, seed))); diff != "" {
					t.Fatalf("seed %d: partition depends on input order:\n%s", seed, diff)
				}
				var count int
				for _, c := range first.Groups {
					count += len(c)
				}
				if count != g.Nodes() {
					t.Fatalf("seed %d: communities hold %d stakeholders, want %d", seed, count, g.Nodes())
				}
				q, err := g.Modularity(first.Groups, 1)
				if err != nil || q != first.Modularity {
					t.Fatalf("seed %d: Modularity of the partition = %v, %v; Louvain said %v", seed, q, err, first.Modularity)
				}
			}
		})
	}
}

// TestLouvainQuality checks that Louvain's partition of the karate club is about as good as NetworkX's.
func TestLouvainQuality(t *testing.T) {
	ctx := t.Context()
	g := Build(loadNetwork(t, "karate"))
	want := loadExpected(t, "karate")
	for _, m := range want.Modularity {
		if m.Name != "networkx-louvain" {
			continue
		}
		for seed := range int64(5) {
			if q := must(g.Louvain(ctx, 1, seed)).Modularity; q < m.Q-0.03 {
				t.Errorf("seed %d: Q = %.4f, NetworkX's Louvain %.4f", seed, q, m.Q)
			}
		}
		return
	}
	t.Fatal("no networkx-louvain partition in expected/karate.json")
}

// TestLouvainAgainstGonum checks that Louvain's partitions are as good as those of gonum's
// community.Modularize, on average over seeds, on the fixtures and a synthetic network.
func TestLouvainAgainstGonum(t *testing.T) {
	ctx := t.Context()
	graphs := map[string]*Projection{"synthetic-2k": Build(syntheticNetwork(2000, 10000, 3))}
	for _, name := range networkNames(t) {
		graphs[name] = Build(loadNetwork(t, name))
	}
	for name, g := range graphs {
		for _, resolution := range []float64{0.5, 1, 2} {
			t.Run(fmt.Sprintf("%s/resolution=%g", name, resolution), func(t *testing.T) {
				const seeds = 8
				var ours, theirs float64
				for seed := range uint64(seeds) {
					ours += must(g.Louvain(ctx, resolution, int64(seed))).Modularity / seeds
					reduced := community.Modularize(undirectedView{g}, resolution, rand.NewPCG(seed, seed))
					theirs += community.Q(undirectedView{g}, reduced.Communities(), resolution) / seeds
				}
				if ours < theirs-0.01 {
					t.Errorf("mean Q %.4f, gonum %.4f", ours, theirs)
				}
				t.Logf("mean Q %.4f, gonum %.4f", ours, theirs)
			})
		}
	}
}

// TestModularityErrors checks that Modularity wants a partition of the known stakeholders.
func TestModularityErrors(t *testing.T) {
	g := Build(smallNetwork([]string{"a", "b", "c"}, []string{"t1:PARTNERS_WITH:a:b"}))
	tests := []struct {
		name   string
		groups [][]string
		code   domain.Code
	}{
		{"OK", [][]string{{"a", "b"}, {"c"}}, ""},
		{"ErrNotFound", [][]string{{"a", "b"}, {"c", "x"}}, domain.CodeNotFound},
		{"ErrTwice", [][]string{{"a", "b"}, {"b", "c"}}, domain.CodeInvalid},
		{"ErrMissing", [][]string{{"a", "b"}}, domain.CodeInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := g.Modularity(tt.groups, 1)
			if tt.code == "" {
				// One edge inside {a,b}: Q = 1 - (2/2)² = 0.
				if err != nil || q != 0 {
					t.Fatalf("Modularity = %v, %v; want 0, nil", q, err)
				}
				return
			}
			if got := domain.ErrorCode(err); err == nil || got != tt.code {
				t.Fatalf("error %v (code %s), want code %s", err, got, tt.code)
			}
		})
	}
}

// TestModularityGonum checks Modularity against gonum's community.Q, which sums over pairs of members.
func TestModularityGonum(t *testing.T) {
	ctx := t.Context()
	for _, name := range networkNames(t) {
		t.Run(name, func(t *testing.T) {
			g := Build(loadNetwork(t, name))
			if g.Edges(false) == 0 {
				t.Skip("no edges")
			}
			for _, resolution := range []float64{0.5, 1, 2} {
				c := must(g.Louvain(ctx, resolution, 5))
				nodes := make([][]graph.Node, len(c.Groups))
				for i, grp := range c.Groups {
					for _, s := range grp {
						nodes[i] = append(nodes[i], simple.Node(g.nodes.index[s]))
					}
				}
				want := community.Q(undirectedView{g}, nodes, resolution)
				if !cmp.Equal(want, c.Modularity, approx) {
					t.Errorf("resolution %v: Q = %v, gonum %v", resolution, c.Modularity, want)
				}
			}
		})
	}
}

// shuffle returns a copy of n with its stakeholders and ties in another order.
func shuffle(n *domain.Network, seed uint64) *domain.Network {
	r := rand.New(rand.NewPCG(seed, seed))
	out := &domain.Network{
		Stakeholders: append([]*domain.Stakeholder(nil), n.Stakeholders...),
		Ties:         append([]*domain.NetworkTie(nil), n.Ties...),
	}
	r.Shuffle(len(out.Stakeholders), func(i, j int) {
		out.Stakeholders[i], out.Stakeholders[j] = out.Stakeholders[j], out.Stakeholders[i]
	})
	r.Shuffle(len(out.Ties), func(i, j int) { out.Ties[i], out.Ties[j] = out.Ties[j], out.Ties[i] })
	return out
}

func writeJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
