package viewcache_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

// TestPatchedViewsMatchReadViews makes curated changes one at a time and checks, after each, that every
// view is patched from its last projection (not read again whole) and holds exactly what reading it
// whole gives. A load, which records no change, makes the views be read again whole.
func TestPatchedViewsMatchReadViews(t *testing.T) {
	store := neo4jtest.Store(t)
	defer neo4jtest.Store(t) // the seed again for the next test
	ctx := context.Background()
	cache := viewcache.New(store, nil, 64<<20, 0)
	asOf := domain.Date("2013-06-30")
	two, official := 2, domain.SourceOfficial
	filters := []domain.NetworkFilter{
		{},
		{Kinds: []domain.StakeholderKind{domain.KindNGO, domain.KindAgency}},
		{AsOf: &asOf},
		{Evidence: &domain.EvidenceFilter{MinSources: &two}},
		{Evidence: &domain.EvidenceFilter{MinKind: &official}},
		{TieTypes: []domain.TieType{domain.TiePartnersWith, domain.TieMemberOf}},
	}
	check := func(step string, patched bool) {
		t.Helper()
		for _, f := range filters {
			v, err := cache.Get(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if v.Patched != patched {
				t.Errorf("%s, view %+v: patched %v, want %v", step, f, v.Patched, patched)
			}
			whole, err := store.Network(ctx, f, false)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := lines(v.Projection.Network()), lines(analytics.Build(whole).Network()); !slices.Equal(got, want) {
				t.Errorf("%s, view %+v: the patched view differs from the view read whole:\n got %d lines %v\nwant %d lines %v",
					step, f, len(got), diff(got, want), len(want), diff(want, got))
			}
		}
	}
	check("the first read", false)

	const src = "suhakam-human-trafficking"
	cite := []domain.Citation{{Source: src, Quote: "Patch test."}}
	ngo := dataset.StakeholderRecord{Slug: "patch-ngo", Name: "Patch NGO", Kind: "NGO", Sector: "CIVIL_SOCIETY", Citations: cite}
	tie := dataset.TieRecord{Type: "PARTNERS_WITH", From: "kdn", To: "patch-ngo", Since: "2010", Citations: cite}
	seedTie := dataset.TieRecord{Type: "FUNDS", From: "suhakam", To: "ijm-malaysia", Since: "2010", Citations: cite}
	steps := []struct {
		name string
		work func(ctx context.Context, tx dataset.Tx) error
	}{
		{"a stakeholder and its tie created", func(ctx context.Context, tx dataset.Tx) error {
			if err := tx.Put(ctx, ngo); err != nil {
				return err
			}
			return tx.Put(ctx, tie)
		}},
		{"the stakeholder's kind changed", func(ctx context.Context, tx dataset.Tx) error {
			r := ngo
			r.Kind = "AGENCY"
			return tx.Put(ctx, r)
		}},
		{"the tie ended before the view's date", func(ctx context.Context, tx dataset.Tx) error {
			r := tie
			r.Until = "2012"
			return tx.Put(ctx, r)
		}},
		{"a tie between two seed stakeholders created", func(ctx context.Context, tx dataset.Tx) error {
			return tx.Put(ctx, seedTie)
		}},
		{"that tie's evidence weakened", func(ctx context.Context, tx dataset.Tx) error {
			r := seedTie
			r.Citations = []domain.Citation{{Source: src, Quote: "Patch test, again."}, {Source: src, Quote: "And again."}}
			r.Since = "2014"
			return tx.Put(ctx, r)
		}},
		{"a seed tie deleted", func(ctx context.Context, tx dataset.Tx) error {
			attached, err := tx.Attached(ctx, dataset.KindStakeholder, "ijm-malaysia")
			if err != nil {
				return err
			}
			for _, r := range attached {
				if r.RecordKind() == dataset.KindTie {
					return tx.Delete(ctx, dataset.KindTie, r.RecordKey())
				}
			}
			return fmt.Errorf("ijm-malaysia has no tie")
		}},
		{"the stakeholder deleted with its tie", func(ctx context.Context, tx dataset.Tx) error {
			return tx.Delete(ctx, dataset.KindStakeholder, "patch-ngo")
		}},
	}
	actor := dataset.Actor{Subject: "test", Role: "admin"}
	for _, s := range steps {
		before, err := store.GraphVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		change, err := store.Curate(ctx, actor, "test", "", s.work)
		if err != nil || change == nil {
			t.Fatalf("%s: change %v, err %v", s.name, change, err)
		}
		check(s.name, true)
		if strings.HasPrefix(s.name, "a tie between") {
			// A tie between stakeholders the change did not write is re-read alone, not with every tie
			// of its ends.
			after, err := store.GraphVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			d, err := store.NetworkDelta(ctx, domain.NetworkFilter{}, before, after)
			if err != nil || d == nil {
				t.Fatalf("%s: delta %v, err %v", s.name, d, err)
			}
			if key := seedTie.RecordKey(); len(d.Touched) != 0 || !slices.Equal(d.Ties, []string{key}) {
				t.Errorf("%s: touched %v and ties %v, want no stakeholder and the tie %s", s.name, d.Touched, d.Ties, key)
			}
		}
	}

	// A view read whole longer ago than the patch age is read whole again.
	viewcache.SetPatchAge(cache, 0)
	if _, err := store.Curate(ctx, actor, "test", "", steps[0].work); err != nil {
		t.Fatal(err)
	}
	check("a change after the patch age", false)
	viewcache.SetPatchAge(cache, time.Hour)

	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	check("a load", false)
}

// lines lists a network's stakeholders and ties, one line each, in order.
func lines(n *domain.Network) []string {
	var out []string
	for _, s := range n.Stakeholders {
		out = append(out, fmt.Sprintf("stakeholder %s %q %s %s", s.Slug, s.Name, s.Kind, s.Sector))
	}
	for _, t := range n.Ties {
		out = append(out, fmt.Sprintf("tie %s %s %s %s", t.Key, t.Type, t.From, t.To))
	}
	slices.Sort(out)
	return out
}

// diff lists the lines of a that b lacks.
func diff(a, b []string) []string {
	var out []string
	for _, l := range a {
		if _, found := slices.BinarySearch(b, l); !found {
			out = append(out, l)
		}
	}
	return out
}
