package neo4jstore

import (
	"context"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// LoadSummary counts what a load wrote.
type LoadSummary struct {
	Sources, Stakeholders, People, Events, Ties, Positions, Participations int
}

const (
	mergeSources = `UNWIND $rows AS row
MERGE (d:Source {key: row.key})
SET d += row.props`
	mergeStakeholders = `UNWIND $rows AS row
MERGE (s:Stakeholder {slug: row.slug})
SET s += row.props`
	mergePeople = `UNWIND $rows AS row
MERGE (p:Person {slug: row.slug})
SET p += row.props`
	mergeEvents = `UNWIND $rows AS row
MERGE (e:Event {slug: row.slug})
SET e += row.props`
	mergePositions = `UNWIND $rows AS row
MATCH (p:Person {slug: row.from}), (s:Stakeholder {slug: row.to})
USING INDEX p:Person(slug) USING INDEX s:Stakeholder(slug)
MERGE (p)-[r:HOLDS_POSITION {key: row.key}]->(s)
SET r += row.props`
)

// The statements that link records name the slug indexes they must use: a plan made while a bulk load
// has barely begun (few stakeholders, stale statistics) may otherwise scan every stakeholder per row, and
// a load of a million ties then stalls on one batch for minutes.

// mergeTies has one statement per tie type, since Cypher cannot take a relationship type as a parameter.
var mergeTies = func() map[domain.TieType]string {
	m := map[domain.TieType]string{}
	for _, t := range domain.TieTypes {
		m[t] = `UNWIND $rows AS row
MATCH (a:Stakeholder {slug: row.from}), (b:Stakeholder {slug: row.to})
USING INDEX a:Stakeholder(slug) USING INDEX b:Stakeholder(slug)
MERGE (a)-[r:` + string(t) + ` {key: row.key}]->(b)
SET r += row.props`
	}
	return m
}()

// mergeParticipations has one statement per participant label and role.
var mergeParticipations = func() map[string]string {
	m := map[string]string{}
	for _, label := range []string{"Stakeholder", "Person"} {
		for role, rel := range participationTypes {
			m[label+":"+string(role)] = `UNWIND $rows AS row
MATCH (x:` + label + ` {slug: row.from}), (e:Event {slug: row.to})
USING INDEX x:` + label + `(slug) USING INDEX e:Event(slug)
MERGE (x)-[r:` + rel + ` {key: row.key}]->(e)
SET r += row.props`
		}
	}
	return m
}()

// Load validates d and writes it in one transaction: every record or none. Records are merged by slug or
// key, so loading the same data twice changes nothing.
func (s *Store) Load(ctx context.Context, d *dataset.Dataset) (LoadSummary, error) {
	if err := d.Validate(); err != nil {
		return LoadSummary{}, err
	}
	batches := loadBatches(d)
	return write(ctx, s, func(tx neo4j.ManagedTransaction) (LoadSummary, error) {
		for _, b := range append(batches, batch{query: bumpVersion, rows: []map[string]any{{}}}) {
			if len(b.rows) == 0 {
				continue
			}
			res, err := tx.Run(ctx, b.query, map[string]any{"rows": b.rows})
			if err != nil {
				return LoadSummary{}, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return LoadSummary{}, err
			}
		}
		return summarise(d), nil
	})
}

// LoadBulk validates d, then writes it in transactions of at most batchSize rows each, nodes before ties.
// It is for large generated or imported networks that one transaction cannot hold: unlike Load it is not
// atomic, but as records are merged by key, running it again after a failure completes the load.
func (s *Store) LoadBulk(ctx context.Context, d *dataset.Dataset, batchSize int) (LoadSummary, error) {
	defer s.forget()
	if err := d.Validate(); err != nil {
		return LoadSummary{}, err
	}
	for _, b := range loadBatches(d) {
		for start := 0; start < len(b.rows); start += batchSize {
			rows := b.rows[start:min(start+batchSize, len(b.rows))]
			// Each batch bumps the version in its own transaction: a load that fails part-way has
			// still changed the graph, and readers must see that it did.
			_, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
				for _, q := range []struct {
					text   string
					params map[string]any
				}{{b.query, map[string]any{"rows": rows}}, {bumpVersion, nil}} {
					res, err := tx.Run(ctx, q.text, q.params)
					if err == nil {
						_, err = res.Consume(ctx)
					}
					if err != nil {
						return struct{}{}, err
					}
				}
				return struct{}{}, nil
			})
			if err != nil {
				return LoadSummary{}, err
			}
		}
	}
	return summarise(d), nil
}

func summarise(d *dataset.Dataset) LoadSummary {
	return LoadSummary{Sources: len(d.Sources), Stakeholders: len(d.Stakeholders), People: len(d.People),
		Events: len(d.Events), Ties: len(d.Ties), Positions: len(d.Positions), Participations: len(d.Participations)}
}

type batch struct {
	query string
	rows  []map[string]any
}

// loadBatches turns the records into parameter rows, nodes before the ties that need them.
func loadBatches(d *dataset.Dataset) []batch {
	var out []batch
	docs := d.SourceIndex()
	add := func(r dataset.Record) {
		query, row := rowOf(r, docs)
		for i := range out {
			if out[i].query == query {
				out[i].rows = append(out[i].rows, row)
				return
			}
		}
		out = append(out, batch{query: query, rows: []map[string]any{row}})
	}
	for _, it := range d.Items() {
		add(it.Record)
	}
	// Node batches first, then ties; within each, a fixed order keeps runs reproducible.
	rank := func(q string) int {
		switch q {
		case mergeSources:
			return 0
		case mergeStakeholders, mergePeople, mergeEvents:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].query) < rank(out[j].query) })
	return out
}

// rowOf returns the statement that merges a record and its parameter row; docs holds (at least) the
// sources the record cites, which weigh its evidence. A loaded record and a curated one are written by
// the same statements from the same rows.
func rowOf(rec dataset.Record, docs dataset.SourceIndex) (string, map[string]any) {
	switch r := rec.(type) {
	case dataset.SourceRecord:
		return mergeSources, map[string]any{"key": r.Key, "props": map[string]any{
			"title": r.Title, "publisher": orNil(r.Publisher), "date": orNil(r.Date), "url": orNil(r.URL),
			"kind": orNil(r.Kind), "story": orNil(r.Story)}}
	case dataset.StakeholderRecord:
		props := map[string]any{
			"name": r.Name, "nameKey": strings.ToLower(r.Name), "acronym": orNil(r.Acronym),
			"aliases": nonNil(r.Aliases), "aliasText": strings.Join(r.Aliases, "\n"),
			"searchText": strings.ToLower(strings.Join(append([]string{r.Name, r.Acronym}, r.Aliases...), "\n")),
			"kind":       r.Kind, "sector": r.Sector, "country": orNil(r.Country), "focusAreas": nonNil(r.FocusAreas),
			"mandates": nonNil(r.Mandates), "description": orNil(r.Description), "collective": r.Collective,
		}
		return mergeStakeholders, map[string]any{"slug": r.Slug, "props": withCitations(props, r.Citations)}
	case dataset.PersonRecord:
		props := map[string]any{"name": r.Name, "nameKey": strings.ToLower(r.Name), "honorific": orNil(r.Honorific)}
		return mergePeople, map[string]any{"slug": r.Slug, "props": withCitations(props, r.Citations)}
	case dataset.EventRecord:
		props := map[string]any{"name": r.Name, "nameKey": strings.ToLower(r.Name), "kind": r.Kind,
			"date": orNil(r.Date), "sortDate": r.Date, "location": orNil(r.Location), "country": orNil(r.Country),
			"description": orNil(r.Description)}
		return mergeEvents, map[string]any{"slug": r.Slug, "props": withCitations(props, r.Citations)}
	case dataset.TieRecord:
		from, to := r.From, r.To
		if !domain.TieType(r.Type).Directed() && to < from {
			from, to = to, from // a partnership has no direction: store it one way, so it merges either way
		}
		ev := docs.Evidence(r.Citations)
		props := map[string]any{"role": orNil(r.Role), "focusAreas": nonNil(r.FocusAreas),
			"description": orNil(r.Description), "since": orNil(r.Since), "until": orNil(r.Until),
			"evidencedFrom": orNil(docs.EvidencedFrom(r.Citations)), "independentSources": ev.IndependentSources,
			"strongestSource": optParam(ev.StrongestSource)}
		return mergeTies[domain.TieType(r.Type)], map[string]any{"from": from, "to": to,
			"key": r.RecordKey(), "props": withCitations(props, r.Citations)}
	case dataset.PositionRecord:
		props := map[string]any{"title": r.Title, "since": orNil(r.Since), "until": orNil(r.Until),
			"evidencedFrom": orNil(docs.EvidencedFrom(r.Citations))}
		return mergePositions, map[string]any{"from": r.Person, "to": r.Stakeholder,
			"key": r.RecordKey(), "props": withCitations(props, r.Citations)}
	case dataset.ParticipationRecord:
		label, who := "Stakeholder", r.Stakeholder
		if r.Person != "" {
			label, who = "Person", r.Person
		}
		ev := docs.Evidence(r.Citations)
		props := map[string]any{"description": orNil(r.Description), "independentSources": ev.IndependentSources,
			"strongestSource": optParam(ev.StrongestSource)}
		return mergeParticipations[label+":"+r.Role], map[string]any{"from": who, "to": r.Event,
			"key": r.RecordKey(), "props": withCitations(props, r.Citations)}
	}
	panic("neo4jstore: no statement writes a " + string(rec.RecordKind()))
}

func withCitations(props map[string]any, cs []domain.Citation) map[string]any {
	keys, quotes := make([]string, len(cs)), make([]string, len(cs))
	for i, c := range cs {
		keys[i], quotes[i] = c.Source, c.Quote
	}
	props["citeSources"], props["citeQuotes"] = keys, quotes
	return props
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const (
	countStakeholdersAll = `MATCH (s:Stakeholder) RETURN count(s) AS n`
	deleteEverything     = `MATCH (n) WHERE NOT n:GraphVersion CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`
)

// IsEmpty reports whether the graph holds no stakeholders yet.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	n, err := count(ctx, s, countStakeholdersAll, nil)
	return n == 0, err
}

// DeleteEverything removes every stakeholder, person, event, source and tie, and moves the graph version
// on. Tests use it to start clean; the service never calls it.
func (s *Store) DeleteEverything(ctx context.Context) error {
	defer s.forget()
	session := s.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	for _, stmt := range []string{deleteEverything, bumpVersion} {
		res, err := session.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return s.translate(err)
		}
	}
	return nil
}
