package neo4jstore

import (
	"context"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// TestVersionCacheKeepsTheLatestRead checks that of two overlapping reads of the version the one started
// last is kept whatever order they end in, and that a change of version is reported.
func TestVersionCacheKeepsTheLatestRead(t *testing.T) {
	var c versionCache
	t0 := time.Now()
	if c.put(5, 0, t0) {
		t.Error("the first version read counts as a change")
	}
	if !c.put(6, 0, t0.Add(2*time.Millisecond)) {
		t.Error("5 then 6: no change reported")
	}
	c.put(5, 0, t0.Add(time.Millisecond)) // started before the read that gave 6, ended after it
	if v, ok := c.get(); !ok || v != 6 {
		t.Errorf("after an older read ended last: %d, %v; want 6", v, ok)
	}
	c.forget()
	if c.put(7, 0, time.Now()); c.valid {
		t.Error("a version read before a write through the store was kept")
	}
}

// TestVersionCacheKeepsTheLatestWrite checks that the version a curated change committed is kept without
// a read, that of two changes noticed out of order the later one's stays, and that a read begun before
// the change does not replace it.
func TestVersionCacheKeepsTheLatestWrite(t *testing.T) {
	var c versionCache
	started, gen := time.Now(), c.generation()
	c.wrote(11)
	c.wrote(10) // committed before 11, noticed after it
	if v, ok := c.get(); !ok || v != 11 {
		t.Errorf("after writes 11 then 10 were noticed: %d, %v; want 11", v, ok)
	}
	c.put(9, gen, started)
	if v, _ := c.get(); v != 11 {
		t.Errorf("a read begun before the writes replaced their version: %d", v)
	}
	c.forget()
	c.wrote(3) // the graph was rebuilt: after forget, any version is kept
	if v, ok := c.get(); !ok || v != 3 {
		t.Errorf("after forget, write 3: %d, %v", v, ok)
	}
}

// TestDocumentsOfAnOlderGenerationAreNotAdded checks that documents read before the cache was cleared
// (by a write, or a new graph version) do not come back into it.
func TestDocumentsOfAnOlderGenerationAreNotAdded(t *testing.T) {
	var c documentCache
	_, _, gen := c.lookup(map[string]bool{"a": true})
	c.clear()
	c.add(map[string]document{"a": {title: "old"}}, gen)
	if found, _, _ := c.lookup(map[string]bool{"a": true}); len(found) != 0 {
		t.Errorf("a document read before the cache was cleared was added: %v", found)
	}
	_, _, gen = c.lookup(map[string]bool{"a": true})
	c.add(map[string]document{"a": {title: "new"}}, gen)
	if found, _, _ := c.lookup(map[string]bool{"a": true}); found["a"].title != "new" {
		t.Errorf("found %v, want the document read in this generation", found)
	}
}

// TestVersionSurvivesARebuiltGraph checks that a graph whose version node was deleted by other means and
// written again does not give a version number it gave before.
func TestVersionSurvivesARebuiltGraph(t *testing.T) {
	ctx := context.Background()
	s := openMigrated(t)
	rebuild := func() int {
		t.Helper()
		session := s.session(ctx, neo4j.AccessModeWrite)
		defer session.Close(ctx)
		for _, q := range []string{`MATCH (v:GraphVersion) DETACH DELETE v`, bumpVersion} {
			res, err := session.Run(ctx, q, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		n, err := count(ctx, s, graphVersion, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if a, b := rebuild(), rebuild(); a == b {
		t.Errorf("two rebuilt graphs, each written once, both have version %d", a)
	}
}

// TestBulkLoadMovesTheVersionWithEveryBatch checks that each committed batch of a bulk load bumps the
// graph version, so a load that stops part-way still shows readers that the graph changed.
func TestBulkLoadMovesTheVersionWithEveryBatch(t *testing.T) {
	ctx := context.Background()
	s := openMigrated(t)
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	const size = 7
	batches := 0
	for _, b := range loadBatches(d) {
		batches += (len(b.rows) + size - 1) / size
	}
	before, err := count(ctx, s, graphVersion, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadBulk(ctx, d, size); err != nil {
		t.Fatal(err)
	}
	after, err := count(ctx, s, graphVersion, nil)
	if err != nil {
		t.Fatal(err)
	}
	if after-before != batches || batches < 5 {
		t.Errorf("the version moved by %d over %d batches", after-before, batches)
	}
}
