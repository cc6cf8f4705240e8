package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// NodesBySlug looks up objects of type t by slug in one query, with what sel reads of each (every stored
// property when nil); unknown slugs are left out of the map.
func (s *Store) NodesBySlug(ctx context.Context, t domain.NodeType, slugs []string, sel *domain.Selection) (map[string]domain.Node, error) {
	typ := string(t)
	nt, ok := nodeTypes[typ]
	if !ok {
		return nil, domain.Errorf(domain.CodeInvalid, "no objects of type %q", t)
	}
	pl := newPlanner()
	projection, decode := pl.root(typ, "n", sel)
	params := pl.params
	params["slugs"] = slugs
	// The slug comes back in a column of its own: the projection may be of a node of another type.
	query := `UNWIND $slugs AS slug MATCH (n:` + nt.label + ` {slug: slug}) RETURN slug, ` + projection + ` AS n`
	return read(ctx, s, func(tx runner) (map[string]domain.Node, error) {
		res, err := tx.Run(ctx, query, params)
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
			if n, ok := decode(m).(domain.Node); ok {
				out[slug] = n
			}
		}
		return out, res.Err()
	})
}
