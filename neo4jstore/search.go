package neo4jstore

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// search finds the hits; the projection of each (projectionMarker) is the read planner's. The full-text
// index takes changes after their transaction commits (see nameSearchIndex), so a search first waits for
// those already committed to reach it: a search sees every change committed before it began. With
// nothing pending the wait costs a fraction of a millisecond.
const search = `CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
CALL db.index.fulltext.queryNodes('name_search', $query) YIELD node AS n, score
WITH n, score ORDER BY score DESC, n.slug LIMIT $limit
RETURN score, ` + projectionMarker + ` AS node`

// luceneQuery turns user text into a Lucene query in which each word counts towards the score when it
// matches exactly (boosted most), as a prefix, or (for longer words) within one edit, so the names that
// match the most words best rank first. Only letters and digits reach Lucene, so its syntax is never
// interpreted.
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

// Search finds stakeholders, people and events by name, acronym or alias, best match first, with what sel
// reads of each (a selection on SearchResult; every stored property when nil).
func (s *Store) Search(ctx context.Context, text string, first int, sel *domain.Selection) ([]domain.SearchHit, error) {
	if n := utf8.RuneCountInString(strings.TrimSpace(text)); n < 1 || n > 200 {
		return nil, domain.Errorf(domain.CodeInvalid, "search text must be 1 to 200 characters, not %d", n)
	}
	if first < 1 || first > domain.MaxPageSize {
		return nil, domain.Errorf(domain.CodeInvalid, "first must be between 1 and %d, not %d", domain.MaxPageSize, first)
	}
	query := luceneQuery(text)
	if query == "" {
		return nil, domain.Errorf(domain.CodeInvalid, "search text %q has no letters or digits to look for", text)
	}
	pl := newPlanner()
	projection, decode := pl.root("SearchResult", "n", sel)
	params := pl.params
	params["query"], params["limit"] = query, first
	statement := strings.Replace(search, projectionMarker, projection, 1)
	return read(ctx, s, func(tx runner) ([]domain.SearchHit, error) {
		res, err := tx.Run(ctx, statement, params)
		if err != nil {
			return nil, err
		}
		return neo4j.CollectTWithContext(ctx, res, func(r *neo4j.Record) (domain.SearchHit, error) {
			score, _, _ := neo4j.GetRecordValue[float64](r, "score")
			m, _, err := neo4j.GetRecordValue[map[string]any](r, "node")
			hit := domain.SearchHit{Score: score}
			hit.Node, _ = decode(m).(domain.SearchResult)
			return hit, err
		})
	})
}
