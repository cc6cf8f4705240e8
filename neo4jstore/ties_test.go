package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/synthetic"
)

// TestCountPartnershipsEqualsPages checks the count of partnerships against the pages it counts: for each
// filter, walking every page of Partnerships lists as many partnerships as CountPartnerships says, on a
// synthetic network where kinds, partner kinds and focus areas each leave some partnerships in and some out,
// and ties match a kind filter one way round, both ways, or neither.
func TestCountPartnershipsEqualsPages(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Empty(t)
	d, err := synthetic.Network(synthetic.Options{Stakeholders: 300, Ties: 2000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	kinds := func(k ...domain.StakeholderKind) []domain.StakeholderKind { return k }
	asOf := domain.Date("2020-06-01")
	filters := map[string]domain.PartnershipFilter{
		"none":                   {},
		"kinds":                  {Kinds: kinds(domain.KindAgency)},
		"partner kinds":          {PartnerKinds: kinds(domain.KindNGO)},
		"agency-NGO":             {Kinds: kinds(domain.KindAgency), PartnerKinds: kinds(domain.KindNGO)},
		"NGO-NGO":                {Kinds: kinds(domain.KindNGO), PartnerKinds: kinds(domain.KindNGO)},
		"overlapping kinds":      {Kinds: kinds(domain.KindAgency, domain.KindNGO), PartnerKinds: kinds(domain.KindNGO, domain.KindMinistry)},
		"focus areas":            {FocusAreas: []domain.FocusArea{domain.FocusProtection}},
		"kinds and focus, as of": {Kinds: kinds(domain.KindMinistry), FocusAreas: []domain.FocusArea{domain.FocusPartnership, domain.FocusPrevention}, AsOf: &asOf},
		"as of":                  {AsOf: &asOf},
	}
	total := 0
	for name, f := range filters {
		listed := 0
		after := ""
		for {
			page, err := s.Partnerships(ctx, f, domain.PageRequest{First: 100, After: after}, nil)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			listed += len(page.Items)
			if !page.HasNext {
				break
			}
			after = page.Cursors[len(page.Cursors)-1]
		}
		counted, err := s.CountPartnerships(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if counted != listed {
			t.Errorf("%s: CountPartnerships = %d, the pages list %d", name, counted, listed)
		}
		if name == "none" {
			total = counted
		} else if counted == 0 || counted == total {
			t.Errorf("%s: %d of %d partnerships: the filter should leave some in and some out", name, counted, total)
		}
	}
}
