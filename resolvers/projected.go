package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
)

// Answers from the projection. The in-memory projection of a network view (analytics.Projection) knows each
// stakeholder's slug, name, kind and sector and each tie's key, type and ends, current as of the graph
// version it was built at. A neighbourhood or a path that asks for nothing more is answered from it alone;
// any other field sends the resolver to the store as usual.

// inProjection is what the projection knows of a stakeholder.
var inProjection = map[string]bool{"__typename": true, "id": true, "slug": true, "name": true, "kind": true, "sector": true}

// tieInProjection is what it knows of a tie; from and to qualify when their own selections do.
var tieInProjection = map[string]bool{"__typename": true, "key": true, "type": true, "directed": true}

// selectsOnly reports whether the selection set asks for nothing outside known.
func selectsOnly(ctx context.Context, sel ast.SelectionSet, known map[string]bool) bool {
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
		if !known[f.Name] {
			return false
		}
	}
	return true
}

// stakeholdersInProjection reports whether the field being resolved, a stakeholder or a list of them,
// selects only what the projection knows.
func stakeholdersInProjection(ctx context.Context) bool {
	return selectsOnly(ctx, graphql.GetFieldContext(ctx).Field.Selections, inProjection)
}

// tiesInProjection reports whether the field being resolved, a list of network ties, selects only what
// the projection knows, ends included.
func tiesInProjection(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch {
		case tieInProjection[f.Name]:
		case f.Name == "from" || f.Name == "to":
			if !selectsOnly(ctx, f.Selections, inProjection) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// selects reports whether the field being resolved selects the nested field path, such as "hops", "ties".
func selects(ctx context.Context, path ...string) bool {
	sel := graphql.GetFieldContext(ctx).Field.Selections
	for _, name := range path {
		var next ast.SelectionSet
		found := false
		for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
			if f.Name == name {
				next, found = append(next, f.Selections...), true
			}
		}
		if !found {
			return false
		}
		sel = next
	}
	return true
}

// projected returns what g knows of the stakeholders with these slugs, in order, leaving out unknown ones.
func projected(proj *analytics.Projection, slugs []string) []*domain.Stakeholder {
	out := make([]*domain.Stakeholder, 0, len(slugs))
	for _, s := range slugs {
		if p := projectedOne(proj, s); p != nil {
			out = append(out, p)
		}
	}
	return out
}

func projectedOne(proj *analytics.Projection, slug string) *domain.Stakeholder {
	name, ok := proj.Name(slug)
	if !ok {
		return nil
	}
	kind, _ := proj.Kind(slug)
	sector, _ := proj.Sector(slug)
	return &domain.Stakeholder{Slug: slug, Name: name, Kind: kind, Sector: sector}
}

// projectedTies returns ties as the projection knows them, with their ends.
func projectedTies(proj *analytics.Projection, refs []analytics.TieRef) []*domain.NetworkTie {
	ends := map[string]*domain.Stakeholder{}
	end := func(slug string) *domain.Stakeholder {
		s, ok := ends[slug]
		if !ok {
			s = projectedOne(proj, slug)
			ends[slug] = s
		}
		return s
	}
	out := make([]*domain.NetworkTie, len(refs))
	for i, t := range refs {
		out[i] = &domain.NetworkTie{Key: t.Key, Type: t.Type, From: t.From, To: t.To, FromNode: end(t.From), ToNode: end(t.To)}
	}
	return out
}

// hopEnds returns one end of each hop: from the projection when the query asks only what it knows.
func hopEnds(ctx context.Context, store domain.Store, hops []*gqlmodel.PathHop, slug func(*gqlmodel.PathHop) string, sel *domain.Selection) ([]*domain.Stakeholder, error) {
	if stakeholdersInProjection(ctx) {
		out := make([]*domain.Stakeholder, len(hops))
		for i, h := range hops {
			out[i] = projectedOne(h.Projection, slug(h))
		}
		return out, nil
	}
	return stakeholdersBySlug(ctx, store, slugsOf(hops, slug), sel)
}
