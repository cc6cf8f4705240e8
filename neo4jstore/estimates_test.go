package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/synthetic"
)

// TestMeasuresCountGroups checks the measures' groups against the data loaded: every stakeholder in
// exactly one group by kind, sector and country, and every partnership counted at both ends.
func TestMeasuresCountGroups(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Empty(t)
	d, err := synthetic.Network(synthetic.Options{Stakeholders: 200, Ties: 900, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	want := map[domain.StakeholderGroup]int{}
	kindOf := map[string]domain.StakeholderGroup{}
	for _, st := range d.Stakeholders {
		g := domain.StakeholderGroup{Kind: domain.StakeholderKind(st.Kind), Sector: domain.Sector(st.Sector), Country: st.Country}
		kindOf[st.Slug] = g
		want[g]++
	}
	ends := map[domain.StakeholderGroup]int{}
	partnerships := 0
	for _, tie := range d.Ties {
		if tie.Type != string(domain.TiePartnersWith) {
			continue
		}
		partnerships++
		ends[kindOf[tie.From]]++
		ends[kindOf[tie.To]]++
	}
	m := s.Measures(ctx)
	if len(m.Groups) != len(want) {
		t.Errorf("%d groups, want %d", len(m.Groups), len(want))
	}
	total, totalEnds := 0, 0
	for _, g := range m.Groups {
		key := domain.StakeholderGroup{Kind: g.Kind, Sector: g.Sector, Country: g.Country}
		if g.Stakeholders != want[key] || g.PartnershipEnds != ends[key] {
			t.Errorf("group %s/%s/%s: %d stakeholders with %d partnership ends, want %d with %d", g.Kind, g.Sector, g.Country,
				g.Stakeholders, g.PartnershipEnds, want[key], ends[key])
		}
		total += g.Stakeholders
		totalEnds += g.PartnershipEnds
	}
	if total != len(d.Stakeholders) || totalEnds != 2*partnerships {
		t.Errorf("groups hold %d stakeholders and %d ends, want %d and %d", total, totalEnds, len(d.Stakeholders), 2*partnerships)
	}
}
