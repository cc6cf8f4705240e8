package analytics

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestComponentsAgainstGonum checks components, strong components and core numbers against gonum's topo
// package on generated networks: sparse ones with many components and isolated stakeholders, and denser
// ones whose directed views hold strong components of every size among membership chains.
func TestComponentsAgainstGonum(t *testing.T) {
	ctx := t.Context()
	sizes := []struct {
		n, m int
		seed uint64
	}{{300, 200, 1}, {2000, 2500, 2}, {2000, 20000, 3}}
	for _, size := range sizes {
		g := Build(syntheticNetwork(size.n, size.m, size.seed))
		name := fmt.Sprintf("%d-%d", size.n, size.m)

		t.Run(name+"/components", func(t *testing.T) {
			want := g.slugGroups(nodeIDs(topo.ConnectedComponents(undirectedView{g})))
			if diff := cmp.Diff(want, must(g.Components(ctx))); diff != "" {
				t.Errorf("(-gonum +ours):\n%s", diff)
			}
		})

		t.Run(name+"/strong components", func(t *testing.T) {
			want := g.slugGroups(nodeIDs(topo.TarjanSCC(directedView{g})))
			got := must(g.StrongComponents(ctx))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-gonum +ours):\n%s", diff)
			}
			if len(got) == g.Nodes() || len(got) == 1 {
				t.Errorf("%d strong components of %d stakeholders: the network tests too little", len(got), g.Nodes())
			}
		})

		t.Run(name+"/core numbers", func(t *testing.T) {
			_, cores := topo.DegeneracyOrdering(undirectedView{g})
			want := make(map[string]float64, g.Nodes())
			for k, members := range cores {
				for _, v := range members {
					want[g.Slug(int(v.ID()))] = float64(k)
				}
			}
			got := must(g.KCore(ctx))
			if diff := cmp.Diff(want, got.Map()); diff != "" {
				t.Errorf("(-gonum +ours):\n%s", diff)
			}
			checkRanked(t, got)
		})
	}
}

// TestStrongComponentsDeepChain checks that a membership chain as long as a large network, which a
// recursive search would follow one call deeper per stakeholder, is split into one component per
// stakeholder, and that closing it into a cycle makes one component.
func TestStrongComponentsDeepChain(t *testing.T) {
	ctx := t.Context()
	const n = 100_000
	net := &domain.Network{}
	slug := func(i int) string { return fmt.Sprintf("s%06d", i) }
	for i := range n {
		net.Stakeholders = append(net.Stakeholders, &domain.Stakeholder{Slug: slug(i), Kind: domain.KindNGO, Sector: domain.SectorCivilSociety})
		if i > 0 {
			net.Ties = append(net.Ties, &domain.NetworkTie{Key: fmt.Sprint(i), Type: domain.TieMemberOf, From: slug(i - 1), To: slug(i)})
		}
	}
	if got := len(must(Build(net).StrongComponents(ctx))); got != n {
		t.Errorf("a chain of %d gives %d strong components, want one each", n, got)
	}
	net.Ties = append(net.Ties, &domain.NetworkTie{Key: "back", Type: domain.TieMemberOf, From: slug(n - 1), To: slug(0)})
	if got := len(must(Build(net).StrongComponents(ctx))); got != 1 {
		t.Errorf("a cycle of %d gives %d strong components, want 1", n, got)
	}
}

// nodeIDs turns gonum's groups of nodes into groups of node IDs.
func nodeIDs(groups [][]graph.Node) [][]int32 {
	out := make([][]int32, len(groups))
	for i, members := range groups {
		for _, v := range members {
			out[i] = append(out[i], int32(v.ID()))
		}
	}
	return out
}
