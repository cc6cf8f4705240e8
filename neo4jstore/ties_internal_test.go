package neo4jstore

import (
	"context"
	"slices"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/synthetic"
)

// TestPartnershipSidesAgree checks that the three ways of reading the partnerships that match a filter
// (walking every stakeholder in order, or starting from the stakeholders of the kinds asked for at either
// end) list the same partnerships page after page and count the same number, and that starting from a
// kind seeks the kind index.
func TestPartnershipSidesAgree(t *testing.T) {
	ctx := context.Background()
	s := openMigrated(t)
	if err := s.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := synthetic.Network(synthetic.Options{Stakeholders: 300, Ties: 2000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.DeleteEverything(context.Background()) })

	kinds := func(k ...domain.StakeholderKind) []domain.StakeholderKind { return k }
	asOf := domain.Date("2019-03")
	filters := map[string]domain.PartnershipFilter{
		"kinds":                  {Kinds: kinds(domain.KindAgency)},
		"partner kinds":          {PartnerKinds: kinds(domain.KindNGO)},
		"a kind with none":       {PartnerKinds: kinds(domain.KindCouncil), FocusAreas: []domain.FocusArea{domain.FocusProsecution}},
		"agency-NGO":             {Kinds: kinds(domain.KindAgency), PartnerKinds: kinds(domain.KindNGO)},
		"NGO-NGO":                {Kinds: kinds(domain.KindNGO), PartnerKinds: kinds(domain.KindNGO)},
		"overlapping kinds":      {Kinds: kinds(domain.KindAgency, domain.KindNGO), PartnerKinds: kinds(domain.KindNGO, domain.KindMinistry)},
		"kinds and focus, as of": {Kinds: kinds(domain.KindMinistry), PartnerKinds: kinds(domain.KindAgency, domain.KindNGO), FocusAreas: []domain.FocusArea{domain.FocusPartnership, domain.FocusPrevention}, AsOf: &asOf},
	}
	sel := &domain.Selection{Type: "Partnership", Fields: []string{"since"},
		Objects: map[string]*domain.Selection{"stakeholder": {Type: "Stakeholder", Fields: []string{"slug"}}, "partner": {Type: "Stakeholder", Fields: []string{"slug"}}}}
	for name, f := range filters {
		sides := []string{""}
		if len(f.Kinds) > 0 {
			sides = append(sides, "a")
		}
		if len(f.PartnerKinds) > 0 {
			sides = append(sides, "b")
		}
		var want []string
		for _, side := range sides {
			var listed []string
			after := ""
			for pages := 0; ; pages++ {
				page, err := s.partnerships(ctx, f, domain.PageRequest{First: 25, After: after}, sel, side)
				if err != nil {
					t.Fatalf("%s, side %q: %v", name, side, err)
				}
				for i, p := range page.Items {
					listed = append(listed, p.Stakeholder.Slug+" "+p.Partner.Slug+" "+page.Cursors[i])
				}
				if !page.HasNext || pages > 1000 {
					break
				}
				after = page.Cursors[len(page.Cursors)-1]
			}
			query, params := partnershipCount(f, side)
			counted, err := count(ctx, s, query, params)
			if err != nil {
				t.Fatalf("%s, side %q: counting: %v", name, side, err)
			}
			if counted != len(listed) {
				t.Errorf("%s, side %q: counted %d, listed %d", name, side, counted, len(listed))
			}
			if side == "" {
				want = listed
				if len(listed) == 0 && name != "a kind with none" {
					t.Errorf("%s: nothing listed; the filter tests nothing", name)
				}
				continue
			}
			if !slices.Equal(listed, want) {
				t.Errorf("%s: starting from end %q lists\n%v\nwalking lists\n%v", name, side, listed, want)
			}
			w := partnershipFilter(f)
			w.set("limit", 8)
			ops := operators(t, s, w.apply(partnershipPage[side].projecting("a.slug")), w.params)
			if !containsPrefix(ops, "NodeIndexSeek") {
				t.Errorf("%s, side %q: plan %v does not seek the kind index", name, side, ops)
			}
		}
	}
}
