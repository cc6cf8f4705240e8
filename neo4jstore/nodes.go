package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// nodesBySlug has one lookup query per node type, each by its label's unique slug index.
var nodesBySlug = map[domain.NodeType]struct {
	query  string
	decode func(row) domain.Node
}{
	domain.NodeStakeholder: {`UNWIND $slugs AS slug MATCH (n:Stakeholder {slug: slug}) RETURN slug, ` + stakeholderOf("n") + ` AS n`,
		func(m row) domain.Node { return decodeStakeholder(m) }},
	domain.NodePerson: {`UNWIND $slugs AS slug MATCH (n:Person {slug: slug}) RETURN slug, ` + personOf("n") + ` AS n`,
		func(m row) domain.Node { return decodePerson(m) }},
	domain.NodeEvent: {`UNWIND $slugs AS slug MATCH (n:Event {slug: slug}) RETURN slug, ` + eventOf("n") + ` AS n`,
		func(m row) domain.Node { return decodeEvent(m) }},
}

// NodesBySlug looks up objects of type t by slug in one query; unknown slugs are left out of the map.
func (s *Store) NodesBySlug(ctx context.Context, t domain.NodeType, slugs []string) (map[string]domain.Node, error) {
	q, ok := nodesBySlug[t]
	if !ok {
		return nil, domain.Errorf(domain.CodeInvalid, "no objects of type %q", t)
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]domain.Node, error) {
		res, err := tx.Run(ctx, q.query, map[string]any{"slugs": slugs})
		if err != nil {
			return nil, err
		}
		out := map[string]domain.Node{}
		for res.Next(ctx) {
			slug, _, _ := neo4j.GetRecordValue[string](res.Record(), "slug")
			m, _, err := neo4j.GetRecordValue[map[string]any](res.Record(), "n")
			if err != nil {
				return nil, err
			}
			out[slug] = q.decode(m)
		}
		return out, res.Err()
	})
}
