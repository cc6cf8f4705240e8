package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The hand-written Cypher of the floor, one statement per query kind. Each returns one row with one column
// `data` holding exactly the JSON the service's `data` holds for the benchmark's GraphQL query of that kind
// (bench/load/queries.go), so the load generator reads both answers the same way. All values arrive as
// parameters.

// admitted keeps the ties the service's default evidence admits: all but those whose weightiest source is a
// machine-written summary.
func admitted(r string) string {
	return "NOT coalesce(" + r + ".strongestSource, '') IN ['MACHINE']"
}

// ties are the cooperative stakeholder-to-stakeholder relationship types: what the service's network
// views show unless asked for others.
const ties = `PARTNERS_WITH|MEMBER_OF|PART_OF|SECRETARIAT_OF|FUNDS|TRAINS|CO_ORGANISES|CHAIRS|HOSTS`

// cites projects the citations stored on x (the parallel lists citeSources and citeQuotes) as the
// service's Source {title quote}, joining each key to its Source node. A COLLECT subquery over the indexes
// plans as one Apply with a unique-index seek per citation; the same join written as a list comprehension
// around a COLLECT (as the service's store writes it) plans as a nested expression and changed the plan of
// the query around it in our trials.
func cites(x string) string {
	return strings.ReplaceAll(`COLLECT { UNWIND range(0, size(coalesce(X.citeSources, [])) - 1) AS i `+
		`OPTIONAL MATCH (d:Source {key: X.citeSources[i]}) RETURN {title: d.title, quote: X.citeQuotes[i]} }`, "X", x)
}

var statements = map[string]string{
	// stakeholder(slug) { slug name kind sector country focusAreas sources{title quote}
	//   partners { partner{slug name kind sector} focusAreas since until evidencedFrom sources{title quote} } }
	"partners": `MATCH (s:Stakeholder {slug: $slug})
RETURN {stakeholder: s {.slug, .name, .kind, .sector, .country, .focusAreas, sources: ` + cites("s") + `,
  partners: COLLECT {
    MATCH (s)-[r:PARTNERS_WITH]-(p:Stakeholder) WHERE ` + admitted("r") + `
    WITH r, p ORDER BY p.nameKey, p.slug, r.key
    RETURN {partner: p {.slug, .name, .kind, .sector}, focusAreas: r.focusAreas, since: r.since, until: r.until,
      evidencedFrom: r.evidencedFrom, sources: ` + cites("r") + `}
  }}} AS data`,

	// partnerships(filter: {kinds, partnerKinds}, first: 50) { nodes { stakeholder{slug name kind}
	//   partner{slug name kind} focusAreas since until sources{title quote} } pageInfo { hasNextPage } }
	// Walking the stakeholders in slug order (the slug constraint's index) before expanding lets Neo4j stop
	// after the first rows (PartialTop) instead of sorting every matching partnership (Top): on 10k
	// stakeholders / 100k ties about 2-3 ms instead of 60 ms.
	"partnerships": `MATCH (a:Stakeholder)
WHERE a.slug IS NOT NULL AND ($kinds IS NULL OR a.kind IN $kinds)
WITH a ORDER BY a.slug
MATCH (a)-[r:PARTNERS_WITH]-(b:Stakeholder)
WHERE ($partnerKinds IS NULL OR b.kind IN $partnerKinds) AND ` + admitted("r") + `
  AND (a.slug < b.slug OR NOT (($kinds IS NULL OR b.kind IN $kinds) AND ($partnerKinds IS NULL OR a.kind IN $partnerKinds)))
WITH a, b, r ORDER BY a.slug, b.slug, r.key LIMIT $limit
WITH collect({stakeholder: a {.slug, .name, .kind}, partner: b {.slug, .name, .kind}, focusAreas: r.focusAreas,
  since: r.since, until: r.until, sources: ` + cites("r") + `}) AS rows
RETURN {partnerships: {nodes: rows[..$first], pageInfo: {hasNextPage: size(rows) > $first}}} AS data`,

	// stakeholders(filter: {kinds: [kind]}, first: 100) { nodes { slug name kind sector sources{title quote}
	//   partners { partner{slug name} since focusAreas sources{title quote} } } pageInfo { hasNextPage } }
	"page": `MATCH (s:Stakeholder)
WHERE s.kind IN $kinds
WITH s ORDER BY s.nameKey, s.slug LIMIT $limit
WITH collect(s) AS page
WITH page[..$first] AS shown, size(page) > $first AS more
RETURN {stakeholders: {nodes: [s IN shown | s {.slug, .name, .kind, .sector, sources: ` + cites("s") + `,
  partners: COLLECT {
    MATCH (s)-[r:PARTNERS_WITH]-(p:Stakeholder) WHERE ` + admitted("r") + `
    WITH r, p ORDER BY p.nameKey, p.slug, r.key
    RETURN {partner: p {.slug, .name}, since: r.since, focusAreas: r.focusAreas, sources: ` + cites("r") + `}
  }}], pageInfo: {hasNextPage: more}}} AS data`,

	// stakeholder(slug) { slug name partners { partner { slug name partners { partner { slug name } since } } since } }
	"partners2": `MATCH (s:Stakeholder {slug: $slug})
RETURN {stakeholder: s {.slug, .name, partners: COLLECT {
    MATCH (s)-[r:PARTNERS_WITH]-(p:Stakeholder) WHERE ` + admitted("r") + `
    WITH r, p ORDER BY p.nameKey, p.slug, r.key
    RETURN {partner: p {.slug, .name, partners: COLLECT {
        MATCH (p)-[r2:PARTNERS_WITH]-(q:Stakeholder) WHERE ` + admitted("r2") + `
        WITH r2, q ORDER BY q.nameKey, q.slug, r2.key
        RETURN {partner: q {.slug, .name}, since: r2.since}
      }}, since: r.since}
  }}} AS data`,

	// stakeholders(filter: {kinds: [kind]}, first: 50) { nodes { slug name
	//   partners(kinds: partnerKinds) { partner { slug name kind } since } } }
	"kindpartners": `MATCH (s:Stakeholder)
WHERE s.kind = $kind
WITH s ORDER BY s.nameKey, s.slug LIMIT 50
WITH collect(s) AS page
RETURN {stakeholders: {nodes: [s IN page | s {.slug, .name, partners: COLLECT {
    MATCH (s)-[r:PARTNERS_WITH]-(p:Stakeholder)
    WHERE p.kind IN $partnerKinds AND ` + admitted("r") + `
    WITH r, p ORDER BY p.nameKey, p.slug, r.key
    RETURN {partner: p {.slug, .name, .kind}, since: r.since}
  }}]}} AS data`,

	// stakeholders(filter: {kinds}) { totalCount }
	"count": `MATCH (s:Stakeholder) WHERE s.kind IN $kinds
RETURN {stakeholders: {totalCount: count(s)}} AS data`,

	// search(text, first: 10) { score node { __typename ... on Stakeholder{slug name kind}
	//   ... on Person{slug name} ... on Event{slug name} } }
	"search": `CALL db.index.fulltext.queryNodes('name_search', $query) YIELD node AS n, score
WITH n, score ORDER BY score DESC, n.slug LIMIT $first
RETURN {search: collect({score: score, node: CASE
  WHEN n:Stakeholder THEN n {__typename: 'Stakeholder', .slug, .name, .kind}
  WHEN n:Person THEN n {__typename: 'Person', .slug, .name}
  ELSE n {__typename: 'Event', .slug, .name} END})} AS data`,

	// neighborhood(id, depth: 2) { stakeholderCount tieCount stakeholders{slug name kind}
	//   ties{key type from{slug} to{slug}} }
	"neighborhood": `MATCH (c:Stakeholder {slug: $slug})
CALL (c) {
  MATCH (c)-[:` + ties + `*0..2]-(n:Stakeholder)
  RETURN collect(DISTINCT n) AS ns
}
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r:` + ties + `]->(b:Stakeholder)
  WHERE b IN ns
  WITH a, r, b ORDER BY r.key
  RETURN collect({key: r.key, type: type(r), from: {slug: a.slug}, to: {slug: b.slug}}) AS rs
}
UNWIND ns AS n
WITH n, rs ORDER BY n.slug
WITH collect(n {.slug, .name, .kind}) AS nodes, rs
RETURN {neighborhood: {stakeholderCount: size(nodes), tieCount: size(rs), stakeholders: nodes, ties: rs}} AS data`,

	// path(from, to, maxHops: 6, limit: 1) { length paths { stakeholders{slug name kind} } }
	// One shortest path by Neo4j's bidirectional BFS; the service picks the first of all shortest paths in
	// its own stable order, so the two may name different paths of the same length.
	"path": `OPTIONAL MATCH (a:Stakeholder {slug: $from}), (b:Stakeholder {slug: $to})
OPTIONAL MATCH p = shortestPath((a)-[:` + ties + `*..6]-(b))
RETURN {path: CASE WHEN p IS NULL THEN null ELSE
  {length: length(p), paths: [{stakeholders: [n IN nodes(p) | n {.slug, .name, .kind}]}]} END} AS data`,
}

// luceneQuery is the service's translation of search text (neoj4store.luceneQuery): each word counts when
// it matches exactly (boosted most), as a prefix, or within one edit for words of four letters or more.
func luceneQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	clauses := make([]string, 0, len(words))
	for _, w := range words {
		clause := "(" + w + "^4 OR " + w + "*^2"
		if utf8.RuneCountInString(w) >= 4 {
			clause += " OR " + w + "~1"
		}
		clauses = append(clauses, clause+")")
	}
	return strings.Join(clauses, " ")
}

// writeStatements are the floor's writes, run in a managed write transaction: the same records the service's
// mutations write (bench/load/writes.go), with nothing checked, locked or recorded, in one statement each.
var writeStatements = map[string]string{
	// createStakeholder(input: {slug name kind: NGO sector: CIVIL_SOCIETY citations ties: [{PARTNERS_WITH to
	//   citations}]}) { stakeholder { slug ties { other { slug } sources { key } } } }
	// $newFirst says whether the new stakeholder's slug sorts first, and so starts the tie.
	"create": `MATCH (o:Stakeholder {slug: $to})
CREATE (s:Stakeholder {slug: $slug, name: $name, nameKey: $nameKey, searchText: $nameKey, aliasText: '', aliases: [],
  kind: 'NGO', sector: 'CIVIL_SOCIETY', focusAreas: [], mandates: [], collective: false,
  citeSources: [$src], citeQuotes: [$quote]})
WITH s, o, CASE WHEN $newFirst THEN [s, o] ELSE [o, s] END AS ends
WITH s, o, ends[0] AS a, ends[1] AS b
CREATE (a)-[r:PARTNERS_WITH {key: $key, focusAreas: [], citeSources: [$src], citeQuotes: [$quote], independentSources: 1,
  strongestSource: $srcKind, evidencedFrom: $srcDate}]->(b)
RETURN {createStakeholder: {stakeholder: {slug: s.slug, ties: [{other: {slug: o.slug}, sources: [{key: $src}]}]}}} AS data`,

	// updateTie(input: {type: PARTNERS_WITH, from, to, description}) { tie { key description } }
	"update": `MATCH ()-[r:PARTNERS_WITH {key: $key}]->()
SET r.description = $d
RETURN {updateTie: {tie: {key: r.key, description: r.description}}} AS data`,
}
