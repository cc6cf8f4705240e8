package neo4jstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
)

// The audit trail is read newest first, a keyset page at a time by sequence number. A target's history
// starts at its entries (index change_entry_target); the whole trail walks the change_seq constraint's
// index backwards, so a page costs its own size whatever the trail's length.
const (
	changesPage = `MATCH (c:Change)
WHERE c.seq < $before
  AND ($actor IS NULL OR c.actor = $actor)
  AND ($since IS NULL OR c.at >= $since)
  AND ($until IS NULL OR c.at < $until)
WITH c ORDER BY c.seq DESC LIMIT $limit
` + changeRow
	changesOfTarget = `MATCH (e:ChangeEntry {kind: $kind, key: $key})
WHERE e.seq < $before
MATCH (c:Change {seq: e.seq})
WHERE ($actor IS NULL OR c.actor = $actor)
  AND ($since IS NULL OR c.at >= $since)
  AND ($until IS NULL OR c.at < $until)
WITH DISTINCT c ORDER BY c.seq DESC LIMIT $limit
` + changeRow
	changesAfter = `MATCH (c:Change) WHERE c.seq > $after
WITH c ORDER BY c.seq LIMIT $limit
` + changeRow
	changeRow = `CALL (c) {
  MATCH (c)-[:TOUCHED]->(e:ChangeEntry)
  WITH e ORDER BY e.index
  RETURN collect(e {.kind, .key, .action, .fields}) AS entries
}
RETURN c.seq AS seq, c.at AS at, c.actor AS actor, c.role AS role, c.requestId AS requestId,
  c.operation AS operation, c.clientMutationId AS clientMutationId, entries`
	lastChange = `MATCH (q:ChangeSequence {id: 'changes'}) RETURN q.seq AS seq`
)

// Changes reads up to limit changes that match f, newest first, from before the change numbered before
// (from the newest when before is 0).
func (s *Store) Changes(ctx context.Context, f dataset.ChangeFilter, before int64, limit int) ([]*dataset.Change, error) {
	if before <= 0 {
		before = 1 << 62
	}
	params := map[string]any{"before": before, "limit": limit, "actor": orNil(f.Actor),
		"since": optTime(f.Since), "until": optTime(f.Until)}
	query := changesPage
	if f.TargetKey != "" {
		query = changesOfTarget
		params["kind"], params["key"] = string(f.TargetKind), f.TargetKey
	}
	return readPlain(ctx, s, func(tx runner) ([]*dataset.Change, error) { return readChanges(ctx, tx, query, params) })
}

// ChangesAfter reads up to limit changes numbered after after, oldest first: the feed behind live updates.
func (s *Store) ChangesAfter(ctx context.Context, after int64, limit int) ([]*dataset.Change, error) {
	params := map[string]any{"after": after, "limit": limit}
	return readPlain(ctx, s, func(tx runner) ([]*dataset.Change, error) {
		return readChanges(ctx, tx, changesAfter, params)
	})
}

// LastChange returns the number of the latest change, 0 before the first.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	return readPlain(ctx, s, func(tx runner) (int64, error) {
		res, err := tx.Run(ctx, lastChange, nil)
		if err != nil {
			return 0, err
		}
		recs, err := res.Collect(ctx)
		if err != nil || len(recs) == 0 {
			return 0, err
		}
		seq, _, _ := neo4j.GetRecordValue[int64](recs[0], "seq")
		return seq, nil
	})
}

func readChanges(ctx context.Context, tx runner, query string, params map[string]any) ([]*dataset.Change, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*dataset.Change, 0, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		seq, _ := m["seq"].(int64)
		at, _ := m["at"].(time.Time)
		c := &dataset.Change{Seq: seq, At: at.UTC(), Operation: str(m, "operation"), ClientMutationID: str(m, "clientMutationId"),
			Actor: dataset.Actor{Subject: str(m, "actor"), Role: str(m, "role"), RequestID: str(m, "requestId")}}
		entries, _ := m["entries"].([]any)
		for _, x := range entries {
			e, _ := x.(map[string]any)
			entry := dataset.Entry{Kind: dataset.Kind(str(e, "kind")), Key: str(e, "key"), Action: dataset.Action(str(e, "action"))}
			var fields []fieldRow
			_ = json.Unmarshal([]byte(str(e, "fields")), &fields)
			for _, f := range fields {
				entry.Fields = append(entry.Fields, dataset.FieldChange(f))
			}
			c.Entries = append(c.Entries, entry)
		}
		out = append(out, c)
	}
	return out, nil
}

func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
