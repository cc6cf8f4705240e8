package neo4jstore

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Availability: when Neo4j goes away, a query does not notice for a long time on its own. The driver
// retries a failed transaction with growing pauses for up to its retry budget, and a server that stops
// answering without closing its connections leaves the query waiting for its deadline. Under load every
// request then holds a goroutine and a client for that long. So the store keeps a view of whether Neo4j
// answers, and while it does not, fails every query at once with CodeUnavailable:
//
//   - a query whose connection breaks, and a probe that cannot reach the server, mark it down at once;
//     probes that time out three times in a row do too (a server that hangs, rather than one that is
//     merely busy: each probe waits probeTimeout);
//   - marking it down cancels the queries in flight, so they fail now, not at their deadlines, and
//     replaces the pool of connections, all of which are dead;
//   - a probe runs every probeEvery while Neo4j answers and every probeDownEvery while it does not, and
//     the first probe that succeeds marks it up again.
//
// Marking it down also drops what the store caches about the graph (the version, the measures, the
// documents): another process may write while this one cannot see, so nothing read before the outage is
// trusted after it.

const (
	probeEvery     = 500 * time.Millisecond
	probeDownEvery = 250 * time.Millisecond
	probeTimeout   = 3 * time.Second
	// probeTimeouts is how many probes in a row must time out before a silent server counts as down.
	probeTimeouts = 3
)

// errDown is the cause given to the contexts of queries cancelled because Neo4j went away.
var errDown = errors.New("neo4j went away")

// availability is the store's view of whether Neo4j answers.
type availability struct {
	mu       sync.Mutex
	up       bool
	since    time.Time
	cause    error                   // why it is down
	epoch    context.Context         // cancelled, with errDown, when Neo4j is marked down
	cancel   context.CancelCauseFunc // cancels epoch
	timeouts int                     // probes in a row that timed out
	changed  func(up bool)
}

func newAvailability(changed func(up bool)) *availability {
	a := &availability{up: true, since: time.Now(), changed: changed}
	a.epoch, a.cancel = context.WithCancelCause(context.Background())
	return a
}

// enter admits a query: it returns the context the query runs in, cancelled when Neo4j is marked down
// while it runs, and a function to call when the query is done. While Neo4j is down it refuses.
func (a *availability) enter(ctx context.Context) (context.Context, context.CancelFunc, error) {
	a.mu.Lock()
	up, epoch, cause := a.up, a.epoch, a.cause
	a.mu.Unlock()
	if !up {
		return nil, nil, unavailable(cause)
	}
	qctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(epoch, func() { cancel(errDown) })
	return qctx, func() { stop(); cancel(nil) }, nil
}

// down marks Neo4j unreachable and cancels the queries in flight. It reports whether it was up.
func (a *availability) down(cause error) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.up {
		return false
	}
	a.up, a.since, a.cause = false, time.Now(), cause
	a.cancel(errDown)
	if a.changed != nil {
		a.changed(false)
	}
	return true
}

// back marks Neo4j reachable again. It reports whether it was down.
func (a *availability) back() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.timeouts = 0
	if a.up {
		return false
	}
	a.up, a.since, a.cause = true, time.Now(), nil
	a.epoch, a.cancel = context.WithCancelCause(context.Background())
	if a.changed != nil {
		a.changed(true)
	}
	return true
}

// timedOut counts a probe that timed out and reports whether enough have in a row to call it down.
func (a *availability) timedOut() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.timeouts++
	return a.timeouts >= probeTimeouts
}

func (a *availability) state() (up bool, since time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.up, a.since
}

// Available reports whether Neo4j answered the store's last probe or query, and since when that holds.
// It does no I/O, so a readiness probe may call it as often as it likes.
func (s *Store) Available() (up bool, since time.Time) { return s.avail.state() }

// probe checks, until the store is closed, that Neo4j answers, and marks it down or up accordingly.
func (s *Store) probe() {
	defer close(s.probed)
	every := probeEvery
	for {
		select {
		case <-s.lifetime.Done():
			return
		case <-time.After(every):
		}
		ctx, cancel := context.WithTimeout(s.lifetime, probeTimeout)
		err := s.ping(ctx)
		slow := ctx.Err() != nil // the driver reports a read cut short by the deadline in several ways
		cancel()
		switch {
		case s.lifetime.Err() != nil:
			return
		case err == nil:
			if up, _ := s.avail.state(); !up {
				s.warmUp()
			}
			if s.avail.back() {
				s.log.Info("neo4j answers again")
			}
		case slow && !s.avail.timedOut():
			// A slow answer is not an outage; several in a row are.
		default:
			s.markDown(err)
		}
		if up, _ := s.avail.state(); up {
			every = probeEvery
		} else {
			every = probeDownEvery
		}
	}
}

// markDown records that Neo4j cannot be reached, cancels what runs, drops what the store cached, and
// starts a new pool of connections for when Neo4j is back.
func (s *Store) markDown(cause error) {
	if s.avail.down(cause) {
		s.log.Warn("neo4j cannot be reached; failing queries until it answers again", "err", cause)
		s.forget()
		s.reconnect()
	}
}

// warmUp runs the statements nearly every request needs (the graph version, for the response cache, and
// the measures, for pricing) before Neo4j counts as back. A Neo4j that has just restarted plans each new
// statement slowly (about a second each, measured on two cores, while its JIT warms up); this way the
// first requests after an outage wait for their own statement only, and /readyz stays 503 until then.
func (s *Store) warmUp() {
	ctx, cancel := context.WithTimeout(s.lifetime, 10*time.Second)
	defer cancel()
	for _, q := range []string{graphVersion, measureGraph} {
		session := s.session(ctx, neo4j.AccessModeRead)
		if res, err := session.Run(ctx, q, nil); err == nil {
			_, _ = res.Consume(ctx)
		}
		session.Close(context.WithoutCancel(ctx))
	}
}

// ping runs the smallest query there is, through the pool the other queries use, once: a managed
// transaction would retry a refused connection until its deadline, hiding the refusal.
func (s *Store) ping(ctx context.Context) error {
	session := s.session(ctx, neo4j.AccessModeRead)
	defer session.Close(context.WithoutCancel(ctx))
	res, err := session.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

// failed classifies a query's error: a broken connection marks Neo4j down; a query cancelled because
// Neo4j went down reports that, not a cancellation. A query whose own deadline passed, or whose client
// left, says nothing about Neo4j (the driver reports a read cut short by a deadline as a connectivity
// error too).
func (s *Store) failed(ctx context.Context, err error) error {
	if context.Cause(ctx) == errDown {
		return unavailable(errDown)
	}
	if ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) && unreachable(err) {
		s.markDown(err)
		return unavailable(err)
	}
	return s.translate(err)
}

func unavailable(cause error) error {
	return &domain.Error{Code: domain.CodeUnavailable, Message: "the database cannot be reached; try again shortly", Err: cause}
}

// unreachable reports whether err says the server could not be reached or the connection broke, as
// opposed to a query the server refused or a deadline.
func unreachable(err error) bool {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
		return false
	}
	var op *net.OpError
	return errors.As(err, &op) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
