package analytics

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestBuild checks the projection of the mixed fixture by hand.
func TestBuild(t *testing.T) {
	g := Build(loadNetwork(t, "mixed"))

	t.Run("counts", func(t *testing.T) {
		got := [4]int{g.Nodes(), g.Edges(false), g.Edges(true), g.Ties()}
		// 14 stakeholders (one isolated); 22 ties less a self tie and a dangling one; two pairs with two ties
		// each collapse into one edge; 9 directed arcs plus 9 partnerships both ways, one of them beside a
		// membership on the same arc.
		want := [4]int{14, 18, 28, 20}
		if got != want {
			t.Fatalf("nodes, edges, arcs, ties = %v, want %v", got, want)
		}
	})

	t.Run("nodes", func(t *testing.T) {
		if !g.Has("lonely-ngo") || g.Has("no-such-stakeholder") {
			t.Fatal("Has is wrong about lonely-ngo or no-such-stakeholder")
		}
		if g.Slug(0) != "bank-alliance" || g.Slugs()[g.Nodes()-1] != "unodc" {
			t.Fatalf("nodes are not in slug order: %v", g.Slugs())
		}
		kind, ok1 := g.Kind("iom")
		sector, ok2 := g.Sector("iom")
		if kind != domain.KindInternationalOrganization || sector != domain.SectorInternational || !ok1 || !ok2 {
			t.Fatalf("iom is %s/%s", kind, sector)
		}
		if _, ok := g.Kind("nobody"); ok {
			t.Fatal("Kind of an unknown slug reported ok")
		}
	})

	tests := []struct {
		name string
		a, b string
		want []TieRef
	}{
		{"OK", "national-council", "ministry-interior", []TieRef{
			{Key: "m-interior-council", Type: domain.TieMemberOf, From: "ministry-interior", To: "national-council"},
			{Key: "s-interior-council", Type: domain.TieSecretariatOf, From: "ministry-interior", To: "national-council"},
		}},
		{"partnership beside membership", "ngo-shelter", "cso-network", []TieRef{
			{Key: "m-shelter-cso", Type: domain.TieMemberOf, From: "ngo-shelter", To: "cso-network"},
			{Key: "pw-shelter-cso", Type: domain.TiePartnersWith, From: "cso-network", To: "ngo-shelter"},
		}},
		{"not adjacent", "iom", "police-atu", nil},
		{"self tie ignored", "ngo-hotline", "ngo-hotline", nil},
		{"ErrNotFound", "ngo-shelter", "no-such-stakeholder", nil},
	}
	for _, tt := range tests {
		t.Run("TiesBetween/"+tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, g.TiesBetween(tt.a, tt.b)); diff != "" {
				t.Errorf("TiesBetween(%s, %s) (-want +got):\n%s", tt.a, tt.b, diff)
			}
			if diff := cmp.Diff(tt.want, g.TiesBetween(tt.b, tt.a)); diff != "" {
				t.Errorf("TiesBetween(%s, %s) (-want +got):\n%s", tt.b, tt.a, diff)
			}
		})
	}

	t.Run("TiesAmong", func(t *testing.T) {
		got := g.TiesAmong([]string{"iom", "unodc", "university", "police-atu", "nobody"})
		want := []TieRef{
			{Key: "pw-iom-unodc", Type: domain.TiePartnersWith, From: "iom", To: "unodc"},
			{Key: "pw-unodc-police", Type: domain.TiePartnersWith, From: "unodc", To: "police-atu"},
			{Key: "pw-university-unodc", Type: domain.TiePartnersWith, From: "university", To: "unodc"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("TiesAmong (-want +got):\n%s", diff)
		}
	})

	t.Run("directions", func(t *testing.T) {
		d := directedView{g}
		arc := func(a, b string) bool {
			return d.HasEdgeFromTo(int64(g.nodes.index[a]), int64(g.nodes.index[b]))
		}
		checks := []struct {
			a, b string
			want bool
		}{
			{"police-atu", "ministry-interior", true}, // PART_OF points at the whole
			{"ministry-interior", "police-atu", false},
			{"iom", "unodc", true}, // partnerships go both ways
			{"unodc", "iom", true},
			{"ngo-shelter", "cso-network", true}, // membership and partnership on one pair
			{"cso-network", "ngo-shelter", true},
			{"ngo-hotline", "cso-network", true},
			{"cso-network", "ngo-hotline", false},
		}
		for _, c := range checks {
			if got := arc(c.a, c.b); got != c.want {
				t.Errorf("arc %s->%s = %v, want %v", c.a, c.b, got, c.want)
			}
		}
	})
}

// TestBuildInput checks how Build treats odd input: nil entries, a repeated slug, unknown ends, and
// stakeholder or tie order.
func TestBuildInput(t *testing.T) {
	ctx := t.Context()
	n := smallNetwork([]string{"b:AGENCY:GOVERNMENT", "a", "c", "b:NGO:CIVIL_SOCIETY"},
		[]string{"t2:PARTNERS_WITH:a:b", "t1:MEMBER_OF:b:a", "t3:MEMBER_OF:c:x", "t4:PART_OF:c:c"})
	n.Stakeholders = append(n.Stakeholders, nil)
	n.Ties = append(n.Ties, nil)
	g := Build(n)
	if diff := cmp.Diff([]string{"a", "b", "c"}, g.Slugs()); diff != "" {
		t.Fatalf("slugs (-want +got):\n%s", diff)
	}
	if kind, _ := g.Kind("b"); kind != domain.KindAgency {
		t.Errorf("b is %s, want the first listing's AGENCY", kind)
	}
	if got := [3]int{g.Edges(false), g.Edges(true), g.Ties()}; got != [3]int{1, 2, 2} {
		t.Errorf("edges, arcs, ties = %v, want [1 2 2]", got)
	}
	want := []TieRef{
		{Key: "t1", Type: domain.TieMemberOf, From: "b", To: "a"},
		{Key: "t2", Type: domain.TiePartnersWith, From: "a", To: "b"},
	}
	if diff := cmp.Diff(want, g.TiesBetween("a", "b")); diff != "" {
		t.Errorf("TiesBetween (-want +got):\n%s", diff)
	}

	if Build(nil).Nodes() != 0 {
		t.Error("a nil network should give an empty graph")
	}
	empty := Build(&domain.Network{})
	if empty.Nodes() != 0 || len(empty.Degree(DegreeTotal, true, false)) != 0 || must(empty.Stats(ctx)).Nodes != 0 {
		t.Error("an empty network should give an empty graph")
	}
}

// TestViews checks the gonum views against gonum's own simple graphs built from the same network with
// the projection rules.
func TestViews(t *testing.T) {
	for _, name := range networkNames(t) {
		t.Run(name, func(t *testing.T) {
			n := loadNetwork(t, name)
			g := Build(n)
			u := simple.NewUndirectedGraph()
			d := simple.NewDirectedGraph()
			for i := range g.Nodes() {
				u.AddNode(simple.Node(i))
				d.AddNode(simple.Node(i))
			}
			for _, tie := range n.Ties {
				a, ok1 := g.nodes.index[tie.From]
				b, ok2 := g.nodes.index[tie.To]
				if !ok1 || !ok2 || a == b {
					continue
				}
				u.SetEdge(simple.Edge{F: simple.Node(a), T: simple.Node(b)})
				d.SetEdge(simple.Edge{F: simple.Node(a), T: simple.Node(b)})
				if !tie.Type.Directed() {
					d.SetEdge(simple.Edge{F: simple.Node(b), T: simple.Node(a)})
				}
			}
			uv, dv := undirectedView{g}, directedView{g}
			if !topo.Equal(u, uv) {
				t.Error("undirected view differs from gonum's simple.UndirectedGraph")
			}
			if !topo.Equal(d, dv) {
				t.Error("directed view differs from gonum's simple.DirectedGraph")
			}
			for i := range g.Nodes() {
				id := int64(i)
				if got, want := dv.To(id).Len(), d.To(id).Len(); got != want {
					t.Fatalf("node %d has %d predecessors, gonum %d", i, got, want)
				}
			}
		})
	}
}

// TestSubgraph checks restriction to tie types.
func TestSubgraph(t *testing.T) {
	g := Build(loadNetwork(t, "mixed"))
	if g.Subgraph(nil) != g {
		t.Fatal("Subgraph(nil) should be the graph itself")
	}
	p := g.Subgraph([]domain.TieType{domain.TiePartnersWith})
	if p.Nodes() != g.Nodes() {
		t.Fatalf("subgraph has %d nodes, want all %d", p.Nodes(), g.Nodes())
	}
	if got := [3]int{p.Edges(false), p.Edges(true), p.Ties()}; got != [3]int{10, 20, 10} {
		t.Fatalf("partnership edges, arcs, ties = %v, want [10 20 10]", got)
	}
	want := []TieRef{{Key: "pw-shelter-cso", Type: domain.TiePartnersWith, From: "cso-network", To: "ngo-shelter"}}
	if diff := cmp.Diff(want, p.TiesBetween("ngo-shelter", "cso-network")); diff != "" {
		t.Errorf("TiesBetween in the subgraph (-want +got):\n%s", diff)
	}
	if p.TiesBetween("ministry-interior", "national-council") != nil {
		t.Error("membership ties survived the subgraph")
	}

	m := g.Subgraph([]domain.TieType{domain.TieMemberOf, domain.TiePartOf})
	if got := [2]int{m.Edges(false), m.Edges(true)}; got != [2]int{9, 9} {
		t.Fatalf("membership and part-of edges, arcs = %v, want [9 9]", got)
	}
}
