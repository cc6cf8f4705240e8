package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var stakeholderBySlug = `MATCH (s:Stakeholder {slug: $slug}) RETURN ` + stakeholderOf("s") + ` AS s`

// Stakeholder returns the stakeholder with the given slug.
func (s *Store) Stakeholder(ctx context.Context, slug string) (*domain.Stakeholder, error) {
	return one(ctx, s, stakeholderBySlug, slug, "stakeholder", decodeStakeholder)
}

// stakeholderWhere is the filter of every stakeholder list; parameters left null do not narrow.
const stakeholderWhere = `($kinds IS NULL OR s.kind IN $kinds)
  AND ($sectors IS NULL OR s.sector IN $sectors)
  AND ($focusAreas IS NULL OR any(f IN s.focusAreas WHERE f IN $focusAreas))
  AND ($country IS NULL OR s.country = $country)
  AND ($nameContains IS NULL OR s.searchText CONTAINS $nameContains)
  AND ($mandateContains IS NULL OR any(m IN s.mandates WHERE toLower(m) CONTAINS $mandateContains))
  AND ($collective IS NULL OR s.collective = $collective)`

func stakeholderParams(f domain.StakeholderFilter) map[string]any {
	p := map[string]any{
		"kinds": listParam(f.Kinds), "sectors": listParam(f.Sectors), "focusAreas": listParam(f.FocusAreas),
		"country": nil, "nameContains": nil, "mandateContains": nil, "collective": nil,
	}
	if f.Country != nil {
		p["country"] = strings.ToUpper(strings.TrimSpace(*f.Country))
	}
	if f.NameContains != nil {
		p["nameContains"] = strings.ToLower(strings.TrimSpace(*f.NameContains))
	}
	if f.MandateContains != nil {
		p["mandateContains"] = strings.ToLower(strings.TrimSpace(*f.MandateContains))
	}
	if f.Collective != nil {
		p["collective"] = *f.Collective
	}
	return p
}

// stakeholderPageQuery builds the list query for one order: its keyset condition, ORDER BY and the sort
// keys its cursors hold.
func stakeholderPageQuery(field domain.StakeholderOrderField, dir domain.OrderDirection) pageQuery[*domain.Stakeholder] {
	op, by := ">", ""
	if dir == domain.Descending {
		op, by = "<", " DESC"
	}
	after := fmt.Sprintf(`($after0 IS NULL OR s.nameKey %[1]s $after0 OR (s.nameKey = $after0 AND s.slug %[1]s $after1))`, op)
	order := "s.nameKey" + by + ", s.slug" + by
	keys := []string{"nameKey", "slug"}
	if field == domain.OrderBySlug {
		after = fmt.Sprintf(`($after0 IS NULL OR s.slug %s $after0)`, op)
		order = "s.slug" + by
		keys = []string{"slug"}
	}
	return pageQuery[*domain.Stakeholder]{
		list: "stakeholders:" + string(field) + ":" + string(dir),
		keys: len(keys),
		query: `MATCH (s:Stakeholder)
WHERE ` + stakeholderWhere + `
  AND ` + after + `
WITH s ORDER BY ` + order + ` LIMIT $limit
RETURN ` + stakeholderOf("s") + ` AS s, s.nameKey AS nameKey, s.slug AS slug`,
		decode: func(r *neo4j.Record) (*domain.Stakeholder, []string, error) {
			m, _, err := neo4j.GetRecordValue[map[string]any](r, "s")
			return decodeStakeholder(m), recordKeys(r, keys...), err
		},
	}
}

var stakeholderPageQueries = func() map[domain.StakeholderOrder]pageQuery[*domain.Stakeholder] {
	m := map[domain.StakeholderOrder]pageQuery[*domain.Stakeholder]{}
	for _, f := range domain.StakeholderOrderFields {
		for _, d := range domain.OrderDirections {
			m[domain.StakeholderOrder{Field: f, Direction: d}] = stakeholderPageQuery(f, d)
		}
	}
	return m
}()

// Stakeholders returns a page of the stakeholders that match f, in order o.
func (s *Store) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o domain.StakeholderOrder, p domain.PageRequest) (domain.Page[*domain.Stakeholder], error) {
	q, ok := stakeholderPageQueries[o]
	if !ok {
		return domain.Page[*domain.Stakeholder]{}, domain.Errorf(domain.CodeInvalid, "cannot order stakeholders by %s %s", o.Field, o.Direction)
	}
	return q.fetch(ctx, s, stakeholderParams(f), p)
}

const countStakeholders = `MATCH (s:Stakeholder) WHERE ` + stakeholderWhere + ` RETURN count(s) AS n`

// CountStakeholders counts the stakeholders that match f.
func (s *Store) CountStakeholders(ctx context.Context, f domain.StakeholderFilter) (int, error) {
	return count(ctx, s, countStakeholders, stakeholderParams(f))
}

// count runs a query that returns one integer column n.
func count(ctx context.Context, s *Store, query string, params map[string]any) (int, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
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
	})
}
