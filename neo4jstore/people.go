package neo4jstore

import (
	"context"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Person returns the person with the given slug, with what sel reads of them.
func (s *Store) Person(ctx context.Context, slug string, sel *domain.Selection) (*domain.Person, error) {
	return one[domain.Person](ctx, s, "Person", slug, sel)
}

// one looks up the node of GraphQL type typ with the given slug, with what sel reads of it, in one
// statement.
func one[T any](ctx context.Context, s *Store, typ, slug string, sel *domain.Selection) (*T, error) {
	pl := newPlanner()
	projection, decode := pl.root(typ, "n", sel)
	params := pl.params
	params["slug"] = slug
	query := `MATCH (n:` + nodeTypes[typ].label + ` {slug: $slug}) RETURN ` + projection + ` AS n`
	return read(ctx, s, func(tx runner) (*T, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		records, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(records) == 0 {
			return nil, domain.Errorf(domain.CodeNotFound, "no %s has the slug %q", typ, slug)
		}
		m, ok := records[0].Values[0].(map[string]any)
		if !ok {
			return nil, domain.Internal(nil)
		}
		v, _ := decode(m).(*T)
		return v, nil
	})
}

// personFilter assembles the conditions of a page or count of people. No index serves either field, so
// both are null-tolerant (filter.optional).
func personFilter(f domain.PersonFilter) filter {
	w := newFilter()
	var name, stakeholder string
	if f.NameContains != nil {
		name = strings.ToLower(strings.TrimSpace(*f.NameContains))
	}
	if f.StakeholderSlug != nil {
		stakeholder = *f.StakeholderSlug
	}
	w.optional("p.nameKey CONTAINS $nameContains", "nameContains", name, f.NameContains != nil)
	w.optional("EXISTS { (p)-[:HOLDS_POSITION]->(:Stakeholder {slug: $stakeholder}) }", "stakeholder", stakeholder, f.StakeholderSlug != nil)
	return w
}

var personPage = pageQuery{
	list:  "people",
	keys:  []string{"nameKey", "slug"},
	after: `p.nameKey >= $after0 AND (p.nameKey > $after0 OR p.slug > $after1)`,
	first: `p.nameKey IS NOT NULL AND p.slug IS NOT NULL`,
	query: `MATCH (p:Person) ` + whereMarker + `
WITH p ORDER BY p.nameKey, p.slug LIMIT $limit
RETURN ` + projectionMarker + ` AS p, p.nameKey AS nameKey, p.slug AS slug`,
	column: "p",
}

const countPeople = `MATCH (p:Person) ` + whereMarker + ` RETURN count(p) AS n`

// People returns a page of the people that match f, by name, with what sel reads of each.
func (s *Store) People(ctx context.Context, f domain.PersonFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Person], error) {
	pl := newPlanner()
	projection, decode := pl.root("Person", "p", sel)
	return fetchPage[*domain.Person](ctx, s, personPage, personFilter(f), p, pl, projection, decode)
}

// CountPeople counts the people that match f.
func (s *Store) CountPeople(ctx context.Context, f domain.PersonFilter) (int, error) {
	w := personFilter(f).countable()
	return count(ctx, s, w.apply(countPeople), w.params)
}

func positionShape() string {
	return `{p: ` + personOf("p") + `, s: ` + stakeholderOf("s") + `, r: ` + tieOf("r") + `, title: r.title}`
}

var positionsAt = `UNWIND $slugs AS slug
MATCH (p:Person)-[r:HOLDS_POSITION]->(s:Stakeholder {slug: slug})
WITH slug, p, r, s ORDER BY p.nameKey, p.slug, r.title
RETURN slug, collect(` + positionShape() + `) AS ties`

var positionsOf = `UNWIND $slugs AS slug
MATCH (p:Person {slug: slug})-[r:HOLDS_POSITION]->(s:Stakeholder)
WITH slug, p, r, s ORDER BY coalesce(r.since, r.evidencedFrom, '') DESC, s.nameKey, r.title
RETURN slug, collect(` + positionShape() + `) AS ties`

func decodePosition(m row) *domain.Position {
	r := sub(m, "r")
	return &domain.Position{Person: decodePerson(sub(m, "p")), Stakeholder: decodeStakeholder(sub(m, "s")),
		Title: str(m, "title"), Span: decodeSpan(r), Sources: decodeSources(r)}
}

// PositionsAt returns, for each stakeholder slug, the positions people hold there, in one query.
func (s *Store) PositionsAt(ctx context.Context, stakeholderSlugs []string) (map[string][]*domain.Position, error) {
	return groupedBySlug(ctx, s, positionsAt, map[string]any{"slugs": stakeholderSlugs}, decodePosition)
}

// PositionsOf returns, for each person slug, the positions they hold or held, in one query.
func (s *Store) PositionsOf(ctx context.Context, personSlugs []string) (map[string][]*domain.Position, error) {
	return groupedBySlug(ctx, s, positionsOf, map[string]any{"slugs": personSlugs}, decodePosition)
}
