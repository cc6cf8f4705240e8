package analytics

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// diamonds is a small network with three shortest paths from s to t, one of them partly along
// memberships, and a membership chain m1 -> m2 -> m3 that the directed view follows one way only.
//
//	s — a — c — t
//	s — b — c
//	s -> d -> e — t   (d, e memberships; e-t a partnership)
func diamonds() *Projection {
	return Build(smallNetwork(
		[]string{"s", "a", "b", "c", "d", "e", "t", "m1", "m2", "m3", "z"},
		[]string{"1:PARTNERS_WITH:s:a", "2:PARTNERS_WITH:s:b", "3:PARTNERS_WITH:a:c", "4:PARTNERS_WITH:b:c",
			"5:PARTNERS_WITH:c:t", "6:MEMBER_OF:s:d", "7:MEMBER_OF:d:e", "8:PARTNERS_WITH:e:t",
			"9:MEMBER_OF:m1:m2", "10:PART_OF:m2:m3", "11:PARTNERS_WITH:m3:s"},
	))
}

func TestShortestPaths(t *testing.T) {
	g := diamonds()
	tests := []struct {
		name     string
		from, to string
		maxHops  int
		directed bool
		want     Paths
	}{
		{"OK", "s", "t", 0, false, Paths{Hops: 3, Total: 3, Paths: [][]string{
			{"s", "a", "c", "t"}, {"s", "b", "c", "t"}, {"s", "d", "e", "t"}}}},
		{"backwards", "t", "s", 0, false, Paths{Hops: 3, Total: 3, Paths: [][]string{
			{"t", "c", "a", "s"}, {"t", "c", "b", "s"}, {"t", "e", "d", "s"}}}},
		{"within maxHops", "s", "t", 3, false, Paths{Hops: 3, Total: 3, Paths: [][]string{
			{"s", "a", "c", "t"}, {"s", "b", "c", "t"}, {"s", "d", "e", "t"}}}},
		{"beyond maxHops", "s", "t", 2, false, Paths{}},
		{"directed", "s", "t", 0, true, Paths{Hops: 3, Total: 3, Paths: [][]string{
			{"s", "a", "c", "t"}, {"s", "b", "c", "t"}, {"s", "d", "e", "t"}}}},
		{"directed against memberships", "t", "s", 0, true, Paths{Hops: 3, Total: 2, Paths: [][]string{
			{"t", "c", "a", "s"}, {"t", "c", "b", "s"}}}},
		{"directed along a chain", "m1", "t", 0, true, Paths{Hops: 6, Total: 3, Paths: [][]string{
			{"m1", "m2", "m3", "s", "a", "c", "t"}, {"m1", "m2", "m3", "s", "b", "c", "t"},
			{"m1", "m2", "m3", "s", "d", "e", "t"}}}},
		{"directed unreachable", "t", "m1", 0, true, Paths{}},
		{"one hop", "s", "a", 0, false, Paths{Hops: 1, Total: 1, Paths: [][]string{{"s", "a"}}}},
		{"to itself", "s", "s", 0, false, Paths{Total: 1, Paths: [][]string{{"s"}}}},
		{"isolated", "s", "z", 0, false, Paths{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.ShortestPaths(tt.from, tt.to, tt.maxHops, tt.directed)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, pair := range [][2]string{{"s", "nobody"}, {"nobody", "s"}} {
			_, err := g.ShortestPaths(pair[0], pair[1], 0, false)
			if domain.ErrorCode(err) != domain.CodeNotFound {
				t.Errorf("ShortestPaths(%s, %s) error %v, want not found", pair[0], pair[1], err)
			}
		}
	})

	t.Run("subgraph", func(t *testing.T) {
		p := g.Subgraph([]domain.TieType{domain.TiePartnersWith})
		got, err := p.ShortestPaths("s", "t", 0, false)
		if err != nil {
			t.Fatal(err)
		}
		want := Paths{Hops: 3, Total: 2, Paths: [][]string{{"s", "a", "c", "t"}, {"s", "b", "c", "t"}}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("partnerships only (-want +got):\n%s", diff)
		}
	})
}

// TestShortestPathsCap checks that a lattice with more than MaxPaths shortest paths lists the first
// MaxPaths in order and counts them all.
func TestShortestPathsCap(t *testing.T) {
	// s, then three layers of four, then t, every node joined to every node of the next layer: 4³ = 64
	// paths.
	var nodes, ties []string
	layer := func(i int) []string {
		return []string{fmt.Sprintf("l%d-a", i), fmt.Sprintf("l%d-b", i), fmt.Sprintf("l%d-c", i), fmt.Sprintf("l%d-d", i)}
	}
	prev := []string{"s"}
	for i := range 3 {
		cur := layer(i)
		nodes = append(nodes, cur...)
		for _, a := range prev {
			for _, b := range cur {
				ties = append(ties, fmt.Sprintf("%s-%s:PARTNERS_WITH:%s:%s", a, b, a, b))
			}
		}
		prev = cur
	}
	for _, a := range prev {
		ties = append(ties, fmt.Sprintf("%s-t:PARTNERS_WITH:%s:t", a, a))
	}
	g := Build(smallNetwork(append(nodes, "s", "t"), ties))
	got, err := g.ShortestPaths("s", "t", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hops != 4 || got.Total != 64 || len(got.Paths) != MaxPaths {
		t.Fatalf("hops %d, total %d, %d paths; want 4, 64, %d", got.Hops, got.Total, len(got.Paths), MaxPaths)
	}
	if !slices.IsSortedFunc(got.Paths, slices.Compare[[]string]) {
		t.Error("paths are not in lexicographic order")
	}
	if want := []string{"s", "l0-a", "l1-a", "l2-a", "t"}; !slices.Equal(got.Paths[0], want) {
		t.Errorf("first path %v, want %v", got.Paths[0], want)
	}
}

// TestShortestPathsGonum checks every pair of the fixtures against gonum's DijkstraAllFrom, in both
// views: the same length and, when there are at most MaxPaths, the same paths.
func TestShortestPathsGonum(t *testing.T) {
	for _, name := range networkNames(t) {
		for _, directed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/directed=%v", name, directed), func(t *testing.T) {
				g := Build(loadNetwork(t, name))
				var view traverse.Graph = undirectedView{g}
				if directed {
					view = directedView{g}
				}
				for s := range g.Nodes() {
					all := path.DijkstraAllFrom(g.node(int64(s)), view)
					for u := range g.Nodes() {
						want, weight := all.AllTo(int64(u))
						got, err := g.ShortestPaths(g.Slug(s), g.Slug(u), 0, directed)
						if err != nil {
							t.Fatal(err)
						}
						if int(got.Total) != len(want) {
							t.Fatalf("%s->%s: %d paths, gonum %d", g.Slug(s), g.Slug(u), got.Total, len(want))
						}
						if len(want) == 0 {
							continue
						}
						if got.Hops != int(weight) {
							t.Fatalf("%s->%s: %d hops, gonum %v", g.Slug(s), g.Slug(u), got.Hops, weight)
						}
						if len(want) > MaxPaths {
							continue
						}
						wantSlugs := make([][]string, len(want))
						for i, p := range want {
							for _, v := range p {
								wantSlugs[i] = append(wantSlugs[i], g.Slug(int(v.ID())))
							}
						}
						slices.SortFunc(wantSlugs, slices.Compare[[]string])
						if diff := cmp.Diff(wantSlugs, got.Paths); diff != "" {
							t.Fatalf("%s->%s (-gonum +ours):\n%s", g.Slug(s), g.Slug(u), diff)
						}
					}
				}
			})
		}
	}
}

func TestNeighborhood(t *testing.T) {
	g := diamonds()
	tests := []struct {
		name  string
		depth int
		want  []Reached
	}{
		{"depth 0", 0, []Reached{{"c", 0}}},
		{"depth 1", 1, []Reached{{"c", 0}, {"a", 1}, {"b", 1}, {"t", 1}}},
		{"depth 2", 2, []Reached{{"c", 0}, {"a", 1}, {"b", 1}, {"t", 1}, {"e", 2}, {"s", 2}}},
		{"depth 3", 3, []Reached{{"c", 0}, {"a", 1}, {"b", 1}, {"t", 1}, {"e", 2}, {"s", 2}, {"d", 3}, {"m3", 3}}},
		{"negative depth", -1, []Reached{{"c", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.Neighborhood("c", tt.depth)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := g.Neighborhood("nobody", 1); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("error %v, want not found", err)
		}
	})
	t.Run("ties", func(t *testing.T) {
		reached, _ := g.Neighborhood("m1", 1)
		slugs := []string{reached[0].Slug, reached[1].Slug}
		want := []TieRef{{Key: "9", Type: domain.TieMemberOf, From: "m1", To: "m2"}}
		if diff := cmp.Diff(want, g.TiesAmong(slugs)); diff != "" {
			t.Errorf("TiesAmong (-want +got):\n%s", diff)
		}
	})
}
