package neo4jstore

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// inForce keeps the ties in force on $asOf: begun by then (by `since`, or by the earliest source when the
// start is unknown) and not ended before it. Dates are ISO strings that may be partial, so a start compares
// as the beginning of its period, and an end is compared at its own precision, as the end of its period.
func inForce(r string) string {
	return `($asOf IS NULL OR (coalesce(` + r + `.since, ` + r + `.evidencedFrom, '') <= $asOf
    AND (` + r + `.until IS NULL OR ` + r + `.until >= left($asOf, size(` + r + `.until)))))`
}

// admitted keeps the ties whose evidence meets $minSources and $refusedSources (see evidenceParams). A tie
// stored before its evidence was weighed counts as one unclassified source.
func admitted(r string) string {
	return `(coalesce(` + r + `.independentSources, 1) >= $minSources AND NOT coalesce(` + r + `.strongestSource, '') IN $refusedSources)`
}

// evidenceParams sets the parameters of admitted for f, the default evidence when f is nil.
func evidenceParams(params map[string]any, f *domain.EvidenceFilter) map[string]any {
	params["minSources"], params["refusedSources"] = f.Sources(), f.Refused()
	return params
}

// partnersOf reads the partnerships of many stakeholders.
var partnersOf = `UNWIND $slugs AS slug
MATCH (s:Stakeholder {slug: slug})-[r:PARTNERS_WITH]-(p:Stakeholder)
WHERE ($kinds IS NULL OR p.kind IN $kinds)
  AND ($focusAreas IS NULL OR any(f IN r.focusAreas WHERE f IN $focusAreas))
  AND ` + inForce("r") + ` AND ` + admitted("r") + `
WITH slug, r, p ORDER BY p.nameKey, p.slug, r.key
RETURN slug, collect({p: ` + stakeholderOf("p") + `, r: ` + tieOf("r") + `}) AS ties`

// PartnersOf returns the partnerships of each stakeholder in slugs, seen from that stakeholder, in one
// query. The stakeholder itself is the caller's (Partnership.Stakeholder is left nil): repeating it in
// every row would cost more than the partners.
func (s *Store) PartnersOf(ctx context.Context, slugs []string, f domain.PartnerFilter) (map[string][]*domain.Partnership, error) {
	params := evidenceParams(map[string]any{"slugs": slugs, "kinds": listParam(f.Kinds), "focusAreas": listParam(f.FocusAreas),
		"asOf": optParam(f.AsOf)}, f.Evidence)
	return groupedBySlug(ctx, s, partnersOf, params, func(m row) *domain.Partnership {
		return decodePartnership(m, "s", "p")
	})
}

func decodePartnership(m row, from, to string) *domain.Partnership {
	r := sub(m, "r")
	return &domain.Partnership{
		Stakeholder: decodeStakeholder(sub(m, from)), Partner: decodeStakeholder(sub(m, to)),
		FocusAreas: enums[domain.FocusArea](r, "focusAreas"), Description: optStr(r, "description"),
		Span: decodeSpan(r), Evidence: decodeEvidence(r), Sources: decodeSources(r),
	}
}

var tiesOf = `UNWIND $slugs AS slug
MATCH (s:Stakeholder {slug: slug})-[r:` + tieRels + `]-(o:Stakeholder)
WITH slug, s, r, o, CASE WHEN type(r) IN ` + undirectedTypes + ` OR startNode(r) = s THEN 'OUTGOING' ELSE 'INCOMING' END AS direction
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($direction IS NULL OR direction = $direction OR type(r) IN ` + undirectedTypes + `)
  AND ` + inForce("r") + ` AND ` + admitted("r") + `
WITH slug, r, o, direction ORDER BY type(r), o.nameKey, o.slug, r.key
RETURN slug, collect({o: ` + stakeholderOf("o") + `, r: ` + tieOf("r") + `, direction: direction}) AS ties`

// TiesOf returns every tie between each stakeholder in slugs and another stakeholder, in one query. As
// with PartnersOf, Tie.Stakeholder is left for the caller to set.
func (s *Store) TiesOf(ctx context.Context, slugs []string, f domain.TieFilter) (map[string][]*domain.Tie, error) {
	params := evidenceParams(map[string]any{"slugs": slugs, "types": listParam(f.Types), "direction": optParam(f.Direction),
		"asOf": optParam(f.AsOf)}, f.Evidence)
	return groupedBySlug(ctx, s, tiesOf, params, func(m row) *domain.Tie {
		r := sub(m, "r")
		return &domain.Tie{
			Type: domain.TieType(str(r, "type")), Stakeholder: decodeStakeholder(sub(m, "s")),
			Other: decodeStakeholder(sub(m, "o")), Direction: domain.TieDirection(str(m, "direction")),
			Role: optStr(r, "role"), FocusAreas: enums[domain.FocusArea](r, "focusAreas"),
			Description: optStr(r, "description"), Span: decodeSpan(r), Evidence: decodeEvidence(r), Sources: decodeSources(r),
		}
	})
}

// groupedBySlug runs a batch query that returns one row per parent (slug) with a list column ties, and
// decodes each list. Parents with nothing to show get an empty list.
func groupedBySlug[T any](ctx context.Context, s *Store, query string, params map[string]any, decode func(row) T) (map[string][]T, error) {
	return read(ctx, s, func(tx runner) (map[string][]T, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		out := map[string][]T{}
		for res.Next(ctx) {
			rec := res.Record()
			slug, _, err := neo4j.GetRecordValue[string](rec, "slug")
			if err != nil {
				return nil, err
			}
			list, _, err := neo4j.GetRecordValue[[]any](rec, "ties")
			if err != nil {
				return nil, err
			}
			items := make([]T, 0, len(list))
			for _, v := range list {
				m, _ := v.(map[string]any)
				items = append(items, decode(m))
			}
			out[slug] = items
		}
		return out, res.Err()
	})
}

// partnershipFilter keeps each partnership once in the orientation the filter asks for: a matches kinds,
// b matches partnerKinds, and when the reverse orientation matches too, only the one with a.slug < b.slug.
func partnershipFilter(f domain.PartnershipFilter) filter {
	w := newFilter()
	aMatches, bMatches := "true", "true" // whether the reverse orientation would match too
	if len(f.Kinds) > 0 {
		w.add("a.kind IN $kinds", "kinds", listParam(f.Kinds))
		bMatches = "b.kind IN $kinds"
	}
	if len(f.PartnerKinds) > 0 {
		w.add("b.kind IN $partnerKinds", "partnerKinds", listParam(f.PartnerKinds))
		aMatches = "a.kind IN $partnerKinds"
	}
	w.conds = append(w.conds, "(a.slug < b.slug OR NOT ("+bMatches+" AND "+aMatches+"))")
	partnershipOptional(&w, f)
	return w
}

// partnershipOptional adds the conditions no index serves, on the partnership itself (focus areas, in
// force on a date, evidence), null-tolerant (filter.optional). Evidence is always asked (its default
// refuses ties only machine summaries show); only a filter that asks for more counts as given.
func partnershipOptional(w *filter, f domain.PartnershipFilter) {
	w.conds = append(w.conds, admitted("r"))
	evidenceParams(w.params, f.Evidence)
	if !f.Evidence.IsDefault() {
		w.given = true
	}
	w.optional("any(f IN r.focusAreas WHERE f IN $focusAreas)", "focusAreas", listParam(f.FocusAreas), len(f.FocusAreas) > 0)
	if f.AsOf != nil {
		w.add(inForce("r"), "asOf", string(*f.AsOf))
		return
	}
	w.conds = append(w.conds, inForce("r")) // null-tolerant in itself
	w.set("asOf", nil)
}

// partnershipPage walks the stakeholders in slug order (the slug index) before expanding their
// partnerships, so Neo4j stops after the first rows of the page instead of sorting every matching
// partnership. The first part repeats the kinds and cursor conditions on a, as null-tolerant tests, so the
// walk can start at the cursor. When few partnerships match, the walk reads every stakeholder to find
// them, so a filter by kinds whose stakeholders have few partnerships starts from those instead (see
// partnershipSide), by the kind index, and sorts what it finds.
var partnershipPage = map[string]pageQuery{
	"": partnershipPageFrom(`MATCH (a:Stakeholder)
WHERE a.slug IS NOT NULL AND ($kinds IS NULL OR a.kind IN $kinds) AND ($after0 IS NULL OR a.slug >= $after0)
WITH a ORDER BY a.slug
MATCH (a)-[r:PARTNERS_WITH]-(b:Stakeholder) `),
	"a": partnershipPageFrom(partnershipsFrom["a"]),
	"b": partnershipPageFrom(partnershipsFrom["b"]),
}

// partnershipsFrom starts a read of the partnerships at the stakeholders of the kinds asked for at one
// end (see partnershipSide), found by the kind index; pages and counts read the same way.
var partnershipsFrom = map[string]string{
	"a": `MATCH (a:Stakeholder) USING INDEX SEEK a:Stakeholder(kind) WHERE a.kind IN $kinds
MATCH (a)-[r:PARTNERS_WITH]-(b:Stakeholder) `,
	"b": `MATCH (b:Stakeholder) USING INDEX SEEK b:Stakeholder(kind) WHERE b.kind IN $partnerKinds
MATCH (a:Stakeholder)-[r:PARTNERS_WITH]-(b) `,
}

func partnershipPageFrom(match string) pageQuery {
	return pageQuery{
		list:  "partnerships",
		keys:  []string{"a", "b", "key"},
		after: `a.slug >= $after0 AND (a.slug > $after0 OR b.slug > $after1 OR (b.slug = $after1 AND r.key > $after2))`,
		query: match + whereMarker + `
WITH a, b, r ORDER BY a.slug, b.slug, r.key LIMIT $limit
RETURN ` + projectionMarker + ` AS p, a.slug AS a, b.slug AS b, r.key AS key`,
		column: "p",
	}
}

// seekPartnershipEnds is the most partnership ends a page of partnerships starts from and sorts, rather
// than walking every stakeholder in order: sorting that many rows costs a few milliseconds, about what
// walking a few hundred stakeholders does.
const seekPartnershipEnds = 5000

// partnershipCount is the statement that counts the partnerships matching f, each once: every
// relationship is read once, along its stored direction, and counted when it matches the filter either
// way round, which is the set the page lists (a partnership that matches both ways is listed once). It
// reads no slugs, and with no filter at all Neo4j answers from its count store without reading a
// relationship (a partnership always joins two different stakeholders: the data's validation refuses a
// tie to itself). With side "a" or "b" (partnershipSide) it reads only the partnerships of the
// stakeholders of that end's kinds, every matching partnership having one of those at that end, and
// counts each relationship once.
func partnershipCount(f domain.PartnershipFilter, side string) (string, map[string]any) {
	w := newFilter()
	orientation := func(a, b string) string {
		var conds []string
		if len(f.Kinds) > 0 {
			conds = append(conds, a+".kind IN $kinds")
		}
		if len(f.PartnerKinds) > 0 {
			conds = append(conds, b+".kind IN $partnerKinds")
		}
		return strings.Join(conds, " AND ")
	}
	if len(f.Kinds) > 0 || len(f.PartnerKinds) > 0 {
		w.conds = append(w.conds, "(("+orientation("a", "b")+") OR ("+orientation("b", "a")+"))")
		w.given = true
		if len(f.Kinds) > 0 {
			w.set("kinds", listParam(f.Kinds))
		}
		if len(f.PartnerKinds) > 0 {
			w.set("partnerKinds", listParam(f.PartnerKinds))
		}
	}
	partnershipOptional(&w, f)
	switch {
	case !w.given:
		// Every partnership the default evidence admits: the count store's total less those it refuses,
		// found by their index; neither reads every partnership.
		return `CALL () { MATCH (:Stakeholder)-[r:PARTNERS_WITH]->() RETURN count(r) AS stored }
CALL () { MATCH ()-[r:PARTNERS_WITH]->() WHERE r.strongestSource IN $refusedSources RETURN count(r) AS refused }
RETURN stored - refused AS n`, map[string]any{"refusedSources": (*domain.EvidenceFilter)(nil).Refused()}
	case side != "":
		return w.apply(partnershipsFrom[side] + whereMarker + ` RETURN count(DISTINCT r) AS n`), w.params
	}
	return w.apply(`MATCH (a:Stakeholder)-[r:PARTNERS_WITH]->(b:Stakeholder) `+whereMarker+` RETURN count(r) AS n`, "a <> b"), w.params
}

// Partnerships returns a page of the network's partnerships that match f, ordered by the two slugs.
func (s *Store) Partnerships(ctx context.Context, f domain.PartnershipFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Partnership], error) {
	return s.partnerships(ctx, f, p, sel, partnershipSide(f, s.Measures(ctx), seekPartnershipEnds))
}

// partnerships reads the page starting from side (see partnershipSide).
func (s *Store) partnerships(ctx context.Context, f domain.PartnershipFilter, p domain.PageRequest, sel *domain.Selection, side string) (domain.Page[*domain.Partnership], error) {
	w := partnershipFilter(f)
	for _, name := range []string{"kinds", "after0"} { // the walk's null-tolerant conditions need both
		if _, ok := w.params[name]; !ok {
			w.set(name, nil)
		}
	}
	if sel == nil {
		sel = &domain.Selection{Type: "Partnership", Fields: itemProperties("Partnership"),
			Objects: map[string]*domain.Selection{"stakeholder": everything("Stakeholder"), "partner": everything("Stakeholder"), "sources": {Type: "Source"}}}
	}
	pl := newPlanner()
	projection, decode := pl.rootItem("Partnership", "r", partnershipEnds, map[string]string{"stakeholder": "a", "partner": "b"}, sel)
	return fetchPage[*domain.Partnership](ctx, s, partnershipPage[side], w, p, pl, projection, decode)
}

// CountPartnerships counts the partnerships that match f, each once.
func (s *Store) CountPartnerships(ctx context.Context, f domain.PartnershipFilter) (int, error) {
	m := s.Measures(ctx)
	_, all, _ := matching(m, nil, nil, nil)
	// Reading the partnerships of one end's kinds beats reading every partnership once when they hold
	// fewer than all of them (all counts each partnership twice, once per end).
	query, params := partnershipCount(f, partnershipSide(f, m, all/2))
	return count(ctx, s, query, params)
}
