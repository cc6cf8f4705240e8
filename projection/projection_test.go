package projection_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

	t.Run("a cancelled computation is not kept", func(t *testing.T) {
		// The first caller's request goes away while others wait for its result; they compute their own.
		started, release := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		compute := func() (int, error) {
			if calls.Add(1) == 1 {
				close(started)
				<-release
				return 0, fmt.Errorf("stopped: %w", context.Canceled)
			}
			return 42, nil
		}
		cancelled, waited := make(chan error, 1), make(chan error, 7)
		go func() {
			_, err := projection.Memo(first, "cancelled", compute)
			cancelled <- err
		}()
		<-started
		var wg sync.WaitGroup
		for range 7 {
			wg.Go(func() {
				got, err := projection.Memo(first, "cancelled", compute)
				if err == nil && got != 42 {
					err = fmt.Errorf("got %d, want 42", got)
				}
				waited <- err
			})
		}
		time.Sleep(20 * time.Millisecond) // let the others reach the wait
		close(release)
		if err := <-cancelled; !errors.Is(err, context.Canceled) {
			t.Errorf("the cancelled caller got %v, want its context error", err)
		}
		wg.Wait()
		close(waited)
		for err := range waited {
			if err != nil {
				t.Errorf("a waiting caller got %v", err)
			}
		}
		if got, err := projection.Memo(first, "cancelled", compute); got != 42 || err != nil {
			t.Errorf("later call got %d, %v; want 42", got, err)
		}
		if n := calls.Load(); n < 2 || n > 8 {
			t.Errorf("computed %d times, want the cancelled run and then at least one more", n)
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
