package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestOneKindPagesKeepTheOrder walks every kind page by page, in both name orders, and checks the pages
// (read from the kind-and-name index) against the full list read in the same order and filtered here.
func TestOneKindPagesKeepTheOrder(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Store(t)
	for _, dir := range domain.OrderDirections {
		order := domain.StakeholderOrder{Field: domain.OrderByName, Direction: dir}
		var all domain.Page[*domain.Stakeholder] // the full list, in pages of the largest size
		for after := ""; ; {
			p, err := s.Stakeholders(ctx, domain.StakeholderFilter{}, order, domain.PageRequest{First: domain.MaxPageSize, After: after}, nil)
			if err != nil {
				t.Fatal(err)
			}
			all.Items = append(all.Items, p.Items...)
			if !p.HasNext {
				break
			}
			after = p.Cursors[len(p.Cursors)-1]
		}
		walked := 0
		for _, kind := range domain.StakeholderKinds {
			var want []string
			for _, st := range all.Items {
				if st.Kind == kind {
					want = append(want, st.Slug)
				}
			}
			got := walk(t, s, domain.StakeholderFilter{Kinds: []domain.StakeholderKind{kind}}, order, 2)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", kind, dir, diff)
			}
			walked += len(got)
		}
		if walked != len(all.Items) || walked < 10 {
			t.Errorf("%s: the kinds' pages hold %d stakeholders, the full list %d", dir, walked, len(all.Items))
		}
	}
}

// walk reads a list to its end, size items a page, and returns the slugs in the order read.
func walk(t *testing.T, s *neo4jstore.Store, f domain.StakeholderFilter, o domain.StakeholderOrder, size int) []string {
	t.Helper()
	var slugs []string
	after := ""
	for range 200 {
		p, err := s.Stakeholders(context.Background(), f, o, domain.PageRequest{First: size, After: after}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range p.Items {
			slugs = append(slugs, st.Slug)
		}
		if !p.HasNext {
			return slugs
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatalf("%+v: no end after 200 pages", f)
	return nil
}
