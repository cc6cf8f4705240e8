package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/embedded"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// Database is an open, migrated store, with the embedded Neo4j behind it when there is one. The embedded
// Neo4j is supervised: if its JVM dies it is started again on the same port and data, and the store's
// driver reconnects by itself.
type Database struct {
	Store    *neo4jstore.Store
	embedded *embedded.Supervisor
}

// OpenDatabase connects to the configured Neo4j, or starts the embedded one when no URI is configured,
// and migrates the schema. With seedIfEmpty it loads the seed network into an empty graph.
func OpenDatabase(ctx context.Context, cfg Config, getenv func(string) string, log *slog.Logger, seedIfEmpty bool) (*Database, error) {
	db := &Database{}
	uri := cfg.Neo4jURI
	if uri == "" {
		dir, err := embedded.FindLauncherDir(getenv)
		if err != nil {
			return nil, err
		}
		log.Info("starting embedded neo4j", "dataDir", cfg.DataDir)
		db.embedded, err = embedded.Supervise(ctx, embedded.Options{LauncherDir: dir, DataDir: cfg.DataDir,
			HeapMB: cfg.EmbeddedHeapMB, PageCache: cfg.EmbeddedPageCache, Logger: log.With("component", "neo4j")})
		if err != nil {
			return nil, fmt.Errorf("starting the embedded neo4j: %w", err)
		}
		uri = db.embedded.URI()
		log.Info("embedded neo4j ready", "uri", uri, "version", db.embedded.Version())
	}
	openCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	store, err := neo4jstore.Open(openCtx, neo4jstore.Config{URI: uri, Username: cfg.Neo4jUsername,
		Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase, Logger: log})
	if err != nil {
		return nil, errors.Join(err, db.Close(context.Background()))
	}
	db.Store = store
	if err := store.Migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("migrating the schema: %w", err), db.Close(context.Background()))
	}
	if seedIfEmpty {
		empty, err := store.IsEmpty(ctx)
		if err == nil && empty {
			log.Info("the graph is empty: loading the seed network")
			err = Seed(ctx, store, log)
		}
		if err != nil {
			return nil, errors.Join(err, db.Close(context.Background()))
		}
	}
	return db, nil
}

// Seed loads the seed network. Loading it again changes nothing.
func Seed(ctx context.Context, store *neo4jstore.Store, log *slog.Logger) error {
	d, err := seed.Network()
	if err != nil {
		return err
	}
	sum, err := store.Load(ctx, d)
	if err != nil {
		return fmt.Errorf("loading the seed network: %w", err)
	}
	log.Info("seed network loaded", "stakeholders", sum.Stakeholders, "ties", sum.Ties, "people", sum.People,
		"events", sum.Events, "participations", sum.Participations, "sources", sum.Sources)
	return nil
}

// Embedded reports whether the service runs its own Neo4j rather than using one at NEO4J_URI.
func (db *Database) Embedded() bool { return db.embedded != nil }

// EmbeddedUp reports whether the embedded Neo4j is running and accepting connections right now: false
// while it is being restarted after a crash, and false when there is no embedded Neo4j.
func (db *Database) EmbeddedUp() bool { return db.embedded != nil && db.embedded.Up() }

// EmbeddedRestarts returns how many times the embedded Neo4j was started again after its JVM died; 0 when
// there is no embedded Neo4j.
func (db *Database) EmbeddedRestarts() int {
	if db.embedded == nil {
		return 0
	}
	return db.embedded.Restarts()
}

// Ping checks that the database answers, for a readiness probe. While the embedded Neo4j is down it fails
// at once rather than waiting for the driver to give up on a dead port.
func (db *Database) Ping(ctx context.Context) error {
	if db.embedded != nil && !db.embedded.Up() {
		return domain.Errorf(domain.CodeUnavailable, "the embedded Neo4j is down and being restarted")
	}
	return db.Store.Ping(ctx)
}

// Close closes the store and stops the embedded Neo4j, if any.
func (db *Database) Close(ctx context.Context) error {
	var errs []error
	if db.Store != nil {
		errs = append(errs, db.Store.Close(ctx))
	}
	if db.embedded != nil {
		errs = append(errs, db.embedded.Stop(ctx))
	}
	return errors.Join(errs...)
}
