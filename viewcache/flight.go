package viewcache

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// flight is one build or computation shared by the requests that wait for it.
type flight struct {
	done    chan struct{}
	value   any
	err     error
	waiters int
	cancel  context.CancelFunc
}

// maxFlight bounds a build or computation that keeps being waited for: no request waits this long (the
// longest deadline is an export's, four times the query timeout).
const maxFlight = 10 * time.Minute

// share runs work once for every caller that asks for key while it runs, and returns its result. work
// runs in a context of its own, which ends when the last caller still waiting goes away; a caller whose
// context ends stops waiting at once. A panic in work becomes an INTERNAL error.
func (c *Cache) share(ctx context.Context, key string, work func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	f, ok := c.flights[key]
	if !ok {
		// Detached from the first caller, so that it outlives that caller while others wait.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), maxFlight)
		f = &flight{done: make(chan struct{}), cancel: cancel}
		c.flights[key] = f
		go c.fly(fctx, key, f, work)
	}
	f.waiters++
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		c.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			// Nobody waits any more: stop the work, and let the next caller start afresh.
			f.cancel()
			if c.flights[key] == f {
				delete(c.flights, key)
			}
		}
		c.mu.Unlock()
		return nil, stoppedError(ctx.Err())
	}
}

// fly runs work for f and publishes its result.
func (c *Cache) fly(ctx context.Context, key string, f *flight, work func(context.Context) (any, error)) {
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("panic in an analysis", "work", key, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			f.value, f.err = nil, domain.Internal(fmt.Errorf("panic in %s: %v", key, p))
		}
		f.cancel()
		c.mu.Lock()
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	select {
	case c.workers <- struct{}{}:
		defer func() { <-c.workers }()
	case <-ctx.Done():
		f.err = stoppedError(ctx.Err())
		return
	}
	f.value, f.err = work(ctx)
}

// stoppedError is what a caller gets when its own context ended while it waited.
func stoppedError(err error) error {
	msg := "the request ended while the analysis ran"
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "the analysis took longer than the request's deadline"
	}
	return &domain.Error{Code: domain.CodeUnavailable, Message: msg, Err: err}
}
