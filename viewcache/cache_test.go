package viewcache_test

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
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

func TestCache(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	cache := viewcache.New(store, nil, 64<<20, 0)

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

	t.Run("one view per normalised filter", func(t *testing.T) {
		a, err := cache.Get(ctx, domain.NetworkFilter{Kinds: []domain.StakeholderKind{domain.KindNGO, domain.KindAgency}})
		if err != nil {
			t.Fatal(err)
		}
		b, err := cache.Get(ctx, domain.NetworkFilter{Kinds: []domain.StakeholderKind{domain.KindAgency, domain.KindNGO, domain.KindNGO}})
		if err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Error("two spellings of one filter built two projections")
		}
	})

	t.Run("results computed once per view", func(t *testing.T) {
		var calls atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				_, _ = viewcache.Memo(ctx, first, "answer", func(context.Context) (int, error) {
					calls.Add(1)
					time.Sleep(10 * time.Millisecond)
					return 42, nil
				})
			})
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Errorf("computed %d times", calls.Load())
		}
	})

	t.Run("a computation nobody waits for is cancelled and not kept", func(t *testing.T) {
		started, stopped := make(chan struct{}), make(chan error, 1)
		reqCtx, cancel := context.WithCancel(ctx)
		go func() {
			<-started
			cancel() // the only client goes away
		}()
		_, err := viewcache.Memo(reqCtx, first, "abandoned", func(ctx context.Context) (int, error) {
			close(started)
			<-ctx.Done()
			stopped <- ctx.Err()
			return 0, ctx.Err()
		})
		if domain.ErrorCode(err) != domain.CodeUnavailable || !errors.Is(err, context.Canceled) {
			t.Errorf("the caller got %v", err)
		}
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			t.Fatal("the computation went on after its only caller left")
		}
		got, err := viewcache.Memo(ctx, first, "abandoned", func(context.Context) (int, error) { return 7, nil })
		if got != 7 || err != nil {
			t.Errorf("the next call got %d, %v: the abandoned computation was kept", got, err)
		}
	})

	t.Run("a computation goes on while one caller still waits", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		compute := func(ctx context.Context) (int, error) {
			calls.Add(1)
			close(started)
			select {
			case <-release:
				return 42, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
		leaving, cancel := context.WithCancel(ctx)
		left := make(chan error, 1)
		go func() {
			_, err := viewcache.Memo(leaving, first, "shared", compute)
			left <- err
		}()
		<-started
		staying := make(chan int, 1)
		go func() {
			got, _ := viewcache.Memo(ctx, first, "shared", compute)
			staying <- got
		}()
		time.Sleep(20 * time.Millisecond) // the second caller joins the computation
		cancel()
		if err := <-left; !errors.Is(err, context.Canceled) {
			t.Errorf("the caller that left got %v", err)
		}
		close(release)
		if got := <-staying; got != 42 {
			t.Errorf("the caller that stayed got %d", got)
		}
		if calls.Load() != 1 {
			t.Errorf("computed %d times", calls.Load())
		}
	})

	t.Run("a panic is an internal error and not kept", func(t *testing.T) {
		_, err := viewcache.Memo(ctx, first, "panics", func(context.Context) (int, error) { panic("a bug") })
		if domain.ErrorCode(err) != domain.CodeInternal {
			t.Errorf("a panicking computation gave %v", err)
		}
		got, err := viewcache.Memo(ctx, first, "panics", func(context.Context) (int, error) { return 1, nil })
		if got != 1 || err != nil {
			t.Errorf("after a panic: %d, %v", got, err)
		}
	})

	t.Run("a write invalidates", func(t *testing.T) {
		ties := first.Projection.Ties()
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
		if !after.Projection.Has("test-ngo") || after.Projection.Ties() != ties {
			t.Errorf("the new projection lacks the new stakeholder (or changed ties: %d, was %d)", after.Projection.Ties(), ties)
		}
	})
}

// TestCacheBudget checks that projections and results together stay within the byte budget, the least
// recently used going first, and that the one view in use is kept even when it alone is over it.
func TestCacheBudget(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	whole, err := viewcache.New(store, nil, 1<<30, 0).Get(ctx, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	viewBytes := whole.Projection.SizeBytes()
	// Room for about two views of the whole network: three filtered views and results push the oldest out.
	limit := 2*viewBytes + viewBytes/2
	cache := viewcache.New(store, nil, limit, 0)
	country := "MY"
	filters := []domain.NetworkFilter{{}, {Country: &country}, {TieTypes: []domain.TieType{domain.TiePartnersWith}}, {FocusAreas: []domain.FocusArea{domain.FocusProtection}}}
	for i, f := range filters {
		v, err := cache.Get(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for j := range 20 {
			if _, err := viewcache.Memo(ctx, v, fmt.Sprint("result", j), func(context.Context) ([]byte, error) { return make([]byte, 100), nil }); err != nil {
				t.Fatal(err)
			}
		}
		if size, views := cache.Size(); size > limit {
			t.Errorf("after %d views: %d bytes kept, over the limit of %d (%d views)", i+1, size, limit, views)
		}
	}
	if _, views := cache.Size(); views >= len(filters) {
		t.Errorf("%d views kept of %d, within a budget for about two", views, len(filters))
	}

	tiny := viewcache.New(store, nil, 1, 0)
	v, err := tiny.Get(ctx, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := tiny.Get(ctx, domain.NetworkFilter{})
	if err != nil || again != v {
		t.Error("a view over the whole budget was not kept for the next request")
	}
}

// blockingSource is a store whose network reads wait until their context ends.
type blockingSource struct {
	viewcache.Source
	reads, stopped atomic.Int32
}

func (b *blockingSource) Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error) {
	b.reads.Add(1)
	<-ctx.Done()
	b.stopped.Add(1)
	return nil, ctx.Err()
}

// TestBuildCancelled checks that a build nobody waits for any more stops, and that the next request builds
// afresh.
func TestBuildCancelled(t *testing.T) {
	store := neo4jtest.Store(t)
	src := &blockingSource{Source: store}
	cache := viewcache.New(src, nil, 64<<20, 0)
	reqCtx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := cache.Get(reqCtx, domain.NetworkFilter{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the caller got %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for src.stopped.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if src.stopped.Load() != 1 {
		t.Fatal("the build went on after its only caller left")
	}
	second, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	_, _ = cache.Get(second, domain.NetworkFilter{})
	if src.reads.Load() != 2 {
		t.Errorf("%d reads; the cancelled build was reused", src.reads.Load())
	}
}

// TestWorkers checks that no more computations run at once than the cache has workers, and that one
// waiting for a worker still stops when its caller leaves.
func TestWorkers(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	cache := viewcache.New(store, nil, 64<<20, 1)
	v, err := cache.Get(ctx, domain.NetworkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			_, _ = viewcache.Memo(ctx, v, fmt.Sprint("work", i), func(context.Context) (int, error) {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(20 * time.Millisecond)
				running.Add(-1)
				return i, nil
			})
		})
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d computations ran at once on one worker", most.Load())
	}

	hold, release := make(chan struct{}), make(chan struct{})
	go func() {
		_, _ = viewcache.Memo(ctx, v, "holds the worker", func(context.Context) (int, error) { close(hold); <-release; return 0, nil })
	}()
	<-hold
	waiting, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	if _, err := viewcache.Memo(waiting, v, "waits", func(context.Context) (int, error) { return 1, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a computation waiting for a worker past its caller's deadline gave %v", err)
	}
	close(release)
}
