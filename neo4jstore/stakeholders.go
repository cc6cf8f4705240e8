package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Stakeholder returns the stakeholder with the given slug, with what sel reads of it (see readplan.go).
func (s *Store) Stakeholder(ctx context.Context, slug string, sel *domain.Selection) (*domain.Stakeholder, error) {
	return one[domain.Stakeholder](ctx, s, "Stakeholder", slug, sel)
}

// stakeholderFilter assembles the conditions of a stakeholder count: the page's (filter.countable).
func stakeholderFilter(f domain.StakeholderFilter) filter {
	return stakeholderPageFilter(f).countable()
}

// stakeholderPageFilter assembles the conditions of a page of stakeholders. The fields an index serves
// (kinds, a name, sectors, country) are plain conditions when given, so Neo4j can choose the index that
// fits the values; the fields none serves (focus areas, mandates, collective) are conditions whether given
// or not, null-tolerant with a null parameter when not given. The statement text then varies only with
// the fields that can choose an index, and Neo4j reuses its plan for the rest, as the read planner's list
// arguments do.
func stakeholderPageFilter(f domain.StakeholderFilter) filter {
	w := newFilter()
	switch len(f.Kinds) {
	case 0:
	case 1: // equality, so a page of one kind can walk the (kind, nameKey, slug) index in order
		w.add("s.kind = $kind", "kind", string(f.Kinds[0]))
	default:
		w.add("s.kind IN $kinds", "kinds", listParam(f.Kinds))
	}
	if f.NameContains != nil {
		w.add("s.searchText CONTAINS $nameContains", "nameContains", strings.ToLower(strings.TrimSpace(*f.NameContains)))
	}
	if len(f.Sectors) > 0 {
		w.add("s.sector IN $sectors", "sectors", listParam(f.Sectors))
	}
	if f.Country != nil {
		w.add("s.country = $country", "country", strings.ToUpper(strings.TrimSpace(*f.Country)))
	}
	w.optional("any(f IN s.focusAreas WHERE f IN $focusAreas)", "focusAreas", listParam(f.FocusAreas), len(f.FocusAreas) > 0)
	var mandate string
	if f.MandateContains != nil {
		mandate = strings.ToLower(strings.TrimSpace(*f.MandateContains))
	}
	w.optional("any(m IN s.mandates WHERE toLower(m) CONTAINS $mandateContains)", "mandateContains", mandate, f.MandateContains != nil)
	var collective bool
	if f.Collective != nil {
		collective = *f.Collective
	}
	w.optional("s.collective = $collective", "collective", collective, f.Collective != nil)
	return w
}

// stakeholderPageQuery builds the list query for one order. The cursor condition repeats the first sort
// key as a plain range (`s.nameKey >= $after0`) so the planner can seek the sort index to it. oneKind
// builds the name order's variant for a filter on a single kind: sorting by the kind first (a constant
// there) lets Neo4j read the page in order from the (kind, nameKey, slug) index and stop after it, instead
// of sorting every stakeholder of the kind. Both variants write the same cursors.
func stakeholderPageQuery(field domain.StakeholderOrderField, dir domain.OrderDirection, oneKind bool) pageQuery {
	op, by := ">", ""
	if dir == domain.Descending {
		op, by = "<", " DESC"
	}
	after := fmt.Sprintf(`s.nameKey %[1]s= $after0 AND (s.nameKey %[1]s $after0 OR s.slug %[1]s $after1)`, op)
	order := "s.nameKey" + by + ", s.slug" + by
	if oneKind {
		order = "s.kind" + by + ", " + order
		// The same condition as one comparison of lists (lexicographic), which the planner cannot split
		// into a union of two seeks that must then be sorted, as it may split an OR.
		after = fmt.Sprintf(`s.nameKey %[1]s= $after0 AND [s.nameKey, s.slug] %[1]s [$after0, $after1]`, op)
	}
	keys := []string{"nameKey", "slug"}
	first := "s.nameKey IS NOT NULL AND s.slug IS NOT NULL" // the one-kind filter holds these on every page
	if oneKind {
		first = ""
	}
	if field == domain.OrderBySlug {
		after = fmt.Sprintf(`s.slug %s $after0`, op)
		order = "s.slug" + by
		keys = []string{"slug"}
		first = "s.slug IS NOT NULL"
	}
	match := `MATCH (s:Stakeholder) `
	if oneKind {
		// The hint keeps the plan when statistics are young: on a small graph the planner may otherwise
		// scan the whole index in order and filter by kind.
		match += `USING INDEX SEEK s:Stakeholder(kind, nameKey, slug) `
	}
	return pageQuery{
		list:  "stakeholders:" + string(field) + ":" + string(dir),
		keys:  keys,
		after: after,
		first: first,
		query: match + whereMarker + `
WITH s ORDER BY ` + order + ` LIMIT $limit
RETURN ` + projectionMarker + ` AS s, s.nameKey AS nameKey, s.slug AS slug`,
		column: "s",
	}
}

var stakeholderPageQueries = func() map[domain.StakeholderOrder]pageQuery {
	m := map[domain.StakeholderOrder]pageQuery{}
	for _, f := range domain.StakeholderOrderFields {
		for _, d := range domain.OrderDirections {
			m[domain.StakeholderOrder{Field: f, Direction: d}] = stakeholderPageQuery(f, d, false)
		}
	}
	return m
}()

// oneKindPageQueries are the name order's queries for a filter on a single kind, by direction.
var oneKindPageQueries = map[domain.OrderDirection]pageQuery{
	domain.Ascending:  stakeholderPageQuery(domain.OrderByName, domain.Ascending, true),
	domain.Descending: stakeholderPageQuery(domain.OrderByName, domain.Descending, true),
}

// oneKindPage returns the query and filter for a page of a single kind in name order; ok is false for
// other requests. The index holds only stakeholders with all three properties, which every stakeholder
// has; the planner uses it only when the query says so.
func oneKindPage(f domain.StakeholderFilter, o domain.StakeholderOrder) (pageQuery, filter, bool) {
	q, ok := oneKindPageQueries[o.Direction]
	if !ok || len(f.Kinds) != 1 || o.Field != domain.OrderByName {
		return q, filter{}, false
	}
	w := stakeholderPageFilter(f)
	w.conds = append(w.conds, "s.nameKey IS NOT NULL", "s.slug IS NOT NULL")
	return q, w, true
}

// Stakeholders returns a page of the stakeholders that match f, in order o, with what sel reads of each.
func (s *Store) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o domain.StakeholderOrder, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Stakeholder], error) {
	q, w, err := stakeholderPage(f, o)
	if err != nil {
		return domain.Page[*domain.Stakeholder]{}, err
	}
	if !readInOrder(f, s.Measures(ctx), p.First) {
		// Told the sort keys are present, Neo4j would read the sort index in order and test each
		// stakeholder; without, it finds the few matches through an index on a filtered field.
		q.first = ""
	}
	pl := newPlanner()
	projection, decode := pl.root("Stakeholder", "s", sel)
	return fetchPage[*domain.Stakeholder](ctx, s, q, w, p, pl, projection, decode)
}

// stakeholderPage returns the list query and filter for a page of stakeholders matching f in order o.
func stakeholderPage(f domain.StakeholderFilter, o domain.StakeholderOrder) (pageQuery, filter, error) {
	if q, w, ok := oneKindPage(f, o); ok {
		return q, w, nil
	}
	q, ok := stakeholderPageQueries[o]
	if !ok {
		return q, filter{}, domain.Errorf(domain.CodeInvalid, "cannot order stakeholders by %s %s", o.Field, o.Direction)
	}
	return q, stakeholderPageFilter(f), nil
}

// countStakeholders counts with the filter's conditions only; with none, Neo4j answers from its count store.
const countStakeholders = `MATCH (s:Stakeholder) ` + whereMarker + ` RETURN count(s) AS n`

// CountStakeholders counts the stakeholders that match f.
func (s *Store) CountStakeholders(ctx context.Context, f domain.StakeholderFilter) (int, error) {
	w := stakeholderFilter(f)
	return count(ctx, s, w.apply(countStakeholders), w.params)
}

// count runs a query that returns one integer column n.
func count(ctx context.Context, s *Store, query string, params map[string]any) (int, error) {
	return readPlain(ctx, s, func(tx runner) (int, error) {
		return countIn(ctx, tx, query, params)
	})
}

// countIn runs a statement that returns one count, n, in a read already open.
func countIn(ctx context.Context, tx runner, query string, params map[string]any) (int, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	n, _, err := neo4j.GetRecordValue[int64](rec, "n")
	return int(n), err
}
