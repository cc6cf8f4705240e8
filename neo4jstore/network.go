package neo4jstore

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The network is read in two statements in one transaction: the stakeholders that match the filter, then
// the ties whose both ends match it. Both stream, so a large network never sits in one result row.

const networkNodeWhere = `($kinds IS NULL OR %[1]s.kind IN $kinds)
  AND ($sectors IS NULL OR %[1]s.sector IN $sectors)
  AND ($focusAreas IS NULL OR any(f IN %[1]s.focusAreas WHERE f IN $focusAreas))
  AND ($country IS NULL OR %[1]s.country = $country)`

func nodeWhere(v string) string { return strings.ReplaceAll(networkNodeWhere, "%[1]s", v) }

// viewTie keeps a tie r of the view whose end is end (the other end is matched already): end in the
// view, r of its types, in force at its date, with the evidence it asks for.
func viewTie(r, end string) string {
	return nodeWhere(end) + ` AND type(` + r + `) IN $types AND ` + inForce(r) + ` AND ` + admitted(r)
}

var (
	networkNodes = `MATCH (s:Stakeholder) WHERE ` + nodeWhere("s") + `
RETURN ` + stakeholderOf("s") + ` AS s ORDER BY s.slug`
	networkTies = `MATCH (a:Stakeholder)-[r:` + tieRels + `]->(b:Stakeholder)
WHERE ` + nodeWhere("a") + ` AND ` + viewTie("r", "b") + `
RETURN a.slug AS from, b.slug AS to, ` + tieOf("r") + ` AS r ORDER BY r.key`
	// The lean read returns one row per stakeholder with its outgoing ties as a nested list: a fraction
	// of the records (and of the time) of one row per tie. Tie keys are derived from the ends and type.
	networkLean = `MATCH (s:Stakeholder) WHERE ` + nodeWhere("s") + `
RETURN s.slug, s.kind, s.sector, s.name,
  [(s)-[r:` + tieRels + `]->(b:Stakeholder)
    WHERE ` + viewTie("r", "b") + ` | [b.slug, type(r)]] AS out`
)

// affiliationWhere keeps the shared participations an affiliation view counts: a and b took part in e in
// the roles of $roles (relationship types), each participation with the evidence asked for (see
// admitted), e is of $eventKinds and dated within $from and $to, and by $asOf (an event of unknown date
// counts at every date, as an undated tie does).
var affiliationWhere = `($roles IS NULL OR (type(pa) IN $roles AND type(pb) IN $roles))
  AND ` + admitted("pa") + ` AND ` + admitted("pb") + `
  AND ($eventKinds IS NULL OR e.kind IN $eventKinds)
  AND ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
  AND ($asOf IS NULL OR coalesce(e.date, '') <= $asOf)`

// affiliationTies ends a read of shared participations: one row per pair, with its events newest first.
var affiliationTies = `
WITH a.slug AS from, b.slug AS to, e ORDER BY e.sortDate DESC, e.slug
RETURN from, to, collect(DISTINCT e.slug) AS events ORDER BY from, to`

var (
	// networkAffiliation reads the affiliation network among the stakeholders that match the filter.
	networkAffiliation = `MATCH (a:Stakeholder)-[pa:` + participationRels + `]->(e:Event)<-[pb:` + participationRels + `]-(b:Stakeholder)
WHERE a.slug < b.slug AND ` + nodeWhere("a") + ` AND ` + nodeWhere("b") + `
  AND ` + affiliationWhere + affiliationTies
	// affiliationPairs reads the affiliation ties of given pairs of stakeholders (slugs in order).
	affiliationPairs = `UNWIND $pairs AS pair
MATCH (a:Stakeholder {slug: pair[0]})-[pa:` + participationRels + `]->(e:Event)<-[pb:` + participationRels + `]-(b:Stakeholder {slug: pair[1]})
WHERE ` + affiliationWhere + affiliationTies
)

// affiliationPairBound bounds the ties of an affiliation view before it is read: for each counted event,
// the pairs among its counted stakeholder participants, from each event's relationship counts.
var affiliationPairBound = `MATCH (e:Event)
WHERE ($eventKinds IS NULL OR e.kind IN $eventKinds)
  AND ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
  AND ($asOf IS NULL OR coalesce(e.date, '') <= $asOf)
WITH COUNT { (e)<-[p:` + participationRels + `]-(:Stakeholder) WHERE $roles IS NULL OR type(p) IN $roles } AS k
RETURN coalesce(sum(k * (k - 1) / 2), 0) AS n`

// affiliationFloor is how many ties an affiliation view may always have. Past it, a view may have no more
// than the graph has stored ties: that measure (TIES) prices every network view's ties before it is read,
// and events with many participants could otherwise make a view far larger than its price.
var affiliationFloor = 10000

// affiliationParams sets the parameters of affiliationWhere for f.
func affiliationParams(p map[string]any, f domain.NetworkFilter) map[string]any {
	a := f.Affiliation
	if a == nil {
		a = &domain.AffiliationFilter{}
	}
	p["roles"], p["eventKinds"], p["from"], p["to"], p["asOf"] = relTypes(a.Roles), listParam(a.EventKinds), optParam(a.From), optParam(a.To), optParam(f.AsOf)
	return evidenceParams(p, f.Evidence)
}

func networkParams(f domain.NetworkFilter) map[string]any {
	p := map[string]any{"kinds": listParam(f.Kinds), "sectors": listParam(f.Sectors),
		"focusAreas": listParam(f.FocusAreas), "country": nil, "types": networkTypes(f.TieTypes), "asOf": optParam(f.AsOf)}
	if f.Country != nil {
		p["country"] = strings.ToUpper(strings.TrimSpace(*f.Country))
	}
	return evidenceParams(p, f.Evidence)
}

// Network reads the stakeholders that match f and the ties among them. With detail, stakeholders and
// ties carry everything (mandates, descriptions, sources), as exports need; without, only what analysis
// needs and what a neighbourhood shows without reading more (slugs, names, kinds,
// sectors, tie keys and types), which is much faster on large graphs.
func (s *Store) Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error) {
	params := networkParams(f)
	if f.Affiliation != nil {
		limit := max(s.Measures(ctx).Ties, affiliationFloor)
		return read(ctx, s, func(tx runner) (*domain.Network, error) {
			params := affiliationParams(params, f)
			bound, err := countIn(ctx, tx, affiliationPairBound, params)
			if err != nil {
				return nil, err
			}
			if bound > limit {
				return nil, domain.Errorf(domain.CodeTooLarge, "this affiliation view could link up to %d pairs of stakeholders, "+
					"more than the %d a view may have here: narrow it by event kinds, roles or dates", bound, limit)
			}
			return affiliationNetwork(ctx, tx, params)
		})
	}
	if !detail {
		return readPlain(ctx, s, func(tx runner) (*domain.Network, error) {
			return leanNetwork(ctx, tx, params)
		})
	}
	return read(ctx, s, func(tx runner) (*domain.Network, error) {
		return readNetwork(ctx, tx, networkTies, collectNetworkTies, params)
	})
}

// affiliationNetwork reads the stakeholders that match the filter and the affiliation ties among them.
func affiliationNetwork(ctx context.Context, tx runner, params map[string]any) (*domain.Network, error) {
	return readNetwork(ctx, tx, networkAffiliation, collectAffiliationTies, params)
}

// readNetwork reads the stakeholders that match the filter, then the ties among them with ties, decoded
// by collect.
func readNetwork(ctx context.Context, tx runner, ties string, collect func(context.Context, neo4j.ResultWithContext) ([]*domain.NetworkTie, error), params map[string]any) (*domain.Network, error) {
	n := &domain.Network{}
	res, err := tx.Run(ctx, networkNodes, params)
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		m, _ := res.Record().Values[0].(map[string]any)
		n.Stakeholders = append(n.Stakeholders, decodeStakeholder(m))
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	if res, err = tx.Run(ctx, ties, params); err != nil {
		return nil, err
	}
	n.Ties, err = collect(ctx, res)
	return n, err
}

// collectAffiliationTies reads rows of (from slug, to slug, event slugs) as CO_PARTICIPATES ties.
func collectAffiliationTies(ctx context.Context, res neo4j.ResultWithContext) ([]*domain.NetworkTie, error) {
	var ties []*domain.NetworkTie
	for res.Next(ctx) {
		v := res.Record().Values
		from, _ := v[0].(string)
		to, _ := v[1].(string)
		list, _ := v[2].([]any)
		events := make([]string, 0, len(list))
		for _, e := range list {
			if slug, ok := e.(string); ok {
				events = append(events, slug)
			}
		}
		ties = append(ties, &domain.NetworkTie{Key: domain.TieKey(from, domain.TieCoParticipates, to), Type: domain.TieCoParticipates,
			From: from, To: to, SharedEvents: len(events), EventSlugs: events})
	}
	return ties, res.Err()
}

// AffiliationTies returns the affiliation ties (CO_PARTICIPATES) with these keys in the affiliation view
// f selects, keyed by key; a key whose pair shared no counted event is missing.
func (s *Store) AffiliationTies(ctx context.Context, keys []string, f domain.NetworkFilter) (map[string]*domain.NetworkTie, error) {
	var pairs [][]string
	for _, k := range keys {
		if from, t, to, ok := domain.ParseTieKey(k); ok && t == domain.TieCoParticipates {
			pairs = append(pairs, []string{from, to})
		}
	}
	out := map[string]*domain.NetworkTie{}
	if len(pairs) == 0 {
		return out, nil
	}
	return read(ctx, s, func(tx runner) (map[string]*domain.NetworkTie, error) {
		res, err := tx.Run(ctx, affiliationPairs, affiliationParams(map[string]any{"pairs": pairs}, f))
		if err != nil {
			return nil, err
		}
		ties, err := collectAffiliationTies(ctx, res)
		for _, t := range ties {
			out[t.Key] = t
		}
		return out, err
	})
}

func leanNetwork(ctx context.Context, tx runner, params map[string]any) (*domain.Network, error) {
	res, err := tx.Run(ctx, networkLean, params)
	if err != nil {
		return nil, err
	}
	n := &domain.Network{}
	for res.Next(ctx) {
		v := res.Record().Values
		s := leanStakeholder(v)
		from := s.Slug
		n.Stakeholders = append(n.Stakeholders, s)
		out, _ := v[4].([]any)
		for _, o := range out {
			pair, _ := o.([]any)
			if len(pair) != 2 {
				continue
			}
			to, _ := pair[0].(string)
			t, _ := pair[1].(string)
			typ := domain.TieType(t)
			n.Ties = append(n.Ties, &domain.NetworkTie{Key: domain.TieKey(from, typ, to), Type: typ, From: from, To: to})
		}
	}
	return n, res.Err()
}

// leanStakeholder decodes a lean row's first four values (slug, kind, sector, name), as networkLean and
// networkLeanAt return them.
func leanStakeholder(v []any) *domain.Stakeholder {
	slug, _ := v[0].(string)
	kind, _ := v[1].(string)
	sector, _ := v[2].(string)
	name, _ := v[3].(string)
	return &domain.Stakeholder{Slug: slug, Name: name, Kind: domain.StakeholderKind(kind), Sector: domain.Sector(sector)}
}

// collectNetworkTies reads rows of (from slug, to slug, projected tie).
func collectNetworkTies(ctx context.Context, res neo4j.ResultWithContext) ([]*domain.NetworkTie, error) {
	var ties []*domain.NetworkTie
	for res.Next(ctx) {
		v := res.Record().Values
		from, _ := v[0].(string)
		to, _ := v[1].(string)
		r, _ := v[2].(map[string]any)
		ties = append(ties, decodeNetworkTie(r, from, to))
	}
	return ties, res.Err()
}

func decodeNetworkTie(r row, from, to string) *domain.NetworkTie {
	return &domain.NetworkTie{Key: str(r, "key"), Type: domain.TieType(str(r, "type")), From: from, To: to,
		Role: optStr(r, "role"), FocusAreas: enums[domain.FocusArea](r, "focusAreas"),
		Description: optStr(r, "description"), Span: decodeSpan(r), Evidence: decodeEvidence(r), Sources: decodeSources(r)}
}

// matchTiesByKey finds ties by key in the key index of their type (the key names the type), one UNWIND
// per type, binding a, r and b: the keys of each type are the parameter named by the type (tieKeyParams).
var matchTiesByKey = func() string {
	parts := make([]string, len(domain.TieTypes))
	for i, t := range domain.TieTypes {
		parts[i] = `UNWIND $` + string(t) + ` AS key
  MATCH (a:Stakeholder)-[r:` + string(t) + ` {key: key}]->(b:Stakeholder) RETURN a, r, b`
	}
	return `CALL () {
  ` + strings.Join(parts, "\n  UNION ALL\n  ") + `
}
`
}()

// tiesByKey looks ties up by key, in one statement.
var tiesByKey = matchTiesByKey + `RETURN a.slug AS from, b.slug AS to, ` + tieOf("r") + ` AS r`

// tieKeyParams adds to params the tie keys, in one list per stored tie type; a key of no stored type
// is left out.
func tieKeyParams(params map[string]any, keys []string) map[string]any {
	for _, t := range domain.TieTypes {
		params[string(t)] = []string{}
	}
	for _, k := range keys {
		if _, t, _, ok := domain.ParseTieKey(k); ok && t.IsValid() {
			params[string(t)] = append(params[string(t)].([]string), k)
		}
	}
	return params
}

// TiesByKey reads ties with everything they carry, keyed by tie key; unknown keys are left out.
func (s *Store) TiesByKey(ctx context.Context, keys []string) (map[string]*domain.NetworkTie, error) {
	params := tieKeyParams(map[string]any{}, keys)
	return read(ctx, s, func(tx runner) (map[string]*domain.NetworkTie, error) {
		res, err := tx.Run(ctx, tiesByKey, params)
		if err != nil {
			return nil, err
		}
		ties, err := collectNetworkTies(ctx, res)
		out := make(map[string]*domain.NetworkTie, len(ties))
		for _, t := range ties {
			out[t.Key] = t
		}
		return out, err
	})
}

// graphVersion reads the version: the count of writes plus a random epoch drawn when the version node is
// created, so a graph emptied by other means and written again does not repeat a number already seen.
const graphVersion = `OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN coalesce(v.epoch, 0) + coalesce(v.version, 0) AS n`

// bumpVersion is run by every write, in the write's own transaction, so readers that cache derived data
// (the analytics projection, the response cache) see that the graph changed.
const bumpVersion = `MERGE (v:GraphVersion {id: 'graph'})
ON CREATE SET v.epoch = toInteger(rand() * 1000000000000)
SET v.version = coalesce(v.version, 0) + 1`

// GraphVersion returns a number that changes whenever the graph is written. Writes through this store
// show at once; a write by another process (another instance of the service) shows within versionTTL,
// which spares a round trip per analytics request. When the number read differs from the last one, the
// documents cached for citations are dropped too, as the write may have changed them.
func (s *Store) GraphVersion(ctx context.Context) (int64, error) {
	if v, ok := s.version.get(); ok {
		return v, nil
	}
	gen, started := s.version.generation(), time.Now()
	n, err := count(ctx, s, graphVersion, nil)
	if err == nil && s.version.put(int64(n), gen, started) {
		s.documents.clear()
	}
	return int64(n), err
}

// versionTTL is how long the graph version read last is trusted.
const versionTTL = time.Second

// versionCache keeps the graph version read last. forget starts a new generation, and a value read in
// an older generation is not kept: it may predate the write that ended that generation. Of reads that
// overlap, the one started last wins, so the version never steps back to a value read before another.
type versionCache struct {
	mu    sync.Mutex
	gen   uint64
	value int64
	read  time.Time // when the read that gave value started
	valid bool
	seen  bool // value holds a version read from the database
}

func (c *versionCache) get() (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value, c.valid && time.Since(c.read) < versionTTL
}

func (c *versionCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps v, read by a query started at started in generation gen, unless a later read is kept
// already; it reports whether v differs from the version seen before.
func (c *versionCache) put(v int64, gen uint64, started time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	changed := c.seen && v != c.value
	if gen != c.gen || (c.seen && started.Before(c.read)) {
		return changed
	}
	c.value, c.read, c.valid, c.seen = v, started, true, true
	return changed
}

// wrote keeps v, the version a write of this store committed, unless a later write's is kept already
// (two writes' commits may be noticed in either order). It spares the reads after a write reading the
// version again.
func (c *versionCache) wrote(v int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++ // a read in flight may have read the version before this write
	if c.valid && v < c.value {
		return
	}
	c.value, c.read, c.valid, c.seen = v, time.Now(), true, true
}

func (c *versionCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.valid = false
}

// forget drops what the store caches about the graph, after a write.
func (s *Store) forget() {
	s.documents.clear()
	s.version.forget()
	s.measures.forget()
}

// curated notes a curated change: the version it committed, and the documents it changed, which are
// read again. The measures stay: they price queries, a change moves a count or a degree by one or two,
// and they are read again within versionTTL, when the version they were read at no longer holds.
// Dropping them made every request after a change wait for a full measurement: with a stream of
// changes, every request.
func (s *Store) curated(version int64, c *dataset.Change) {
	s.version.wrote(version)
	var sources []string
	for _, e := range c.Entries {
		if e.Kind == dataset.KindSource {
			sources = append(sources, e.Key)
		}
	}
	if len(sources) > 0 {
		s.documents.drop(sources)
	}
}
