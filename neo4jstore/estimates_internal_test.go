package neo4jstore

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestReadChoices checks the choices the measures drive on a graph of 10,000 stakeholders: most of one
// country and sector, a few councils with no partnerships, and one rare country.
func TestReadChoices(t *testing.T) {
	m := domain.GraphMeasures{Groups: []domain.StakeholderGroup{
		{Kind: domain.KindAgency, Sector: domain.SectorGovernment, Country: "MY", Stakeholders: 6000, PartnershipEnds: 60000},
		{Kind: domain.KindNGO, Sector: domain.SectorCivilSociety, Country: "MY", Stakeholders: 3700, PartnershipEnds: 40000},
		{Kind: domain.KindCouncil, Sector: domain.SectorGovernment, Country: "MY", Stakeholders: 200},
		{Kind: domain.KindNGO, Sector: domain.SectorCivilSociety, Country: "TH", Stakeholders: 100, PartnershipEnds: 1000},
	}}
	country := func(c string) *string { return &c }
	name := "council"
	pages := []struct {
		about string
		f     domain.StakeholderFilter
		walk  bool
	}{
		{"no filter", domain.StakeholderFilter{}, true},
		{"only fields no index serves", domain.StakeholderFilter{FocusAreas: []domain.FocusArea{domain.FocusProtection}}, true},
		{"the country of nearly all", domain.StakeholderFilter{Country: country("my")}, true},
		{"a rare country", domain.StakeholderFilter{Country: country("TH")}, false},
		{"a country nobody has", domain.StakeholderFilter{Country: country("ZZ")}, false},
		{"a common kind", domain.StakeholderFilter{Kinds: []domain.StakeholderKind{domain.KindAgency, domain.KindNGO}}, true},
		{"a rare kind and sector", domain.StakeholderFilter{Kinds: []domain.StakeholderKind{domain.KindCouncil}, Sectors: []domain.Sector{domain.SectorGovernment}}, false},
		{"a name", domain.StakeholderFilter{NameContains: &name}, false},
	}
	for _, tc := range pages {
		if got := readInOrder(tc.f, m, 20); got != tc.walk {
			t.Errorf("%s: walk in order %v, want %v", tc.about, got, tc.walk)
		}
	}
	if readInOrder(domain.StakeholderFilter{Country: country("MY")}, domain.GraphMeasures{}, 20) {
		t.Errorf("before the graph is measured, a filter on an indexed field should search the index")
	}

	kinds := func(k ...domain.StakeholderKind) []domain.StakeholderKind { return k }
	sides := []struct {
		about string
		f     domain.PartnershipFilter
		want  string
	}{
		{"no kinds", domain.PartnershipFilter{FocusAreas: []domain.FocusArea{domain.FocusProtection}}, ""},
		{"common kinds", domain.PartnershipFilter{Kinds: kinds(domain.KindAgency), PartnerKinds: kinds(domain.KindNGO)}, ""},
		{"partners of a kind with none", domain.PartnershipFilter{PartnerKinds: kinds(domain.KindCouncil)}, "b"},
		{"a rare kind on the left", domain.PartnershipFilter{Kinds: kinds(domain.KindCouncil), PartnerKinds: kinds(domain.KindNGO)}, "a"},
	}
	for _, tc := range sides {
		if got := partnershipSide(tc.f, m, seekPartnershipEnds); got != tc.want {
			t.Errorf("%s: side %q, want %q", tc.about, got, tc.want)
		}
	}
	if got := partnershipSide(domain.PartnershipFilter{PartnerKinds: kinds(domain.KindCouncil)}, domain.GraphMeasures{}, seekPartnershipEnds); got != "" {
		t.Errorf("before the graph is measured: side %q, want the walk", got)
	}
}
