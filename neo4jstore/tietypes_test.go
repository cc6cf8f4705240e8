package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestEveryTieTypeIsStored loads one tie of every type from a hub to another stakeholder and reads them
// back every way a tie is read: from either end with its direction, by key, and in network views,
// where only the cooperative types show unless the others are asked for.
func TestEveryTieTypeIsStored(t *testing.T) {
	ctx := context.Background()
	cite := []domain.Citation{{Source: "s1", Quote: "They are tied."}}
	d := &dataset.Dataset{Sources: []dataset.SourceRecord{{Key: "s1", Title: "A report"}},
		Stakeholders: []dataset.StakeholderRecord{{Slug: "hub", Name: "Hub", Kind: string(domain.KindMinistry),
			Sector: string(domain.SectorGovernment), Citations: cite}}}
	other := map[domain.TieType]string{}
	for _, typ := range domain.TieTypes {
		slug := "other-" + strings.ReplaceAll(strings.ToLower(string(typ)), "_", "-")
		other[typ] = slug
		d.Stakeholders = append(d.Stakeholders, dataset.StakeholderRecord{Slug: slug, Name: "Other " + string(typ),
			Kind: string(domain.KindNGO), Sector: string(domain.SectorCivilSociety), Citations: cite})
		d.Ties = append(d.Ties, dataset.TieRecord{Type: string(typ), From: "hub", To: slug, Citations: cite})
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	s := neo4jtest.Empty(t)
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}

	fromHub, err := s.TiesOf(ctx, []string{"hub"}, domain.TieFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var types []domain.TieType
	for _, tie := range fromHub["hub"] {
		types = append(types, tie.Type)
		if tie.Direction != domain.DirectionOutgoing {
			t.Errorf("from the hub, its %s tie is %s", tie.Type, tie.Direction)
		}
	}
	slices.Sort(types)
	want := slices.Clone(domain.TieTypes)
	slices.Sort(want)
	if !slices.Equal(types, want) {
		t.Errorf("ties of the hub: %v, want %v", types, want)
	}
	for typ, slug := range other {
		seen, err := s.TiesOf(ctx, []string{slug}, domain.TieFilter{})
		if err != nil {
			t.Fatal(err)
		}
		wantDir := domain.DirectionIncoming
		if !typ.Directed() {
			wantDir = domain.DirectionOutgoing
		}
		if len(seen[slug]) != 1 || seen[slug][0].Type != typ || seen[slug][0].Direction != wantDir {
			t.Errorf("ties of %s: %+v, want one %s tie, %s", slug, seen[slug], typ, wantDir)
		}
	}

	network := func(types []domain.TieType) []domain.TieType {
		n, err := s.Network(ctx, domain.NetworkFilter{TieTypes: types}, true)
		if err != nil {
			t.Fatal(err)
		}
		var got []domain.TieType
		var keys []string
		for _, tie := range n.Ties {
			got = append(got, tie.Type)
			keys = append(keys, tie.Key)
		}
		byKey, err := s.TiesByKey(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		if len(byKey) != len(keys) {
			t.Errorf("%d of %d ties found again by key", len(byKey), len(keys))
		}
		slices.Sort(got)
		return got
	}
	coop := slices.Clone(domain.CooperativeTieTypes)
	slices.Sort(coop)
	if got := network(nil); !slices.Equal(got, coop) {
		t.Errorf("the network shows %v, want the cooperative types %v", got, coop)
	}
	if got := network(domain.TieTypes); !slices.Equal(got, want) {
		t.Errorf("asked for every type, the network shows %v", got)
	}
	if got := network([]domain.TieType{domain.TieSanctions}); !slices.Equal(got, []domain.TieType{domain.TieSanctions}) {
		t.Errorf("asked for sanctions, the network shows %v", got)
	}
	partners, err := s.PartnersOf(ctx, []string{"hub"}, domain.PartnerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(partners["hub"]) != 1 || partners["hub"][0].Partner.Slug != other[domain.TiePartnersWith] {
		t.Errorf("partners of the hub: %+v, want only its partnership", partners["hub"])
	}
}
