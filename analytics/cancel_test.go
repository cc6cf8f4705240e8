package analytics

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// How the cancellation tests measure: an analysis cancelled cancelDelay after it starts must return
// within returnBound of the cancellation. The bound is generous because the machine is shared; the
// latencies the tests log are what the analyses actually take.
const (
	cancelDelay = 3 * time.Millisecond
	returnBound = slowdown * 200 * time.Millisecond
)

// smallSize is a network on which the all-sources measures run to the end in a fraction of a second.
var smallSize = benchSize{"2k-20k", 2_000, 20_000}

// The kinds of analysis, by how their work grows and so which networks test them.
type workKind int

const (
	// allSources runs one breadth-first search per stakeholder: seconds on the 10k network.
	allSources workKind = iota
	// rounds is a power iteration, asked for many rounds at tolerance 0 so it never stops early.
	rounds
	// linear is close to linear in the network: tens of milliseconds or more only on the 100k one.
	linear
)

// analyses lists every analysis that takes a context. run calls it the slow way (exact betweenness,
// power iterations of the given number of rounds); quick marks those that may finish before a
// cancellation cancelDelay after they start even on the 100k network.
var analyses = []struct {
	name  string
	kind  workKind
	quick bool
	run   func(ctx context.Context, g *Projection, rounds int) error
}{
	{"Betweenness exact", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Betweenness(ctx, false, true, 0, 0)
		return err
	}},
	{"Betweenness sampled", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Betweenness(ctx, true, true, g.Nodes()/2, 1)
		return err
	}},
	{"Closeness", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Closeness(ctx, false)
		return err
	}},
	{"Harmonic", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Harmonic(ctx, true)
		return err
	}},
	{"Brokers", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Brokers(ctx, 10)
		return err
	}},
	{"Stats", allSources, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Stats(ctx)
		return err
	}},
	{"PageRank", rounds, false, func(ctx context.Context, g *Projection, n int) error {
		_, err := g.PageRank(ctx, true, 0.85, 0, n)
		if errors.Is(err, ErrNotConverged) {
			return nil // ran all its rounds
		}
		return err
	}},
	{"Eigenvector", rounds, false, func(ctx context.Context, g *Projection, n int) error {
		_, err := g.Eigenvector(ctx, false, 0, n)
		if errors.Is(err, ErrNotConverged) {
			return nil
		}
		return err
	}},
	{"Louvain", linear, false, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Louvain(ctx, 1, 1)
		return err
	}},
	{"Components", linear, true, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.Components(ctx)
		return err
	}},
	{"StrongComponents", linear, true, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.StrongComponents(ctx)
		return err
	}},
	{"KCore", linear, true, func(ctx context.Context, g *Projection, _ int) error {
		_, err := g.KCore(ctx)
		return err
	}},
}

// graphFor returns a network of a size for an analysis: one built for it alone when it runs exact
// betweenness, which is kept once computed, otherwise one shared by the tests.
func graphFor(t testing.TB, kind workKind, size benchSize) *Projection {
	t.Helper()
	if kind == allSources {
		return Build(benchNetwork(t, size))
	}
	return benchGraph(t, size)
}

// checkStopped fails the test unless err is the error an analysis gives up with when its context ended
// with cause.
func checkStopped(t *testing.T, err, cause error) {
	t.Helper()
	if !errors.Is(err, cause) || domain.ErrorCode(err) != domain.CodeUnavailable {
		t.Fatalf("got error %v, want a CodeUnavailable error wrapping %v", err, cause)
	}
}

// TestCancelledBeforeStart checks that every analysis refuses to start on a context that has already
// ended, and says why.
func TestCancelledBeforeStart(t *testing.T) {
	g := benchGraph(t, benchSizes[0])
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	for _, a := range analyses {
		for _, c := range []struct {
			ctx   context.Context
			cause error
		}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
			t.Run(a.name+"/"+c.cause.Error(), func(t *testing.T) {
				start := time.Now()
				err := a.run(c.ctx, g, 1<<20)
				took := time.Since(start)
				checkStopped(t, err, c.cause)
				if took > returnBound {
					t.Errorf("took %v to refuse", took)
				}
			})
		}
	}
}

// TestCancelledWhileRunning cancels every analysis cancelDelay after it starts, on a generated network
// where it runs much longer, and checks that it returns within returnBound of the cancellation with the
// context's error. The linear analyses run on the 100k-stakeholder, 1M-tie network (skipped with -short;
// TestStopsMidway covers them then).
func TestCancelledWhileRunning(t *testing.T) {
	for _, a := range analyses {
		t.Run(a.name, func(t *testing.T) {
			size := benchSizes[0]
			if a.kind == linear {
				size = benchSizes[1]
			}
			g := graphFor(t, a.kind, size)

			var cancelledAt atomic.Int64
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			timer := time.AfterFunc(cancelDelay, func() {
				cancelledAt.Store(time.Now().UnixNano())
				cancel()
			})
			start := time.Now()
			err := a.run(ctx, g, 1<<20)
			end := time.Now()
			timer.Stop()

			if cancelledAt.Load() == 0 {
				if !a.quick {
					t.Fatalf("finished in %v, before the cancellation: the network is too small to test it", end.Sub(start))
				}
				t.Logf("finished in %v, before the cancellation (TestStopsMidway shows it stops midway)", end.Sub(start))
				return
			}
			late := end.Sub(time.Unix(0, cancelledAt.Load()))
			if late > returnBound {
				t.Errorf("returned %v after the cancellation, want under %v", late, returnBound)
			}
			if err == nil && a.quick {
				t.Logf("finished %v after the cancellation, %v after it started", late, end.Sub(start))
				return
			}
			checkStopped(t, err, context.Canceled)
			t.Logf("returned %v after the cancellation, %v after it started", late, end.Sub(start))
		})
	}
}

// countingContext never ends of itself; it counts the calls to Err and, from call number cancelAt on
// (never when cancelAt is 0), reports itself cancelled: a request that goes away at a known point of
// an analysis, whatever the speed of the machine.
type countingContext struct {
	context.Context
	cancelAt int64
	calls    atomic.Int64
	once     sync.Once
	done     chan struct{}
}

func newCountingContext(cancelAt int64) *countingContext {
	return &countingContext{Context: context.Background(), cancelAt: cancelAt, done: make(chan struct{})}
}

func (c *countingContext) Err() error {
	if n := c.calls.Add(1); c.cancelAt > 0 && n >= c.cancelAt {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

func (c *countingContext) Done() <-chan struct{} { return c.done }

// TestStopsMidway runs every analysis once to count how often it looks at its context, then again with a
// context that ends at half that count, and checks that it stops there: at the first look after the
// context ended (one per worker for the parallel searches), with the context's error.
func TestStopsMidway(t *testing.T) {
	for _, a := range analyses {
		t.Run(a.name, func(t *testing.T) {
			size := benchSizes[0]
			if a.kind == allSources {
				size = smallSize
			}
			full := newCountingContext(0)
			if err := a.run(full, graphFor(t, a.kind, size), 50); err != nil {
				t.Fatal(err)
			}
			looks := full.calls.Load()
			if looks < 3 {
				t.Fatalf("looks at its context %d times in a whole run, so never while it runs", looks)
			}

			half := newCountingContext(max(2, looks/2))
			checkStopped(t, a.run(half, graphFor(t, a.kind, size), 50), context.Canceled)
			if extra := half.calls.Load() - half.cancelAt; extra > int64(runtime.GOMAXPROCS(0)) {
				t.Errorf("looked %d more times after the context ended", extra)
			}
			t.Logf("%d looks in a whole run; stopped at look %d of %d", looks, half.cancelAt, half.calls.Load())
		})
	}
}

// TestExactBetweennessShared checks how callers share one computation of exact betweenness: a caller
// waiting for another's gives up when its own context ends, and when the one computing is cancelled, the
// callers waiting for it compute the values afresh.
func TestExactBetweennessShared(t *testing.T) {
	ctx := t.Context()
	// state reports whether g's undirected exact betweenness is being computed, and whether it is kept.
	state := func(g *Projection) (running, kept bool) {
		c := &g.exact[0]
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.running != nil, c.raw != nil
	}
	// start computes g's exact betweenness in the background, once the computation is under way.
	start := func(ctx context.Context, g *Projection) <-chan error {
		errs := make(chan error, 1)
		go func() {
			_, err := g.Betweenness(ctx, false, true, 0, 0)
			errs <- err
		}()
		for running, kept := state(g); !running && !kept; running, kept = state(g) {
			time.Sleep(100 * time.Microsecond)
		}
		return errs
	}

	t.Run("a waiting caller's deadline", func(t *testing.T) {
		g := Build(benchNetwork(t, benchSizes[0])) // seconds of work
		computing, cancel := context.WithCancel(ctx)
		defer cancel()
		errs := start(computing, g)

		short, cancelShort := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancelShort()
		began := time.Now()
		_, err := g.Betweenness(short, false, false, 0, 0)
		checkStopped(t, err, context.DeadlineExceeded)
		if took := time.Since(began); took > 20*time.Millisecond+returnBound {
			t.Errorf("waited %v on a 20ms deadline", took)
		}

		cancel()
		checkStopped(t, <-errs, context.Canceled)
		if running, kept := state(g); running || kept {
			t.Errorf("the cancelled computation left state behind: running %v, kept %v", running, kept)
		}
	})

	t.Run("the computing caller cancelled", func(t *testing.T) {
		want := must(Build(benchNetwork(t, smallSize)).Betweenness(ctx, false, true, 0, 0))
		g := Build(benchNetwork(t, smallSize))
		computing, cancel := context.WithCancel(ctx)
		errs := start(computing, g)
		var wg sync.WaitGroup
		got := make([]Ranking, 4)
		for i := range got {
			wg.Go(func() { got[i] = must(g.Betweenness(ctx, false, true, 0, 0)) })
		}
		cancel()
		if err := <-errs; err != nil { // nil if it finished first
			checkStopped(t, err, context.Canceled)
		}
		wg.Wait()
		for i := range got {
			if diff := cmp.Diff(want, got[i]); diff != "" {
				t.Fatalf("caller %d got other values (-want +got):\n%s", i, diff)
			}
		}
		if _, kept := state(g); !kept {
			t.Error("the values were not kept")
		}
	})
}
