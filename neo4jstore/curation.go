package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Curation writes changes: Curate runs the curation service's work in one write transaction, through a
// dataset.Tx that records what each write changed, and commits the record of the change (a :Change node
// with one :ChangeEntry per record touched) in the same transaction.
//
// A change reads records, decides, and writes them back; Neo4j's transactions are read-committed, so two
// changes to one tie running side by side could each attach a source and one attachment be lost. So every
// curation transaction first takes the write locks of lock stripes, :CurationLock nodes numbered 0 to
// lockStripes-1: a change that claimed the records it writes (dataset.Tx.Claim) takes the stripes of
// those, in ascending order, so changes to different records run side by side and changes to one record
// one after another; any other change (a delete, a merge, a source's edit, an import batch) takes every
// stripe, and runs alone. Stripes are always taken in ascending order, in the transaction's first
// statement, so two changes never wait on each other in a cycle. The version and the change sequence
// (recordChange) are then taken in the same order by every change, and held to the commit, so changes
// are numbered in the order they commit.

const (
	// takeCurationLocks opens the first statement of every curation transaction (curationTx.send), so the
	// locks cost no round trip of their own. $stripes is in ascending order.
	takeCurationLocks = `UNWIND $stripes AS stripe
MERGE (l:CurationLock {id: stripe}) SET l.taken = coalesce(l.taken, 0) + 1
WITH count(*) AS locked
`
	// recordChange moves the graph version on (bumpVersion) and records the change, in one statement. It
	// follows the writes held back (withPending), and answers with the ties they wrote, as stored (written).
	recordChange = bumpVersion + `
WITH v.epoch + v.version AS version, written
MERGE (q:ChangeSequence {id: 'changes'})
SET q.seq = coalesce(q.seq, 0) + 1
CREATE (c:Change {seq: q.seq, version: version, at: datetime(), actor: $actor, role: $role, requestId: $requestId,
  operation: $operation, clientMutationId: $clientMutationId})
WITH c, version, written
CALL (c) {
  UNWIND $entries AS e
  CREATE (c)-[:TOUCHED]->(:ChangeEntry {seq: c.seq, index: e.index, kind: e.kind, key: e.key, action: e.action, fields: e.fields})
}
RETURN c.seq AS seq, c.at AS at, version, written`

	readRedirect  = `MATCH (r:SlugRedirect {slug: $slug}) RETURN r.to AS to`
	writeRedirect = `OPTIONAL MATCH (old:SlugRedirect {to: $from})
SET old.to = $to
WITH count(old) AS moved
MERGE (r:SlugRedirect {slug: $from})
SET r.to = $to`
)

// nodeLabels maps the kinds of record stored as nodes to their label and key property.
var nodeLabels = map[dataset.Kind]struct{ label, key string }{
	dataset.KindSource:      {"Source", "key"},
	dataset.KindStakeholder: {"Stakeholder", "slug"},
	dataset.KindPerson:      {"Person", "slug"},
	dataset.KindEvent:       {"Event", "slug"},
}

// deleteNode has one statement per kind of node, since a label cannot be a parameter.
var deleteNode = func() map[dataset.Kind]string {
	d := map[dataset.Kind]string{}
	for kind, n := range nodeLabels {
		d[kind] = `MATCH (n:` + n.label + ` {` + n.key + `: $key}) DETACH DELETE n`
	}
	return d
}()

// deleteStatement returns the statement that deletes the record kind/key, which exists: a node by its
// label, or a tie, position or participation by the relationship type its key names, whose index finds
// it.
func deleteStatement(kind dataset.Kind, key string) string {
	if q, ok := deleteNode[kind]; ok {
		return q
	}
	return `MATCH ()-[r:` + relType(kind, key) + ` {key: $key}]->() DELETE r`
}

// relType returns the relationship type of the tie, position or participation with this key, or ""
// when no record of the kind can have the key.
func relType(kind dataset.Kind, key string) string {
	switch kind {
	case dataset.KindTie:
		_, t, _, ok := domain.ParseTieKey(key)
		if !ok || !t.IsValid() || t == domain.TieCoParticipates {
			return ""
		}
		return string(t)
	case dataset.KindPosition:
		return "HOLDS_POSITION"
	case dataset.KindParticipation: // slug|role|event (dataset.ParticipationKey)
		if parts := strings.SplitN(key, "|", 3); len(parts) == 3 {
			return participationTypes[domain.ParticipationRole(parts[1])]
		}
	}
	return ""
}

// attachedTo lists the relationships of a stakeholder, person or event that are records: ties,
// positions and participations.
var attachedTo = func() map[dataset.Kind]string {
	m := map[dataset.Kind]string{}
	for kind, n := range nodeLabels {
		if kind == dataset.KindSource {
			continue
		}
		m[kind] = `MATCH (n:` + n.label + ` {slug: $key})-[r]-()
WHERE r.key IS NOT NULL
WITH DISTINCT r
RETURN type(r) AS type, labels(startNode(r)) AS fromLabels, startNode(r).slug AS from, endNode(r).slug AS to,
  properties(r) AS props
ORDER BY r.key`
	}
	return m
}()

// citersOf finds every record that cites a source. Citations are lists on the records, which no index
// serves, so this reads every record: a source is rarely changed or deleted, and then it is worth it.
const citersOfNodes = `MATCH (n) WHERE (n:Stakeholder OR n:Person OR n:Event) AND $key IN n.citeSources
RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.slug`
const citersOfRels = `MATCH (a)-[r]->(b) WHERE r.key IS NOT NULL AND $key IN r.citeSources
RETURN type(r) AS type, labels(a) AS fromLabels, a.slug AS from, b.slug AS to, properties(r) AS props ORDER BY r.key`

// Curate runs work in one write transaction and records what it changed, by actor, as one change of the
// operation named. It returns the change, or nil when work changed nothing. When work fails, nothing is
// written. work may run more than once (the driver retries transient failures), so it must not keep
// state from one run to the next.
func (s *Store) Curate(ctx context.Context, actor dataset.Actor, operation, clientMutationID string,
	work func(ctx context.Context, tx dataset.Tx) error) (*dataset.Change, error) {
	var version int64
	change, err := writeTx(ctx, s, func(mtx neo4j.ManagedTransaction) (*dataset.Change, error) {
		tx := &curationTx{tx: mtx}
		if err := work(ctx, tx); err != nil {
			return nil, err
		}
		if len(tx.entries) == 0 {
			return nil, nil
		}
		rows := make([]map[string]any, len(tx.entries))
		for i, e := range tx.entries {
			fields, err := json.Marshal(fieldRows(e.Fields))
			if err != nil {
				return nil, err
			}
			rows[i] = map[string]any{"index": i, "kind": string(e.Kind), "key": e.Key, "action": string(e.Action), "fields": string(fields)}
		}
		// The writes held back go in the statement that records the change.
		query, params := tx.withPending(recordChange, map[string]any{"actor": actor.Subject, "role": actor.Role,
			"requestId": orNil(actor.RequestID), "operation": operation, "clientMutationId": orNil(clientMutationID),
			"entries": rows})
		res, err := tx.send(ctx, query, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		seq, _, _ := neo4j.GetRecordValue[int64](rec, "seq")
		at, _, _ := neo4j.GetRecordValue[time.Time](rec, "at")
		version, _, _ = neo4j.GetRecordValue[int64](rec, "version")
		ties, err := s.writtenTies(ctx, mtx, rec)
		if err != nil {
			return nil, err
		}
		return &dataset.Change{Seq: seq, At: at.UTC(), Actor: actor, Operation: operation,
			ClientMutationID: clientMutationID, Entries: tx.entries, Ties: ties}, nil
	})
	switch {
	case err != nil:
		// The commit may have reached the database before the connection failed: read the version again.
		s.version.forget()
		return nil, s.translate(err)
	case change != nil:
		s.curated(version, change)
	}
	return change, nil
}

// writtenTies decodes the ties the record statement answers with (withPending's written), as a read
// would, with their documents; a tie written twice answers as last written.
func (s *Store) writtenTies(ctx context.Context, tx runner, rec *neo4j.Record) (map[string]*domain.NetworkTie, error) {
	rows, _, _ := neo4j.GetRecordValue[[]any](rec, "written")
	if len(rows) == 0 {
		return nil, nil
	}
	ties := make(map[string]*domain.NetworkTie, len(rows))
	for _, x := range rows {
		m, _ := x.(map[string]any)
		r, _ := m["tie"].(map[string]any)
		t := decodeNetworkTie(r, str(m, "from"), str(m, "to"))
		ties[t.Key] = t
	}
	if err := s.attachDocuments(ctx, tx, slices.Collect(maps.Values(ties))); err != nil {
		return nil, err
	}
	return ties, nil
}

type fieldRow struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

func fieldRows(fs []dataset.FieldChange) []fieldRow {
	out := make([]fieldRow, len(fs))
	for i, f := range fs {
		out[i] = fieldRow(f)
	}
	return out
}

// curationTx is the dataset.Tx of one curation transaction. It remembers the records it read and wrote,
// so a record read to decide and then written is read once, and the sources a record cites, checked
// before it is written, are not read again to weigh its evidence. It holds back the writes of Put until
// the transaction next reads, or records the change, and sends them in that statement, so a change
// costs few round trips: typically one to read (Preload) and one to write and record.
// It holds the locks of the records it writes, so what it remembers of them cannot change under it.
type curationTx struct {
	tx        neo4j.ManagedTransaction
	entries   []dataset.Entry
	known     map[recordID]dataset.Record // nil value: known not to exist
	redirects map[string]string           // where retired slugs lead, as read ("": nowhere)
	pending   []pendingWrite              // writes not sent yet, in the order made
	claimed   map[int]bool                // the lock stripes of a change that claimed its records; nil: every one
	locked    bool                        // the lock stripes are taken
}

// lockStripes is how many lock stripes there are: enough that changes to different records seldom share
// one.
const lockStripes = 64

// stripeOf is the lock stripe of a record.
func stripeOf(kind dataset.Kind, key string) int {
	h := fnv.New32a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return int(h.Sum32() % lockStripes)
}

// Claim notes the records the change will write; it must come before the transaction's first statement.
func (t *curationTx) Claim(refs ...dataset.Ref) error {
	if t.locked {
		return fmt.Errorf("neo4jstore: a change claims its records before it reads any")
	}
	if t.claimed == nil {
		t.claimed = map[int]bool{}
	}
	for _, r := range refs {
		t.claimed[stripeOf(r.Kind, r.Key)] = true
	}
	return nil
}

// mayWrite refuses a write to a record outside the change's claim, whose lock the change does not hold.
func (t *curationTx) mayWrite(kind dataset.Kind, key string) error {
	if t.claimed != nil && !t.claimed[stripeOf(kind, key)] {
		return fmt.Errorf("neo4jstore: the change writes %s %q, which it did not claim", kind, key)
	}
	return nil
}

// stripes lists the lock stripes the change takes, in ascending order.
func (t *curationTx) stripes() []int64 {
	var out []int64
	for i := range lockStripes {
		if t.claimed == nil || t.claimed[i] {
			out = append(out, int64(i))
		}
	}
	return out
}

// pendingWrite is one record's write (a statement of rowOf, and its row) not sent yet.
type pendingWrite struct {
	kind  dataset.Kind
	query string
	row   map[string]any
}

type recordID struct {
	kind dataset.Kind
	key  string
}

// Get answers from what the transaction knows, reading what it does not (Preload).
func (t *curationTx) Get(ctx context.Context, kind dataset.Kind, key string) (dataset.Record, error) {
	if err := t.Preload(ctx, []dataset.Ref{{Kind: kind, Key: key}}, nil); err != nil {
		return nil, err
	}
	return t.known[recordID{kind, key}], nil
}

// run runs one statement of the transaction, after the writes held back: what it reads reflects them.
func (t *curationTx) run(ctx context.Context, query string, params map[string]any) (neo4j.ResultWithContext, error) {
	if len(t.pending) > 0 {
		if err := t.flush(ctx); err != nil {
			return nil, err
		}
	}
	return t.send(ctx, query, params)
}

// send sends one statement; the first of the transaction takes the lock stripes.
func (t *curationTx) send(ctx context.Context, query string, params map[string]any) (neo4j.ResultWithContext, error) {
	if !t.locked {
		query, t.locked = takeCurationLocks+query, true
		params = maps.Clone(params)
		if params == nil {
			params = map[string]any{}
		}
		params["stripes"] = t.stripes()
	}
	return t.tx.Run(ctx, query, params)
}

// flush sends the writes held back.
func (t *curationTx) flush(ctx context.Context) error {
	query, params := t.withPending("", map[string]any{}) // forgets them, so exec does not flush again
	return t.exec(ctx, query, params)
}

// writeOrder is the order held-back writes are made in: nodes before the relationships that join them.
var writeOrder = map[dataset.Kind]int{dataset.KindSource: 0, dataset.KindStakeholder: 1, dataset.KindPerson: 2,
	dataset.KindEvent: 3, dataset.KindTie: 4, dataset.KindPosition: 5, dataset.KindParticipation: 6}

// withPending returns the statement that makes the writes held back, then runs then (a statement with
// params, or nothing), and the parameters of both; it forgets the writes. Before then, the list written
// holds each tie written, as stored: {from, to, tie (tieOf)}. Writes of one statement of
// rowOf go in one subquery with all their rows, in the order they were made; the subqueries follow
// writeOrder, so a change's statement reads the same for every change that writes the same kinds, and
// Neo4j plans it once.
func (t *curationTx) withPending(then string, params map[string]any) (string, map[string]any) {
	groups := map[string][]map[string]any{}
	var queries []string
	kinds := map[string]dataset.Kind{}
	for _, w := range t.pending {
		if _, ok := groups[w.query]; !ok {
			queries = append(queries, w.query)
			kinds[w.query] = w.kind
		}
		groups[w.query] = append(groups[w.query], w.row)
	}
	t.pending = nil
	slices.SortFunc(queries, func(a, b string) int {
		if c := writeOrder[kinds[a]] - writeOrder[kinds[b]]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var b strings.Builder
	var written []string
	for i, q := range queries {
		name := "w" + strconv.Itoa(i)
		params[name] = groups[q]
		b.WriteString("CALL {\n")
		b.WriteString(strings.Replace(q, "$rows", "$"+name, 1))
		if then != "" && kinds[q] == dataset.KindTie {
			// The ties written answer as stored, so a mutation's payload need not read them again.
			b.WriteString("\nRETURN collect({from: a.slug, to: b.slug, tie: " + tieOf("r") + "}) AS " + name)
			written = append(written, name)
		}
		b.WriteString("\n}\n")
	}
	if then != "" {
		if len(written) == 0 {
			written = []string{"[]"}
		}
		b.WriteString("WITH " + strings.Join(written, " + ") + " AS written\n")
	}
	b.WriteString(then)
	return b.String(), params
}

// exec runs one statement and discards its result.
func (t *curationTx) exec(ctx context.Context, query string, params map[string]any) error {
	res, err := t.run(ctx, query, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

// remember notes what a write left: r under its key, or nothing when r is nil.
func (t *curationTx) remember(kind dataset.Kind, key string, r dataset.Record) {
	if t.known == nil {
		t.known = map[recordID]dataset.Record{}
	}
	t.known[recordID{kind, key}] = r
}

func (t *curationTx) Put(ctx context.Context, r dataset.Record) error {
	if err := t.mayWrite(r.RecordKind(), r.RecordKey()); err != nil {
		return err
	}
	before, err := t.Get(ctx, r.RecordKind(), r.RecordKey())
	if err != nil {
		return err
	}
	fields := dataset.Diff(before, r)
	if before != nil && len(fields) == 0 {
		return nil
	}
	if err := t.write(ctx, r, before); err != nil {
		return err
	}
	t.remember(r.RecordKind(), r.RecordKey(), r)
	action := dataset.ActionUpdated
	if before == nil {
		action = dataset.ActionCreated
	}
	t.entries = append(t.entries, dataset.Entry{Kind: r.RecordKind(), Key: r.RecordKey(), Action: action, Fields: fields})
	if src, ok := r.(dataset.SourceRecord); ok && before != nil {
		if t.claimed != nil {
			return fmt.Errorf("neo4jstore: a source's edit writes its citers again: it may not claim records")
		}
		return t.reweigh(ctx, src.Key)
	}
	return nil
}

// write merges r, weighing its evidence by the sources it cites as they are stored; the write is held
// back (see curationTx). When before cites the same passages, the evidence stored with it stands and is
// left as it is, which spares reading the sources.
func (t *curationTx) write(ctx context.Context, r, before dataset.Record) error {
	cited := dataset.Citations(r)
	if before != nil && slices.Equal(cited, dataset.Citations(before)) {
		query, row := rowOf(r, dataset.SourceIndex{})
		if props, ok := row["props"].(map[string]any); ok {
			for _, k := range evidenceProps {
				delete(props, k)
			}
		}
		t.pending = append(t.pending, pendingWrite{r.RecordKind(), query, row})
		return nil
	}
	docs, err := t.sources(ctx, cited)
	if err != nil {
		return err
	}
	query, row := rowOf(r, docs)
	t.pending = append(t.pending, pendingWrite{r.RecordKind(), query, row})
	return nil
}

// evidenceProps are the properties rowOf weighs from the cited sources.
var evidenceProps = []string{"evidencedFrom", "independentSources", "strongestSource"}

// reweigh writes again every record that cites the source key, whose kind, story or date weigh their
// evidence. It changes no field a curator sets, so the change records nothing for them.
func (t *curationTx) reweigh(ctx context.Context, key string) error {
	citers, err := t.Attached(ctx, dataset.KindSource, key)
	if err != nil {
		return err
	}
	for _, r := range citers {
		if err := t.write(ctx, r, nil); err != nil {
			return err
		}
	}
	return nil
}

// sources returns the stored sources of citations cs, reading those the transaction does not know.
func (t *curationTx) sources(ctx context.Context, cs []domain.Citation) (dataset.SourceIndex, error) {
	refs := make([]dataset.Ref, len(cs))
	for i, c := range cs {
		refs[i] = dataset.Ref{Kind: dataset.KindSource, Key: c.Source}
	}
	if err := t.Preload(ctx, refs, nil); err != nil {
		return nil, err
	}
	ix := dataset.SourceIndex{}
	for _, c := range cs {
		if r, ok := t.known[recordID{dataset.KindSource, c.Source}].(dataset.SourceRecord); ok {
			ix[c.Source] = r
		}
	}
	return ix, nil
}

func (t *curationTx) Delete(ctx context.Context, kind dataset.Kind, key string) error {
	if t.claimed != nil {
		return fmt.Errorf("neo4jstore: a delete takes every lock stripe: it may not claim records")
	}
	before, err := t.Get(ctx, kind, key)
	if err != nil || before == nil {
		return err
	}
	if err := t.exec(ctx, deleteStatement(kind, key), map[string]any{"key": key}); err != nil {
		return err
	}
	t.remember(kind, key, nil)
	if kind != dataset.KindSource && nodeLabels[kind].label != "" {
		// DETACH DELETE took the node's relationships with it: forget what was read of them.
		for id, r := range t.known {
			if r != nil && id.kind != kind && mentions(r, key) {
				delete(t.known, id)
			}
		}
	}
	t.entries = append(t.entries, dataset.Entry{Kind: kind, Key: key, Action: dataset.ActionDeleted,
		Fields: dataset.Diff(before, nil)})
	return nil
}

func (t *curationTx) Attached(ctx context.Context, kind dataset.Kind, key string) ([]dataset.Record, error) {
	var out []dataset.Record
	if kind == dataset.KindSource {
		res, err := t.run(ctx, citersOfNodes, map[string]any{"key": key})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			labels, _, _ := neo4j.GetRecordValue[[]any](rec, "labels")
			props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
			for k, n := range nodeLabels {
				if slices.Contains(labels, any(n.label)) {
					out = append(out, nodeRecord(k, props))
				}
			}
		}
		q := citersOfRels
		res, err = t.run(ctx, q, map[string]any{"key": key})
		if err != nil {
			return nil, err
		}
		if recs, err = res.Collect(ctx); err != nil {
			return nil, err
		}
		for _, rec := range recs {
			if r := relRecord(rec); r != nil {
				out = append(out, r)
			}
		}
		return out, nil
	}
	q, ok := attachedTo[kind]
	if !ok {
		return nil, fmt.Errorf("neo4jstore: nothing is attached to a %s", kind)
	}
	res, err := t.run(ctx, q, map[string]any{"key": key})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		if r := relRecord(rec); r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

func (t *curationTx) Redirect(ctx context.Context, from, to string) error {
	if t.claimed != nil {
		return fmt.Errorf("neo4jstore: a merge takes every lock stripe: it may not claim records")
	}
	t.redirects = nil // slugs that led to from lead to to now
	return t.exec(ctx, writeRedirect, map[string]any{"from": from, "to": to})
}

func (t *curationTx) RedirectOf(ctx context.Context, slug string) (string, error) {
	if err := t.Preload(ctx, nil, []string{slug}); err != nil {
		return "", err
	}
	return t.redirects[slug], nil
}

func (t *curationTx) noteRedirect(slug, to string) {
	if t.redirects == nil {
		t.redirects = map[string]string{}
	}
	t.redirects[slug] = to
}

// Preload reads the records of refs and the redirects of slugs not known yet in one statement: a
// subquery per label or relationship type (their indexes find the keys), joined by UNION ALL.
func (t *curationTx) Preload(ctx context.Context, refs []dataset.Ref, redirects []string) error {
	keys := map[string][]string{} // branch statement → keys it reads
	kinds := map[string]dataset.Kind{}
	for _, ref := range refs {
		id := recordID{ref.Kind, ref.Key}
		if _, ok := t.known[id]; ok {
			continue
		}
		branch, ok := preloadBranch(ref)
		if !ok {
			t.remember(ref.Kind, ref.Key, nil) // a key no record can have
			continue
		}
		if !slices.Contains(keys[branch], ref.Key) {
			keys[branch] = append(keys[branch], ref.Key)
		}
		kinds[branch] = ref.Kind
	}
	for _, slug := range redirects {
		if _, ok := t.redirects[slug]; !ok && !slices.Contains(keys[preloadRedirects], slug) {
			keys[preloadRedirects] = append(keys[preloadRedirects], slug)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	branches := slices.Sorted(maps.Keys(keys))
	params := map[string]any{}
	parts := make([]string, len(branches))
	for i, b := range branches {
		name := "k" + strconv.Itoa(i)
		params[name] = keys[b]
		parts[i] = strings.Replace(b, "$keys", "$"+name, 1)
		// What is not found does not exist.
		for _, k := range keys[b] {
			if b == preloadRedirects {
				t.noteRedirect(k, "")
			} else {
				t.remember(kinds[b], k, nil)
			}
		}
	}
	query := "CALL {\n" + strings.Join(parts, "\nUNION ALL\n") + "\n}\nRETURN kind, key, type, fromLabels, from, to, props"
	res, err := t.run(ctx, query, params)
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		kind, key := dataset.Kind(str(m, "kind")), str(m, "key")
		switch {
		case kind == "redirect":
			t.noteRedirect(key, str(m, "to"))
		case nodeLabels[kind].label != "":
			props, _ := m["props"].(map[string]any)
			t.remember(kind, key, nodeRecord(kind, props))
		default:
			if r := relRecord(rec); r != nil {
				t.remember(kind, key, r)
			}
		}
	}
	return nil
}

// preloadRedirects is Preload's subquery for redirects.
const preloadRedirects = `UNWIND $keys AS key MATCH (r:SlugRedirect {slug: key})
RETURN 'redirect' AS kind, key, null AS type, null AS fromLabels, null AS from, r.to AS to, null AS props`

// preloadBranch returns Preload's subquery for the kind of record ref names, with the rows relRecord
// and nodeRecord read; false when no record can have its key.
func preloadBranch(ref dataset.Ref) (string, bool) {
	kind := "'" + string(ref.Kind) + "' AS kind"
	if n, ok := nodeLabels[ref.Kind]; ok {
		return `UNWIND $keys AS key MATCH (n:` + n.label + ` {` + n.key + `: key})
RETURN ` + kind + `, key, null AS type, null AS fromLabels, null AS from, null AS to, properties(n) AS props`, true
	}
	rel := relType(ref.Kind, ref.Key)
	if rel == "" {
		return "", false
	}
	return `UNWIND $keys AS key MATCH (a)-[r:` + rel + ` {key: key}]->(b)
RETURN ` + kind + `, key, type(r) AS type, labels(a) AS fromLabels, a.slug AS from, b.slug AS to, properties(r) AS props`, true
}

// StakeholderRedirect returns the slug a merged stakeholder's slug now resolves to, or "" when slug was
// never merged into another.
func (s *Store) StakeholderRedirect(ctx context.Context, slug string) (string, error) {
	return readPlain(ctx, s, func(tx runner) (string, error) {
		res, err := tx.Run(ctx, readRedirect, map[string]any{"slug": slug})
		if err != nil {
			return "", err
		}
		recs, err := res.Collect(ctx)
		if err != nil || len(recs) == 0 {
			return "", err
		}
		to, _, _ := neo4j.GetRecordValue[string](recs[0], "to")
		return to, nil
	})
}

// nodeRecord reads a node's properties back into the record that wrote them (rowOf).
func nodeRecord(kind dataset.Kind, p map[string]any) dataset.Record {
	switch kind {
	case dataset.KindSource:
		return dataset.SourceRecord{Key: str(p, "key"), Title: str(p, "title"), Publisher: str(p, "publisher"),
			Date: str(p, "date"), URL: str(p, "url"), Kind: str(p, "kind"), Story: str(p, "story")}
	case dataset.KindStakeholder:
		collective, _ := p["collective"].(bool)
		return dataset.StakeholderRecord{Slug: str(p, "slug"), Name: str(p, "name"), Acronym: str(p, "acronym"),
			Aliases: listOrNil(strs(p, "aliases")), Kind: str(p, "kind"), Sector: str(p, "sector"), Country: str(p, "country"),
			FocusAreas: listOrNil(strs(p, "focusAreas")), Mandates: listOrNil(strs(p, "mandates")), Description: str(p, "description"),
			Collective: collective, Citations: citationsIn(p)}
	case dataset.KindPerson:
		return dataset.PersonRecord{Slug: str(p, "slug"), Name: str(p, "name"), Honorific: str(p, "honorific"),
			Citations: citationsIn(p)}
	case dataset.KindEvent:
		return dataset.EventRecord{Slug: str(p, "slug"), Name: str(p, "name"), Kind: str(p, "kind"),
			Date: str(p, "date"), Location: str(p, "location"), Country: str(p, "country"),
			Description: str(p, "description"), Citations: citationsIn(p)}
	}
	return nil
}

// relRecord reads a record stored as a relationship from a row with its type, the labels and slug of its
// start, the slug of its end, and its properties.
func relRecord(rec *neo4j.Record) dataset.Record {
	m := rec.AsMap()
	typ, from, to := str(m, "type"), str(m, "from"), str(m, "to")
	p, _ := m["props"].(map[string]any)
	if typ == "HOLDS_POSITION" {
		return dataset.PositionRecord{Person: from, Stakeholder: to, Title: str(p, "title"), Since: str(p, "since"),
			Until: str(p, "until"), Citations: citationsIn(p)}
	}
	for role, rel := range participationTypes {
		if rel == typ {
			r := dataset.ParticipationRecord{Event: to, Role: string(role), Description: str(p, "description"),
				Citations: citationsIn(p)}
			if labels, _ := m["fromLabels"].([]any); slices.Contains(labels, any("Person")) {
				r.Person = from
			} else {
				r.Stakeholder = from
			}
			return r
		}
	}
	if t := domain.TieType(typ); t.IsValid() {
		return dataset.TieRecord{Type: typ, From: from, To: to, Role: str(p, "role"), FocusAreas: listOrNil(strs(p, "focusAreas")),
			Description: str(p, "description"), Since: str(p, "since"), Until: str(p, "until"), Citations: citationsIn(p)}
	}
	return nil
}

func citationsIn(p map[string]any) []domain.Citation {
	keys, quotes := listOrNil(strs(p, "citeSources")), listOrNil(strs(p, "citeQuotes"))
	out := make([]domain.Citation, len(keys))
	for i, k := range keys {
		out[i].Source = k
		if i < len(quotes) {
			out[i].Quote = quotes[i]
		}
	}
	return out
}

// listOrNil keeps an empty list out of a record, where it means the same as none.
func listOrNil(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Source reads the source document key, from the document cache when it holds it.
func (s *Store) Source(ctx context.Context, key string) (*domain.Source, error) {
	src, err := read(ctx, s, func(tx runner) (*domain.Source, error) { return &domain.Source{Key: key}, nil })
	if err == nil && src.Title == "" {
		err = domain.Errorf(domain.CodeNotFound, "no source has the key %q", key)
	}
	return src, err
}

const digestNodes = `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props`
const digestRels = `MATCH (a)-[r]->(b) RETURN type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props`

// Digest returns a hash of everything the database holds: every node's labels and properties, and every
// relationship's type, ends and properties. Two digests are equal exactly when nothing was written in
// between (an element's ID is part of its relationships' lines, so deleting and recreating a node
// shows). Tests use it to check that a refused change left the graph as it was.
func (s *Store) Digest(ctx context.Context) (string, error) {
	return readPlain(ctx, s, func(tx runner) (string, error) {
		var lines []string
		for _, q := range []string{digestNodes, digestRels} {
			res, err := tx.Run(ctx, q, nil)
			if err != nil {
				return "", err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return "", err
			}
			for _, rec := range recs {
				line, err := json.Marshal(rec.AsMap())
				if err != nil {
					return "", err
				}
				lines = append(lines, string(line))
			}
		}
		slices.Sort(lines)
		sum := sha256.New()
		for _, l := range lines {
			sum.Write([]byte(l))
			sum.Write([]byte{'\n'})
		}
		return hex.EncodeToString(sum.Sum(nil)), nil
	})
}

// mentions reports whether a tie, position or participation has the slug at one of its ends.
func mentions(r dataset.Record, slug string) bool {
	switch r := r.(type) {
	case dataset.TieRecord:
		return r.From == slug || r.To == slug
	case dataset.PositionRecord:
		return r.Person == slug || r.Stakeholder == slug
	case dataset.ParticipationRecord:
		return r.Event == slug || r.Stakeholder == slug || r.Person == slug
	}
	return false
}
