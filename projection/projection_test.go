package projection_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/projection"
)

func TestCache(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	cache := projection.New(store, nil, 2)

	first, err := cache.Get(ctx, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("built once per version", func(t *testing.T) {
		again, err := cache.Get(ctx, domain.NetworkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if again != first {
			t.Error("a second Get rebuilt the projection although nothing was written")
		}
	})

	t.Run("results computed once per view", func(t *testing.T) {
		var calls atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = projection.Memo(first, "answer", func() (int, error) { calls.Add(1); return 42, nil })
			}()
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Errorf("computed %d times", calls.Load())
		}
	})

	current := first
	t.Run("a write invalidates", func(t *testing.T) {
		ties := first.Graph.Ties()
		tie := &dataset.Dataset{
			Sources: []dataset.SourceRecord{{Key: "test-source", Title: "A test document"}},
			Stakeholders: []dataset.StakeholderRecord{{Slug: "test-ngo", Name: "Test NGO", Kind: "NGO", Sector: "CIVIL_SOCIETY",
				Citations: []domain.Citation{{Source: "test-source", Quote: "a test"}}}},
		}
		if _, err := store.Load(ctx, tie); err != nil {
			t.Fatal(err)
		}
		after, err := cache.Get(ctx, domain.NetworkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if after == first || after.Version <= first.Version {
			t.Fatalf("the projection was not rebuilt after a write (version %d, then %d)", first.Version, after.Version)
		}
		current = after
		if !after.Graph.Has("test-ngo") || after.Graph.Ties() != ties {
			t.Errorf("the new projection lacks the new stakeholder (or changed ties: %d, was %d)", after.Graph.Ties(), ties)
		}
	})

	t.Run("views are separate and bounded", func(t *testing.T) {
		law, err := cache.Get(ctx, domain.NetworkFilter{Sectors: []domain.Sector{domain.SectorLawEnforcement}})
		if err != nil {
			t.Fatal(err)
		}
		if law.Graph.Nodes() != 5 {
			t.Errorf("the law-enforcement view has %d stakeholders, want 5", law.Graph.Nodes())
		}
		country := "my"
		if _, err := cache.Get(ctx, domain.NetworkFilter{Country: &country}); err != nil {
			t.Fatal(err)
		}
		// Three views in a cache of two: the least recently used (the whole network) was dropped.
		whole, err := cache.Get(ctx, domain.NetworkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if whole == current {
			t.Error("a cache of two kept three views")
		}
		if whole.Graph.Nodes() != current.Graph.Nodes() {
			t.Errorf("rebuilt whole-network view has %d stakeholders, was %d", whole.Graph.Nodes(), current.Graph.Nodes())
		}
	})
}
