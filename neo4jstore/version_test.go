package neo4jstore_test

import (
	"context"
	"os"
	"slices"
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

// TestDocumentsFollowTheVersion checks that a document changed by another process shows as soon as the
// new graph version is seen, not after the document cache's minute: an answer read then is kept by the
// response cache against that version.
func TestDocumentsFollowTheVersion(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Store(t)
	defer neo4jtest.Store(t) // put the seed's titles back
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	title := func() string {
		t.Helper()
		st, err := s.Stakeholder(ctx, "ijm-malaysia", nil)
		if err != nil || len(st.Sources) == 0 {
			t.Fatalf("%v, %+v", err, st)
		}
		return st.Sources[0].Title
	}
	before := title() // the document is cached now
	key := ""
	if st, _ := s.Stakeholder(ctx, "ijm-malaysia", nil); st != nil {
		key = st.Sources[0].Key
	}
	changed := *d
	changed.Sources = slices.Clone(d.Sources)
	for i := range changed.Sources {
		if changed.Sources[i].Key == key {
			changed.Sources[i].Title += " (revised)"
		}
	}
	other, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	if _, err := other.Load(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := s.GraphVersion(ctx); err != nil {
			t.Fatal(err)
		}
		if got := title(); got == before+" (revised)" {
			return
		} else if time.Now().After(deadline) {
			t.Fatalf("10 s after another process changed the document: %q", got)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
