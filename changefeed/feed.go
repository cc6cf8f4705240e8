// Package changefeed tells subscribers about every change committed to the graph, by any instance of the
// service: it reads the audit trail's newest changes from Neo4j while anyone listens, so a change made
// through another instance on the same database, or by an import, reaches this instance's subscribers
// too. A change made here wakes the reader at once instead of waiting for its next poll.
package changefeed

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
)

// Source reads the audit trail (package neo4jstore implements it).
type Source interface {
	// ChangesAfter reads up to limit changes numbered after after, oldest first.
	ChangesAfter(ctx context.Context, after int64, limit int) ([]*dataset.Change, error)
	// LastChange returns the number of the latest change, 0 before the first.
	LastChange(ctx context.Context) (int64, error)
}

// Interval is how often the feed reads the trail while anyone listens. A read is one indexed lookup
// that finds nothing most of the time; at 25 ms a change reaches subscribers within about 30 ms of its
// commit when made through another instance.
const Interval = 25 * time.Millisecond

// batch bounds the changes read at once; a burst larger than this is read over several polls.
const batch = 200

// Feed fans the changes of the graph out to subscribers.
type Feed struct {
	source Source
	log    *slog.Logger

	mu      sync.Mutex
	subs    map[chan *dataset.Change]struct{}
	running bool
	wake    chan struct{}
}

// New returns a feed that reads source.
func New(source Source, log *slog.Logger) *Feed {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Feed{source: source, log: log, subs: map[chan *dataset.Change]struct{}{}, wake: make(chan struct{}, 1)}
}

// Subscribe returns a channel of the changes committed from now on, in order, until ctx ends. A
// subscriber that falls more than a few hundred changes behind is dropped (its channel closed) rather
// than slowing the others; it can catch up from the audit trail.
func (f *Feed) Subscribe(ctx context.Context) (<-chan *dataset.Change, error) {
	last, err := f.source.LastChange(ctx)
	if err != nil {
		return nil, err
	}
	ch := make(chan *dataset.Change, 256)
	f.mu.Lock()
	f.subs[ch] = struct{}{}
	if !f.running {
		f.running = true
		go f.run(last)
	}
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.drop(ch)
	}()
	return ch, nil
}

func (f *Feed) drop(ch chan *dataset.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.subs[ch]; ok {
		delete(f.subs, ch)
		close(ch)
	}
}

// Poke makes the feed read the trail now: a change was just committed here.
func (f *Feed) Poke(*dataset.Change) {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// run reads the trail while anyone listens, from the change numbered last.
func (f *Feed) run(last int64) {
	ticker := time.NewTicker(Interval)
	defer ticker.Stop()
	for {
		f.mu.Lock()
		if len(f.subs) == 0 {
			f.running = false
			f.mu.Unlock()
			return
		}
		f.mu.Unlock()
		select {
		case <-ticker.C:
		case <-f.wake:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		changes, err := f.source.ChangesAfter(ctx, last, batch)
		cancel()
		if err != nil {
			f.log.Warn("reading the change feed", "err", err)
			continue
		}
		for _, c := range changes {
			last = c.Seq
			f.publish(c)
		}
	}
}

func (f *Feed) publish(c *dataset.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- c:
		default:
			delete(f.subs, ch)
			close(ch)
		}
	}
}
