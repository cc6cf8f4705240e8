package neo4jstore

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var personBySlug = `MATCH (p:Person {slug: $slug}) RETURN ` + personOf("p") + ` AS p`

// Person returns the person with the given slug.
func (s *Store) Person(ctx context.Context, slug string) (*domain.Person, error) {
	return one(ctx, s, personBySlug, slug, "person", decodePerson)
}

// one runs a lookup by slug that returns one map column named like the query's variable.
func one[T any](ctx context.Context, s *Store, query, slug, what string, decode func(row) *T) (*T, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*T, error) {
		res, err := tx.Run(ctx, query, map[string]any{"slug": slug})
		if err != nil {
			return nil, err
		}
		records, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(records) == 0 {
			return nil, domain.Errorf(domain.CodeNotFound, "no %s has the slug %q", what, slug)
		}
		m, ok := records[0].Values[0].(map[string]any)
		if !ok {
			return nil, domain.Internal(nil)
		}
		return decode(m), nil
	})
}

func personFilter(f domain.PersonFilter) filter {
	w := newFilter()
	if f.NameContains != nil {
		w.add("p.nameKey CONTAINS $nameContains", "nameContains", strings.ToLower(strings.TrimSpace(*f.NameContains)))
	}
	if f.StakeholderSlug != nil {
		w.add("EXISTS { (p)-[:HOLDS_POSITION]->(:Stakeholder {slug: $stakeholder}) }", "stakeholder", *f.StakeholderSlug)
	}
	return w
}

var personPage = pageQuery[*domain.Person]{
	list:  "people",
	keys:  2,
	after: `p.nameKey >= $after0 AND (p.nameKey > $after0 OR p.slug > $after1)`,
	query: `MATCH (p:Person) ` + whereMarker + `
WITH p ORDER BY p.nameKey, p.slug LIMIT $limit
RETURN ` + personOf("p") + ` AS p, p.nameKey AS nameKey, p.slug AS slug`,
	decode: func(r *neo4j.Record) (*domain.Person, []string, error) {
		m, _, err := neo4j.GetRecordValue[map[string]any](r, "p")
		return decodePerson(m), recordKeys(r, "nameKey", "slug"), err
	},
}

const countPeople = `MATCH (p:Person) ` + whereMarker + ` RETURN count(p) AS n`

// People returns a page of the people that match f, by name.
func (s *Store) People(ctx context.Context, f domain.PersonFilter, p domain.PageRequest) (domain.Page[*domain.Person], error) {
	return personPage.fetch(ctx, s, personFilter(f), p)
}

// CountPeople counts the people that match f.
func (s *Store) CountPeople(ctx context.Context, f domain.PersonFilter) (int, error) {
	w := personFilter(f)
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
