package analytics

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// tiny is a network small enough to work out by hand: a four-cycle a1-a2-a3-b1 of government and civil
// society stakeholders, b2 hanging off b1, and an isolated academic c1.
//
//	a2 — a1 — b1 — b2
//	  \        /
//	   — a3 —
func tiny() *Projection {
	return Build(smallNetwork(
		[]string{"a1:MINISTRY:GOVERNMENT", "a2:MINISTRY:GOVERNMENT", "a3:AGENCY:GOVERNMENT",
			"b1:NGO:CIVIL_SOCIETY", "b2:NGO:CIVIL_SOCIETY", "c1:ACADEMIC:ACADEMIC"},
		[]string{"t1:PARTNERS_WITH:a1:a2", "t2:PART_OF:a3:a2", "t3:PARTNERS_WITH:a1:b1",
			"t4:MEMBER_OF:a3:b1", "t5:MEMBER_OF:b2:b1", "t6:PARTNERS_WITH:b2:b1"},
	))
}

// TestMixing works out the E-I indices and tie matrices of tiny by hand.
func TestMixing(t *testing.T) {
	ctx := t.Context()
	s := must(tiny().Stats(ctx))

	// Sectors: GOVERNMENT has 2 edges inside (a1-a2, a2-a3) and 2 out (a1-b1, a3-b1): E-I 0. CIVIL_SOCIETY
	// has 1 inside (b1-b2) and the same 2 out: (2-1)/3. ACADEMIC has none. Overall 2 across, 3 inside.
	sectors := Mixing{
		Groups: []Group{
			{Name: "ACADEMIC", Members: 1},
			{Name: "CIVIL_SOCIETY", Members: 2, Internal: 1, External: 2, EI: 1.0 / 3},
			{Name: "GOVERNMENT", Members: 3, Internal: 2, External: 2, EI: 0},
		},
		Ties: [][]int{
			{0, 0, 0},
			{0, 1, 2},
			{0, 2, 2},
		},
		EI: (2.0 - 3) / 5,
	}
	if diff := cmp.Diff(sectors, s.Sectors, approx); diff != "" {
		t.Errorf("sector mixing (-want +got):\n%s", diff)
	}

	// Kinds: MINISTRY {a1, a2} keeps a1-a2 and sends a1-b1, a2-a3; AGENCY {a3} sends a2-a3, a3-b1; NGO
	// {b1, b2} keeps b1-b2 and receives a1-b1, a3-b1.
	kinds := Mixing{
		Groups: []Group{
			{Name: "ACADEMIC", Members: 1},
			{Name: "AGENCY", Members: 1, External: 2, EI: 1},
			{Name: "MINISTRY", Members: 2, Internal: 1, External: 2, EI: 1.0 / 3},
			{Name: "NGO", Members: 2, Internal: 1, External: 2, EI: 1.0 / 3},
		},
		Ties: [][]int{
			{0, 0, 0, 0},
			{0, 0, 1, 1},
			{0, 1, 1, 1},
			{0, 1, 1, 1},
		},
		EI: (3.0 - 2) / 5,
	}
	if diff := cmp.Diff(kinds, s.Kinds, approx); diff != "" {
		t.Errorf("kind mixing (-want +got):\n%s", diff)
	}
}

// TestStats works out the whole-network statistics of tiny by hand.
func TestStats(t *testing.T) {
	ctx := t.Context()
	s := must(tiny().Stats(ctx))
	s.Kinds, s.Sectors = Mixing{}, Mixing{}
	want := Stats{
		Nodes: 6,
		Edges: 5,
		// Arcs: a1<->a2, a3->a2, a1<->b1, a3->b1, b2<->b1 (membership and partnership on one pair).
		Arcs:            8,
		Density:         2 * 5 / 30.0,
		DirectedDensity: 8 / 30.0,
		Reciprocity:     6 / 8.0,
		AverageDegree:   10 / 6.0,
		Components:      2,
		// Directed: {a1, a2, b1, b2} through the partnerships; a3 (arcs out only) and c1 alone.
		StrongComponents: 3,
		LargestComponent: 5,
		Diameter:         3, // a2 to b2
		// In the five-node component 5 pairs are 1 hop apart, 4 are 2 and 1 is 3: 16 over 10 pairs.
		AverageShortestPath: 16 / 10.0,
		PathSources:         5,
	}
	if diff := cmp.Diff(want, s, approx); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

// TestBrokers checks which stakeholders of tiny bridge sectors and how they rank.
func TestBrokers(t *testing.T) {
	ctx := t.Context()
	g := tiny()
	between := must(g.Betweenness(ctx, false, true, 0, 0)).Map()
	// b1 carries every path from b2; a1 and a3 are symmetric, so they rank by slug; a2 and b2 have no
	// neighbour in another sector, and c1 none at all.
	want := []Broker{
		{Slug: "b1", Sector: domain.SectorCivilSociety, Betweenness: between["b1"],
			OtherSectors: []domain.Sector{domain.SectorGovernment}, CrossSector: []string{"a1", "a3"}},
		{Slug: "a1", Sector: domain.SectorGovernment, Betweenness: between["a1"],
			OtherSectors: []domain.Sector{domain.SectorCivilSociety}, CrossSector: []string{"b1"}},
		{Slug: "a3", Sector: domain.SectorGovernment, Betweenness: between["a3"],
			OtherSectors: []domain.Sector{domain.SectorCivilSociety}, CrossSector: []string{"b1"}},
	}
	if diff := cmp.Diff(want, must(g.Brokers(ctx, 0))); diff != "" {
		t.Errorf("Brokers(0) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:2], must(g.Brokers(ctx, 2))); diff != "" {
		t.Errorf("Brokers(2) (-want +got):\n%s", diff)
	}
	if between["b1"] <= between["a1"] || between["a1"] != between["a3"] {
		t.Errorf("betweenness %v does not fit the shape of the network", between)
	}
}
