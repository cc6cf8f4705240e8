package embedded

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// restartMinDelay is the wait before the first restart after a crash. Short, because a killed JVM leaves
	// nothing behind that needs time to clear: the kernel frees the port and Neo4j's store lock at once.
	restartMinDelay = 250 * time.Millisecond
	// restartMaxDelay caps the doubling wait between failed restarts. Every attempt costs a JVM start (about
	// ten seconds of both cores here), so a server that cannot start must not be retried in a tight loop.
	restartMaxDelay = 10 * time.Second
	// stableUptime is how long a server must have run for its death to count as a new incident rather than
	// part of a crash loop: the backoff starts again from restartMinDelay.
	stableUptime = time.Minute
)

// Supervisor keeps an embedded Neo4j running: when the JVM exits without Stop having been called, it starts a
// new one on the same Bolt port and data directory. Its methods are safe for concurrent use.
type Supervisor struct {
	opts    Options // BoltPort fixed to the first server's port
	uri     string
	version string
	log     *slog.Logger

	ctx    context.Context // cancelled by Stop: aborts a pending or running restart
	cancel context.CancelFunc
	done   chan struct{} // closed when run has returned; no JVM of ours is left

	mu           sync.Mutex
	current      *Server // the server started last; nil while none is up
	restarts     int
	failedStarts int
	stopping     bool
	stopCtx      context.Context // Stop's context, handed to Server.Stop by run

	stopOnce sync.Once
	stopErr  error // written by run before done is closed
}

// Supervise starts a Neo4j server as Start does and keeps it running until Stop. ctx bounds only this first
// start; if it fails, Supervise returns the error and supervises nothing. Later restarts reuse the first
// server's Bolt port (the one the OS picked when opts.BoltPort is 0), so URI never changes and a driver made
// for it reconnects by itself once the new JVM is up. Neo4j recovers its transaction log on each restart, so
// committed data survives a crash.
func Supervise(ctx context.Context, opts Options) (*Supervisor, error) {
	if err := opts.fillDefaults(); err != nil {
		return nil, err
	}
	first, err := Start(ctx, opts)
	if err != nil {
		return nil, err
	}
	port, err := boltPort(first.URI())
	if err != nil {
		stopCtx, cancel := context.WithTimeout(context.Background(), stopGrace)
		defer cancel()
		_ = first.Stop(stopCtx)
		return nil, err
	}
	opts.BoltPort = port
	runCtx, cancel := context.WithCancel(context.Background())
	s := &Supervisor{
		opts:    opts,
		uri:     first.URI(),
		version: first.Version(),
		log:     opts.Logger,
		ctx:     runCtx,
		cancel:  cancel,
		done:    make(chan struct{}),
		current: first,
	}
	go s.run(first)
	return s, nil
}

// URI returns the Bolt URI, the same for every server the supervisor starts.
func (s *Supervisor) URI() string { return s.uri }

// Version returns the Neo4j version reported by the first server.
func (s *Supervisor) Version() string { return s.version }

// Up reports whether a server is running and accepting Bolt connections right now. It is false between a
// crash and the end of the restart, and after Stop.
func (s *Supervisor) Up() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current != nil && !s.current.exited()
}

// Restarts returns how many servers were started to replace one that died. Failed attempts are not counted;
// they are logged.
func (s *Supervisor) Restarts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.restarts
}

// PID returns the process id of the running JVM, or 0 while none is up.
func (s *Supervisor) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil || s.current.exited() {
		return 0
	}
	return s.current.PID()
}

// Stop ends supervision and then stops the server as Server.Stop does, cleanly unless ctx ends first. A
// restart waiting for its delay is cancelled; one already starting has its JVM killed. When Stop returns no
// JVM started by the supervisor is left and none will be started. Later calls wait for the first and return
// its result.
func (s *Supervisor) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopping, s.stopCtx = true, ctx
		s.mu.Unlock()
		s.cancel()
		<-s.done
	})
	return s.stopErr
}

// run owns every server after the first: it waits for the current one to exit and replaces it, until Stop.
func (s *Supervisor) run(srv *Server) {
	defer close(s.done)
	delays := backoff{min: restartMinDelay, max: restartMaxDelay}
	delays.reset()
	for {
		select {
		case <-srv.done:
		case <-s.ctx.Done():
		}
		if ctx, stopping := s.takeDown(); stopping {
			s.stopErr = srv.Stop(ctx)
			return
		}

		wentDown := time.Now()
		uptime := wentDown.Sub(srv.readyAt)
		if uptime >= stableUptime {
			delays.reset()
		}
		s.log.Warn("neo4j: exited unexpectedly; restarting it", slog.Int("pid", srv.PID()),
			slog.String("exit", fmt.Sprint(srv.waitErr)), slog.Duration("uptime", uptime.Round(time.Millisecond)),
			slog.Duration("restartIn", delays.peek()), slog.String("stderrTail", strings.Join(srv.tail.snapshot(), "\n")))

		next := s.restart(&delays)
		if next == nil {
			return // stopped while down
		}
		n, ctx, stopping := s.bringUp(next)
		if stopping {
			s.stopErr = next.Stop(ctx)
			return
		}
		s.log.Info("neo4j: restarted", slog.Int("pid", next.PID()), slog.Int("restarts", n),
			slog.Duration("downtime", time.Since(wentDown).Round(time.Millisecond)))
		srv = next
	}
}

// takeDown marks the current server as gone unless Stop has begun, in which case it returns Stop's context
// and true.
func (s *Supervisor) takeDown() (context.Context, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return s.stopCtx, true
	}
	s.current = nil
	return nil, false
}

// bringUp makes next the current server and returns the number of restarts so far, unless Stop has begun, in
// which case it returns Stop's context and true and leaves next for the caller to stop.
func (s *Supervisor) bringUp(next *Server) (int, context.Context, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return 0, s.stopCtx, true
	}
	s.current = next
	s.restarts++
	return s.restarts, nil, false
}

// restart starts servers, waiting the backoff delay before each attempt, until one is ready. It returns nil
// once Stop has cancelled s.ctx.
func (s *Supervisor) restart(delays *backoff) *Server {
	for attempt := 1; ; attempt++ {
		timer := time.NewTimer(delays.next())
		select {
		case <-timer.C:
		case <-s.ctx.Done():
			timer.Stop()
			return nil
		}
		srv, err := Start(s.ctx, s.opts)
		if err == nil {
			return srv
		}
		if s.ctx.Err() != nil {
			return nil
		}
		s.mu.Lock()
		s.failedStarts++
		s.mu.Unlock()
		s.log.Warn("neo4j: restart failed; retrying", slog.Int("attempt", attempt),
			slog.Duration("retryIn", delays.peek()), slog.Any("err", err))
	}
}

// failedAttempts returns how many restart attempts have failed, for tests.
func (s *Supervisor) failedAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failedStarts
}

// boltPort extracts the port from a Bolt URI such as bolt://127.0.0.1:7687.
func boltPort(uri string) (int, error) {
	u, err := url.Parse(uri)
	if err == nil {
		var port int
		if port, err = strconv.Atoi(u.Port()); err == nil && port > 0 {
			return port, nil
		}
	}
	return 0, fmt.Errorf("embedded: no port in the launcher's Bolt URI %q", uri)
}

// backoff yields the waits before successive restart attempts: min, then doubling up to max, until reset.
type backoff struct {
	min, max time.Duration
	wait     time.Duration // the wait next() returns next
}

// reset makes the next wait min again.
func (b *backoff) reset() { b.wait = b.min }

// next returns the current wait and doubles the following one.
func (b *backoff) next() time.Duration {
	d := b.wait
	b.wait = min(2*d, b.max)
	return d
}

// peek returns what next will return, for log messages.
func (b *backoff) peek() time.Duration { return b.wait }
