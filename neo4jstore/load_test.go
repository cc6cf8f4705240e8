package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// counts reads how many stakeholders, partnerships and people the store holds.
func counts(t *testing.T, s *neo4jstore.Store) [3]int {
	t.Helper()
	ctx := context.Background()
	st, err := s.CountStakeholders(ctx, domain.StakeholderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	pa, err := s.CountPartnerships(ctx, domain.PartnershipFilter{})
	if err != nil {
		t.Fatal(err)
	}
	pe, err := s.CountPeople(ctx, domain.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return [3]int{st, pa, pe}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		s := neo4jtest.Empty(t)
		sum, err := s.Load(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		partnerships := 0
		for _, tie := range d.Ties {
			if tie.Type == string(domain.TiePartnersWith) {
				partnerships++
			}
		}
		want := [3]int{len(d.Stakeholders), partnerships, len(d.People)}
		if diff := cmp.Diff(want, counts(t, s)); diff != "" {
			t.Errorf("after one load (-want +got):\n%s", diff)
		}
		if sum.Stakeholders != len(d.Stakeholders) || sum.Ties != len(d.Ties) {
			t.Errorf("summary = %+v", sum)
		}
	})

	t.Run("loading twice changes nothing", func(t *testing.T) {
		s := neo4jtest.Store(t)
		before := counts(t, s)
		if _, err := s.Load(ctx, d); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, counts(t, s)); diff != "" {
			t.Errorf("a second load changed the graph (-before +after):\n%s", diff)
		}
	})

	t.Run("a partnership given the other way round merges with the first", func(t *testing.T) {
		s := neo4jtest.Store(t)
		before := counts(t, s)
		flipped := *d
		flipped.Ties = nil
		for _, tie := range d.Ties {
			if tie.Type == string(domain.TiePartnersWith) {
				tie.From, tie.To = tie.To, tie.From
				flipped.Ties = append(flipped.Ties, tie)
			}
		}
		if _, err := s.Load(ctx, &flipped); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, counts(t, s)); diff != "" {
			t.Errorf("flipped partnerships were added again (-before +after):\n%s", diff)
		}
	})

	t.Run("ErrInvalid writes nothing", func(t *testing.T) {
		s := neo4jtest.Empty(t)
		bad := *d
		bad.Ties = append([]dataset.TieRecord{}, d.Ties...)
		bad.Ties = append(bad.Ties, dataset.TieRecord{Type: "PARTNERS_WITH", From: "ijm-malaysia", To: "no-such-body",
			Citations: []domain.Citation{{Source: "ijm-2024-07-30-wdat", Quote: "x"}}})
		_, err := s.Load(ctx, &bad)
		if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(err.Error(), `"no-such-body"`) {
			t.Fatalf("err = %v, want BAD_USER_INPUT naming the unknown stakeholder", err)
		}
		if diff := cmp.Diff([3]int{}, counts(t, s)); diff != "" {
			t.Errorf("a rejected load wrote data (-want +got):\n%s", diff)
		}
	})
}

func TestNotFound(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	_, err := s.Stakeholder(ctx, "no-such-body", nil)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Stakeholder: err = %v, want NOT_FOUND", err)
	}
	_, err = s.Person(ctx, "nobody", nil)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Person: err = %v, want NOT_FOUND", err)
	}
}

func TestBatchesAnswerForEveryParent(t *testing.T) {
	s := neo4jtest.Store(t)
	got, err := s.PartnersOf(context.Background(), []string{"ijm-malaysia", "kdn", "tenaganita"}, domain.PartnerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for slug, ps := range got {
		n[slug] = len(ps)
		for _, p := range ps {
			if p.Partner == nil || p.Partner.Slug == slug || p.Stakeholder != nil {
				t.Errorf("a partnership of %s: partner %v, seen from %v (left to the caller)", slug, p.Partner, p.Stakeholder)
			}
		}
	}
	// The partnerships of the data files, less those only machine summaries show (the default evidence);
	// a stakeholder without any is absent, and the loaders give it an empty list.
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, src := range d.Sources {
		kinds[src.Key] = src.Kind
	}
	want := map[string]int{}
	for _, tie := range d.Ties {
		machineOnly := true
		for _, c := range tie.Citations {
			machineOnly = machineOnly && kinds[c.Source] == "MACHINE"
		}
		if tie.Type != "PARTNERS_WITH" || machineOnly {
			continue
		}
		for _, slug := range []string{"ijm-malaysia", "kdn", "tenaganita"} {
			if tie.From == slug || tie.To == slug {
				want[slug]++
			}
		}
	}
	if len(want) < 2 {
		t.Fatalf("the data files give partnerships to only %v of the three; pick others", want)
	}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Errorf("partners per stakeholder (-files +store):\n%s", diff)
	}
}

func TestDeadlineReachesTheDatabase(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	_, err := s.Stakeholders(ctx, domain.StakeholderFilter{}, domain.StakeholderOrder{Field: domain.OrderByName, Direction: domain.Ascending}, domain.PageRequest{First: 10}, nil)
	if domain.ErrorCode(err) != domain.CodeUnavailable {
		t.Errorf("err = %v, want UNAVAILABLE", err)
	}
}
