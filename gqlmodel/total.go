package gqlmodel

import (
	"context"
	"fmt"
)

// Total is a connection's totalCount, counted while its page is read. A query that selects both waits
// for the slower of the two reads instead of their sum.
type Total struct {
	done   chan struct{}
	cancel context.CancelFunc
	n      int
	err    error
}

// CountAlongside starts count now, on its own goroutine, bound to ctx.
func CountAlongside(ctx context.Context, count func(context.Context) (int, error)) *Total {
	ctx, cancel := context.WithCancel(ctx)
	t := &Total{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(t.done)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				t.err = fmt.Errorf("counting: %v", p)
			}
		}()
		t.n, t.err = count(ctx)
	}()
	return t
}

// Stop abandons the count, for a connection that failed and will not be answered.
func (t *Total) Stop() {
	if t != nil {
		t.cancel()
	}
}

// Wait returns the count once it is done, or ctx's error if ctx ends first.
func (t *Total) Wait(ctx context.Context) (int, error) {
	select {
	case <-t.done:
		return t.n, t.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
