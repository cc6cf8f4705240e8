// Package neo4jstore keeps the stakeholder graph in Neo4j. It owns every Cypher statement of the project:
// each is a parameterised constant next to the method that runs it. Reads run as auto-commit statements
// (routed to followers in a cluster), writes in managed write transactions, both bounded by the caller's
// context. Driver errors are translated into domain errors here and nowhere else.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"golang.org/x/sync/singleflight"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is the server or cluster address: bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc://.
	URI string
	// Username and Password authenticate with basic auth; with an empty Username no auth is sent.
	Username string
	Password string
	// Database is the database to use; empty means the server's default database.
	Database string
	// Logger receives the store's logs.
	Logger *slog.Logger
	// OnAvailability, when set, is called each time Neo4j is found unreachable (false) or reachable
	// again (true), for metrics.
	OnAvailability func(up bool)
}

// Store reads and writes the stakeholder graph. It is safe for concurrent use: every method opens its own
// session.
type Store struct {
	// connect makes a driver (a pool of connections); driver is the one in use, replaced after an outage.
	connect  func() (neo4j.DriverWithContext, error)
	driverMu sync.RWMutex
	driver   neo4j.DriverWithContext
	database string
	// bookmarks chains every session of the store causally: in a cluster a read runs on a member that
	// has seen at least what the store's previous transactions saw, so data read after the graph version
	// is never older than that version (which the caches rely on).
	bookmarks neo4j.BookmarkManager
	log       *slog.Logger
	documents documentCache
	version   versionCache
	measures  measuresCache
	measuring singleflight.Group
	avail     *availability
	// lifetime ends when the store is closed, stopping the probe and background reads.
	lifetime context.Context
	stop     context.CancelFunc
	probed   chan struct{} // closed when the probe has stopped
}

var _ domain.Store = (*Store)(nil)

// Open connects to Neo4j and checks that it answers, retrying until ctx ends.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	connect := func() (neo4j.DriverWithContext, error) {
		return neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
			c.MaxConnectionPoolSize = 64
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.SocketConnectTimeout = 5 * time.Second
			// The driver retries a transaction that failed for a transient reason for up to this long (30 s
			// by default). An outage is handled by the availability probe instead (availability.go), so
			// retries only need to ride out a leader election or a deadlock.
			c.MaxTransactionRetryTime = 5 * time.Second
		})
	}
	driver, err := connect()
	if err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "cannot use Neo4j URI %q: %v", cfg.URI, err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{connect: connect, driver: driver, database: cfg.Database, log: log,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		avail:     newAvailability(cfg.OnAvailability), probed: make(chan struct{})}
	s.lifetime, s.stop = context.WithCancel(context.Background())
	for {
		err = s.Ping(ctx)
		if err == nil {
			go s.probe()
			return s, nil
		}
		select {
		case <-ctx.Done():
			s.stop()
			_ = driver.Close(context.Background())
			return nil, fmt.Errorf("neo4j at %s did not answer: %w", cfg.URI, err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Close stops the availability probe and background reads, and releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	s.stop()
	select {
	case <-s.probed:
	case <-ctx.Done():
	}
	return s.currentDriver().Close(ctx)
}

func (s *Store) currentDriver() neo4j.DriverWithContext {
	s.driverMu.RLock()
	defer s.driverMu.RUnlock()
	return s.driver
}

// reconnect replaces the driver with a new one, with an empty pool. After an outage every pooled
// connection is dead, and the driver finds that out one query at a time, each failure followed by a
// pause before its retry: five seconds of failed queries after Neo4j came back, measured. The old driver
// is closed once the queries that may still hold it are long done.
func (s *Store) reconnect() {
	fresh, err := s.connect()
	if err != nil {
		s.log.Error("making a new neo4j driver", "err", err)
		return
	}
	s.driverMu.Lock()
	old := s.driver
	s.driver = fresh
	s.driverMu.Unlock()
	time.AfterFunc(time.Minute, func() { _ = old.Close(context.Background()) })
}

// Ping checks that Neo4j answers a query now.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.ping(ctx); err != nil {
		return s.translate(err)
	}
	return nil
}

// runner runs one statement: a write's managed transaction, or a read's auto-commit session.
type runner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// autocommit runs each statement of a read in its own auto-commit transaction on one session. A managed
// transaction costs three round trips (BEGIN, RUN with PULL, COMMIT), an auto-commit statement one, and
// measured on loopback that is a third of a simple read's time. Reads lose nothing by it: Neo4j's
// transactions are read-committed, so two statements of one transaction could already see different
// commits, and the session's bookmarks still order every statement after the store's last write.
type autocommit struct {
	session neo4j.SessionWithContext
	config  []func(*neo4j.TransactionConfig)
}

func (a autocommit) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	return a.session.Run(ctx, cypher, params, a.config...)
}

// readAttempts bounds how often a read is tried when it fails for a reason the driver calls transient
// (a pooled connection found dead, a cluster member stepping down). An outage is the availability
// probe's business, not the retries'.
const readAttempts = 3

// read runs work as a read, then fills in the documents of the citations it read.
func read[T any](ctx context.Context, s *Store, work func(tx runner) (T, error)) (T, error) {
	return readPlain(ctx, s, func(tx runner) (T, error) {
		v, err := work(tx)
		if err == nil {
			err = s.attachDocuments(ctx, tx, v)
		}
		return v, err
	})
}

// readPlain runs work as a read, each statement auto-committed, for results that hold no citations.
// work is tried again, whole, after a transient failure.
func readPlain[T any](ctx context.Context, s *Store, work func(tx runner) (T, error)) (T, error) {
	var zero T
	ctx, done, err := s.avail.enter(ctx)
	if err != nil {
		return zero, err
	}
	defer done()
	countRoundTrip(ctx)
	session := s.session(ctx, neo4j.AccessModeRead)
	defer session.Close(context.WithoutCancel(ctx))
	tx := autocommit{session: session, config: txTimeout(ctx)}
	for attempt := 1; ; attempt++ {
		v, err := work(tx)
		if err == nil {
			return v, nil
		}
		if attempt == readAttempts || ctx.Err() != nil || !neo4j.IsRetryable(err) {
			return zero, s.failed(ctx, err)
		}
		select {
		case <-ctx.Done():
			return zero, s.failed(ctx, err)
		case <-time.After(time.Duration(attempt) * 20 * time.Millisecond):
		}
	}
}

// session opens a session on the store's database, chained to the store's bookmarks.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.currentDriver().NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database, BookmarkManager: s.bookmarks})
}

// write runs work in a managed write transaction, then drops what the store caches about the graph,
// which the write may have changed, documents included.
func write[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	defer s.forget()
	return writeTx(ctx, s, work)
}

// writeTx runs work in a managed write transaction. The caller answers for what the store caches.
func writeTx[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	ctx, done, err := s.avail.enter(ctx)
	if err != nil {
		return zero, err
	}
	defer done()
	countRoundTrip(ctx)
	session := s.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	v, err := neo4j.ExecuteWrite(ctx, session, work, txTimeout(ctx)...)
	if err != nil {
		return zero, s.failed(ctx, err)
	}
	return v, nil
}

// txTimeout passes the request's deadline on to the server, so a query the client gave up on stops there too.
func txTimeout(ctx context.Context) []func(*neo4j.TransactionConfig) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return nil
	}
	left := time.Until(deadline)
	if left < time.Millisecond {
		left = time.Millisecond
	}
	return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(left)}
}

// translate turns driver and context errors into domain errors. Domain errors pass through unchanged.
func (s *Store) translate(err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return de
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &domain.Error{Code: domain.CodeUnavailable, Message: "the query took longer than its deadline", Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return &domain.Error{Code: domain.CodeUnavailable, Message: "the request was cancelled", Err: err}
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return &domain.Error{Code: domain.CodeConflict, Message: "the data clashes with what is stored", Err: err}
		case ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" ||
			ne.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
			return &domain.Error{Code: domain.CodeUnavailable, Message: "the query took longer than its deadline", Err: err}
		case ne.Classification() == "TransientError":
			return &domain.Error{Code: domain.CodeUnavailable, Message: "the database is busy; try again", Err: err}
		}
	}
	if neo4j.IsConnectivityError(err) || neo4j.IsTransactionExecutionLimit(err) {
		return &domain.Error{Code: domain.CodeUnavailable, Message: "the database cannot be reached", Err: err}
	}
	s.log.Error("neo4j query failed", "err", err)
	return domain.Internal(err)
}
