package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore/internal/keyset"
)

// Cursors are the sort keys of a page's last item, encoded by the keyset package (which says why it is a
// package of its own). These two names keep the store's code reading as it did.

func encodeCursor(list string, keys ...string) string { return keyset.Encode(list, keys...) }

// decodeCursor reads a cursor of the given list with n keys. An empty cursor gives n empty keys and ok false.
func decodeCursor(cursor, list string, n int) (keys []string, ok bool, err error) {
	return keyset.Decode(cursor, list, n)
}

// pageSize checks a requested page size.
func pageSize(first int) (int, error) {
	if first < 0 || first > domain.MaxPageSize {
		return 0, domain.Errorf(domain.CodeInvalid, "first must be between 0 and %d, not %d", domain.MaxPageSize, first)
	}
	return first, nil
}

// cut trims a result fetched with one extra row to the page size and says whether more follow.
func cut[T any](items []T, first int) ([]T, bool) {
	if len(items) > first {
		return items[:first], true
	}
	return items, false
}

// filter is a query's WHERE clause, assembled from fixed conditions. A field an index serves is a plain
// condition, present only when the request sets it, so the planner can serve it from the index (a
// condition like `$kinds IS NULL OR s.kind IN $kinds` defeats that); a field no index serves is a
// null-tolerant condition present either way (optional), so it does not multiply the statement texts
// Neo4j must plan and cache. Values always travel as parameters.
type filter struct {
	conds  []string
	params map[string]any
	// given says whether the request set any field (see countable).
	given bool
}

func newFilter() filter { return filter{params: map[string]any{}} }

// add appends the condition of a field the request sets, and the parameter it uses.
func (f *filter) add(cond, name string, value any) {
	f.conds = append(f.conds, cond)
	f.params[name] = value
	f.given = true
}

// optional adds the condition of a filter field no index serves in a null-tolerant form,
// `($name IS NULL OR cond)`, with the value as the parameter when given and null when not: the statement's
// text is then the same whether the field is given or not, and Neo4j plans it once.
func (f *filter) optional(cond, name string, value any, given bool) {
	if !given {
		value = nil
	}
	f.conds = append(f.conds, "($"+name+" IS NULL OR "+cond+")")
	f.params[name] = value
	f.given = f.given || given
}

// countable returns the filter as a count uses it: unchanged when the request sets a field, and without
// any condition when it sets none, so that counting everything is a read of Neo4j's count store.
func (f filter) countable() filter {
	if f.given {
		return f
	}
	return newFilter()
}

// set adds a parameter used by the query's fixed text.
func (f *filter) set(name string, value any) { f.params[name] = value }

// whereMarker stands in a query's text where the assembled WHERE clause goes.
const whereMarker = "/*WHERE*/"

// apply puts the conditions, and any extra ones that are not empty, into the query as its WHERE clause.
func (f filter) apply(query string, extra ...string) string {
	conds := slices.Clone(f.conds)
	for _, c := range extra {
		if c != "" {
			conds = append(conds, c)
		}
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, "\n  AND ")
	}
	return strings.Replace(query, whereMarker, where, 1)
}

// pageQuery is a keyset-paginated list query: the list name its cursors carry, the condition that starts
// a page after a cursor (on $after0..$afterN), the condition of the first page, the query (with
// whereMarker, and projectionMarker where the items' projection goes, in a column of its own), and the
// columns of each item's sort keys.
//
// first names the sort keys as present (every item has them) so Neo4j can read the first page from the
// sort index in order and stop after it, as after lets it do for later pages; without a condition on
// them it scans every item and sorts.
type pageQuery struct {
	list   string
	keys   []string
	after  string
	first  string
	query  string
	column string
}

// projectionMarker stands in a query's text where the read planner's projection of each item goes.
const projectionMarker = "/*PROJECTION*/"

// projecting returns the query's text with the given projection in place.
func (q pageQuery) projecting(projection string) string {
	return strings.Replace(q.query, projectionMarker, projection, 1)
}

// fetchPage runs q for the page p asks for, with one extra row to tell whether more follow; each item is
// read by the projection pl compiled (its parameters are pl's) and decoded by decode.
func fetchPage[T any](ctx context.Context, s *Store, q pageQuery, f filter, p domain.PageRequest, pl *planner, projection string, decode decoder) (domain.Page[T], error) {
	var page domain.Page[T]
	first, err := pageSize(p.First)
	if err != nil {
		return page, err
	}
	after, hasAfter, err := decodeCursor(p.After, q.list, len(q.keys))
	if err != nil {
		return page, err
	}
	for k, v := range pl.params {
		f.set(k, v)
	}
	f.set("limit", first+1)
	text := q.projecting(projection)
	query := f.apply(text, q.first)
	if hasAfter {
		for i, k := range after {
			f.set(fmt.Sprintf("after%d", i), k)
		}
		query = f.apply(text, q.after)
	}
	// Exported fields, so the documents of the items' citations are attached (the walk reads only those).
	type item struct {
		V    T
		Keys []string
	}
	items, err := read(ctx, s, func(tx runner) ([]item, error) {
		res, err := tx.Run(ctx, query, f.params)
		if err != nil {
			return nil, err
		}
		return neo4j.CollectTWithContext(ctx, res, func(r *neo4j.Record) (item, error) {
			m, _, err := neo4j.GetRecordValue[map[string]any](r, q.column)
			if err != nil {
				return item{}, err
			}
			v, _ := decode(m).(T)
			return item{V: v, Keys: recordKeys(r, q.keys...)}, nil
		})
	})
	if err != nil {
		return page, err
	}
	items, page.HasNext = cut(items, first)
	page.HasPrevious = hasAfter
	for _, it := range items {
		page.Items = append(page.Items, it.V)
		page.Cursors = append(page.Cursors, encodeCursor(q.list, it.Keys...))
	}
	return page, nil
}

// recordKeys reads the named string columns of r, the sort keys of a cursor.
func recordKeys(r *neo4j.Record, columns ...string) []string {
	keys := make([]string, len(columns))
	for i, c := range columns {
		keys[i], _, _ = neo4j.GetRecordValue[string](r, c)
	}
	return keys
}
