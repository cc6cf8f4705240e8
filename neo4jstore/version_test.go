package neo4jstore_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// TestGraphVersion checks that the cached graph version moves at once with a write through the same
// store, and within a few seconds with a write by another process (here, a second store).
func TestGraphVersion(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Store(t)
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	after, err := s.GraphVersion(ctx)
	if err != nil || after <= before {
		t.Fatalf("version %d before a load, %d after (%v)", before, after, err)
	}

	other, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	if _, err := other.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		seen, err := s.GraphVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if seen > after {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a write by another store did not show within 5 s: still version %d", seen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
