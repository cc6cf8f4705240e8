package neo4jstore

import (
	"context"
	"maps"
	"slices"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// A curated change moves the graph version on by one and records that version with the change (see
// recordChange). So the changes between two versions tell which stakeholders a view may have changed at,
// when every version between them is a recorded change; any other write (a load, a bulk import, a graph
// emptied) leaves a version without one, and the view is then read again whole.

// changesBetween reads the changes recorded at versions in ($since, $until], with what each touched.
const changesBetween = `MATCH (c:Change) WHERE c.version > $since AND c.version <= $until
OPTIONAL MATCH (c)-[:TOUCHED]->(e:ChangeEntry)
RETURN c.version AS version, collect([e.kind, e.key, e.action]) AS entries`

// maxDeltaRecords bounds the stakeholders and ties a delta re-reads: past it, reading the view again
// whole costs little more, and an import of thousands of records is not patched in.
const maxDeltaRecords = 2000

// networkLeanAt reads, of the stakeholders $slugs, those in the view and every tie of the view at one of
// them: the rows of networkLean, with the ties coming in as well as those going out.
var networkLeanAt = `MATCH (s:Stakeholder) WHERE s.slug IN $slugs AND ` + nodeWhere("s") + `
RETURN s.slug, s.kind, s.sector, s.name,
  [(s)-[r:` + tieRels + `]->(b:Stakeholder) WHERE ` + viewTie("r", "b") + ` | [s.slug, b.slug, type(r)]] +
  [(a:Stakeholder)-[r:` + tieRels + `]->(s) WHERE ` + viewTie("r", "a") + ` | [a.slug, s.slug, type(r)]] AS ties`

// networkLeanTiesAt reads, of the ties with the keys given (tieKeyParams), those in the view.
var networkLeanTiesAt = matchTiesByKey + `WITH a, r, b
WHERE ` + nodeWhere("a") + ` AND ` + viewTie("r", "b") + `
RETURN a.slug, b.slug, type(r)`

// NetworkDelta reads how the view f selects changed from version since to version until (see
// domain.Store): the stakeholders the changes wrote, re-read with every tie of the view at them, and the
// ties they wrote between other stakeholders, re-read alone, so a tie to a stakeholder with thousands
// of ties does not re-read those. It answers nil, to read the view again whole, for an affiliation view
// (its ties come from events and participations), when a version in between is not a recorded change,
// when a source was changed (the evidence of every record citing it was weighed again, which the
// change does not list), or when more than maxDeltaRecords records were written.
func (s *Store) NetworkDelta(ctx context.Context, f domain.NetworkFilter, since, until int64) (*domain.NetworkDelta, error) {
	if f.Affiliation != nil || until <= since {
		return nil, nil
	}
	return readPlain(ctx, s, func(tx runner) (*domain.NetworkDelta, error) {
		res, err := tx.Run(ctx, changesBetween, map[string]any{"since": since, "until": until})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if int64(len(recs)) != until-since {
			return nil, nil
		}
		touched, ties := map[string]bool{}, map[string]bool{}
		for _, rec := range recs {
			entries, _ := rec.Values[1].([]any)
			for _, e := range entries {
				v, _ := e.([]any)
				if len(v) != 3 {
					continue
				}
				kind, _ := v[0].(string)
				key, _ := v[1].(string)
				action, _ := v[2].(string)
				switch dataset.Kind(kind) {
				case dataset.KindSource:
					if dataset.Action(action) == dataset.ActionUpdated {
						return nil, nil
					}
				case dataset.KindStakeholder:
					touched[key] = true
				case dataset.KindTie:
					ties[key] = true
				}
			}
		}
		for key := range ties { // a tie at a touched stakeholder is re-read with it
			if from, _, to, ok := domain.ParseTieKey(key); !ok || touched[from] || touched[to] {
				delete(ties, key)
			}
		}
		if len(touched)+len(ties) > maxDeltaRecords {
			return nil, nil
		}
		d := &domain.NetworkDelta{Touched: slices.Sorted(maps.Keys(touched)), Ties: slices.Sorted(maps.Keys(ties)),
			Network: &domain.Network{}}
		seen := map[string]bool{}
		add := func(v []any) {
			if len(v) != 3 {
				return
			}
			from, _ := v[0].(string)
			to, _ := v[1].(string)
			typ, _ := v[2].(string)
			key := domain.TieKey(from, domain.TieType(typ), to)
			if seen[key] { // a tie between two touched stakeholders comes from both
				return
			}
			seen[key] = true
			d.Network.Ties = append(d.Network.Ties, &domain.NetworkTie{Key: key, Type: domain.TieType(typ), From: from, To: to})
		}
		if len(d.Touched) > 0 {
			params := networkParams(f)
			params["slugs"] = d.Touched
			if res, err = tx.Run(ctx, networkLeanAt, params); err != nil {
				return nil, err
			}
			for res.Next(ctx) {
				v := res.Record().Values
				d.Network.Stakeholders = append(d.Network.Stakeholders, leanStakeholder(v))
				ties, _ := v[4].([]any)
				for _, t := range ties {
					triple, _ := t.([]any)
					add(triple)
				}
			}
			if err := res.Err(); err != nil {
				return nil, err
			}
		}
		if len(d.Ties) > 0 {
			if res, err = tx.Run(ctx, networkLeanTiesAt, tieKeyParams(networkParams(f), d.Ties)); err != nil {
				return nil, err
			}
			for res.Next(ctx) {
				add(res.Record().Values)
			}
			if err := res.Err(); err != nil {
				return nil, err
			}
		}
		return d, nil
	})
}
