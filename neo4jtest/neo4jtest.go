// Package neo4jtest gives tests a real Neo4j holding the shipped network. `make test` starts one embedded
// Neo4j for the whole run and passes its address in NEO4J_URI; a package tested on its own (go test
// ./somepkg) starts its own embedded Neo4j instead. Packages share the database, so they must run one at
// a time (go test -p 1, as make test does); each empties it when done.
package neo4jtest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/embedded"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

var shared *neo4jstore.Store

// Main runs a package's tests with a store connected to the test Neo4j. Call it from TestMain.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		dir, err := embedded.FindLauncherDir(os.Getenv)
		if err != nil {
			fmt.Fprintln(os.Stderr, "neo4jtest:", err)
			return 1
		}
		dataDir, err := os.MkdirTemp("", "neo4jtest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "neo4jtest:", err)
			return 1
		}
		defer os.RemoveAll(dataDir)
		// Start, not Supervise: a Neo4j that dies under the tests should fail them where it happened, not
		// be restarted behind their back.
		srv, err := embedded.Start(ctx, embedded.Options{LauncherDir: dir, DataDir: dataDir})
		if err != nil {
			fmt.Fprintln(os.Stderr, "neo4jtest: starting the embedded Neo4j:", err)
			return 1
		}
		defer srv.Stop(context.Background())
		uri = srv.URI()
		os.Setenv("NEO4J_URI", uri) // so code under test that reads the environment finds it too
	}
	openCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	store, err := neo4jstore.Open(openCtx, neo4jstore.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE"), Logger: logger()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest:", err)
		return 1
	}
	defer store.Close(context.Background())
	if err := store.Migrate(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest: migrating:", err)
		return 1
	}
	shared = store
	code := m.Run()
	if os.Getenv("NEO4JTEST_KEEP") != "" {
		return code // benchmarks share a generated network across packages (scripts/bench-analytics.sh)
	}
	if err := store.DeleteEverything(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest: cleaning up:", err)
		return 1
	}
	return code
}

// logger is where the shared store logs: nowhere, unless NEO4JTEST_LOG is set.
func logger() *slog.Logger {
	if os.Getenv("NEO4JTEST_LOG") == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

// Store returns the shared store, emptied and loaded with the shipped network (seed.Network). Tests that
// write restore that state by calling it again.
func Store(t testing.TB) *neo4jstore.Store {
	t.Helper()
	return load(t, seed.Network)
}

// Article returns the shared store, emptied and loaded with the seed article's network alone
// (seed.Malaysia): for tests whose expectations are that small network's known shape (its paths,
// components and filters), where deriving them from the data would restate the code under test.
func Article(t testing.TB) *neo4jstore.Store {
	t.Helper()
	return load(t, seed.Malaysia)
}

func load(t testing.TB, data func() (*dataset.Dataset, error)) *neo4jstore.Store {
	t.Helper()
	s := Empty(t)
	d, err := data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background(), d); err != nil {
		t.Fatalf("loading the test network: %v", err)
	}
	return s
}

// Current returns the shared store as it is, to check what the code under test wrote.
func Current(t testing.TB) *neo4jstore.Store {
	t.Helper()
	if shared == nil {
		t.Fatal("neo4jtest: call neo4jtest.Main from the package's TestMain")
	}
	return shared
}

// Empty returns the shared store with nothing in it.
func Empty(t testing.TB) *neo4jstore.Store {
	t.Helper()
	Current(t)
	if err := shared.DeleteEverything(context.Background()); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	return shared
}
