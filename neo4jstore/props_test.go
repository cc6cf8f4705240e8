package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestPartnershipProps checks that a partnership read fetches the properties asked for, only those, and
// the same partnerships in the same order as a full read.
func TestPartnershipProps(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	slugs := []string{"ijm-malaysia", "kdn", "tenaganita", "mapo"}
	full, err := s.PartnersOf(ctx, slugs, domain.PartnerFilter{}, domain.PartnershipProps{})
	if err != nil {
		t.Fatal(err)
	}
	thin, err := s.PartnersOf(ctx, slugs, domain.PartnerFilter{},
		domain.PartnershipProps{Stakeholder: domain.Props{"name"}, Tie: domain.Props{"since"}})
	if err != nil {
		t.Fatal(err)
	}
	described, sourced := 0, 0
	for _, slug := range slugs {
		if len(full[slug]) != len(thin[slug]) {
			t.Fatalf("%s: %d partners in full, %d thin", slug, len(full[slug]), len(thin[slug]))
		}
		for i, f := range full[slug] {
			th := thin[slug][i]
			if f.Partner.Slug != th.Partner.Slug || f.Partner.Name != th.Partner.Name || !sameDate(f.Since, th.Since) {
				t.Errorf("%s partner %d: full %s %q since %v, thin %s %q since %v", slug, i, f.Partner.Slug,
					f.Partner.Name, f.Since, th.Partner.Slug, th.Partner.Name, th.Since)
			}
			if f.Partner.Description != nil {
				described++
			}
			if len(f.Sources) > 0 {
				sourced++
			}
			if th.Partner.Description != nil || len(th.Partner.Sources) > 0 || len(th.Sources) > 0 || th.Partner.Kind != "" {
				t.Errorf("%s partner %d: the thin read has properties not asked for: %+v %+v", slug, i, th.Partner, th.Sources)
			}
		}
	}
	if described == 0 || sourced == 0 {
		t.Errorf("the full read lacks descriptions (%d) or sources (%d)", described, sourced)
	}

	page, err := s.Partnerships(ctx, domain.PartnershipFilter{}, domain.PageRequest{First: 50},
		domain.PartnershipProps{Stakeholder: domain.Props{"slug"}, Tie: domain.Props{"sources"}})
	if err != nil {
		t.Fatal(err)
	}
	titled := 0
	for _, p := range page.Items {
		if p.Stakeholder.Name != "" || p.Partner.Name != "" {
			t.Errorf("names read though not asked for: %+v", p)
		}
		for _, src := range p.Sources {
			if src.Title != "" {
				titled++
			}
		}
	}
	if len(page.Items) < 5 || titled < len(page.Items) {
		t.Errorf("%d partnerships, %d titled sources", len(page.Items), titled)
	}
}

func sameDate(a, b *domain.Date) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
