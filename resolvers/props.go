package resolvers

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Lists of partnerships are the largest answers the API gives (a page of 100 stakeholders with their
// partners runs to thousands of rows), so their reads fetch only the properties the query selects.

// propsOf returns the properties of an object a selection set uses: its field names, with id read from
// the slug. Fields that are not stored properties (resolvers, __typename) are passed too, and ignored by
// the store.
func propsOf(ctx context.Context, sel ast.SelectionSet) domain.Props {
	props := domain.Props{}
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
		name := f.Name
		if name == "id" {
			name = "slug"
		}
		if !slices.Contains(props, name) {
			props = append(props, name)
		}
	}
	return props
}

// partnershipProps returns what a selection of Partnership fields uses of the tie and of its ends.
func partnershipProps(ctx context.Context, sel ast.SelectionSet) domain.PartnershipProps {
	props := domain.PartnershipProps{Tie: domain.Props{}, Stakeholder: domain.Props{}}
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
		switch f.Name {
		case "stakeholder", "partner":
			for _, p := range propsOf(ctx, f.Selections) {
				if !slices.Contains(props.Stakeholder, p) {
					props.Stakeholder = append(props.Stakeholder, p)
				}
			}
		default:
			props.Tie = append(props.Tie, f.Name)
		}
	}
	return props
}

// connectionNodes returns the selections made of a connection's nodes, through nodes or edges.node.
func connectionNodes(ctx context.Context) ast.SelectionSet {
	op := graphql.GetOperationContext(ctx)
	var sel ast.SelectionSet
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "nodes":
			sel = append(sel, f.Selections...)
		case "edges":
			for _, e := range graphql.CollectFields(op, f.Selections, nil) {
				if e.Name == "node" {
					sel = append(sel, e.Selections...)
				}
			}
		}
	}
	return sel
}

// partnersKey names the partners field with its arguments and the properties its selection uses.
func partnersKey(kinds []domain.StakeholderKind, focusAreas []domain.FocusArea, asOf *domain.Date, props domain.PartnershipProps) string {
	return fieldKey("partners", argsKey(kinds, focusAreas, asOf, props))
}

// plainField returns the field of the given name the field being resolved selects, if it selects it
// exactly once and without arguments.
func plainField(ctx context.Context, name string) (graphql.CollectedField, bool) {
	f, ok := selectedOnce(graphql.CollectFieldsCtx(ctx, nil), name)
	if !ok || len(f.Arguments) > 0 {
		return graphql.CollectedField{}, false
	}
	return f, true
}

// hop is one step down a selection: a field, and the types its own selection is collected for (the
// object type and the interfaces it implements, so fragments on either count).
type hop struct {
	field string
	types []string
}

// onStakeholders collects a selection made on stakeholders.
var onStakeholders = []string{"Stakeholder", "Node"}

// plainFieldAt returns the field of the given name selected exactly once and without arguments at the
// end of a path of fields, each selected exactly once, below the field being resolved: for a
// connection, nodes > partners.
func plainFieldAt(ctx context.Context, name string, path ...hop) (graphql.CollectedField, bool) {
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, h := range path {
		f, ok := selectedOnce(fields, h.field)
		if !ok {
			return graphql.CollectedField{}, false
		}
		fields = graphql.CollectFields(graphql.GetOperationContext(ctx), f.Selections, h.types)
	}
	f, ok := selectedOnce(fields, name)
	if !ok || len(f.Arguments) > 0 {
		return graphql.CollectedField{}, false
	}
	return f, true
}

// selectedOnce returns the field of the given name if the selection holds it exactly once (under one
// response name).
func selectedOnce(fields []graphql.CollectedField, name string) (graphql.CollectedField, bool) {
	var found []graphql.CollectedField
	for _, f := range fields {
		if f.Name == name {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		return graphql.CollectedField{}, false
	}
	return found[0], true
}

// pagePartners returns the partners field the stakeholders on a page select, when they select it once,
// without arguments, either through nodes or through edges.
func pagePartners(ctx context.Context) (graphql.CollectedField, bool) {
	nodes, byNodes := plainFieldAt(ctx, "partners", hop{"nodes", onStakeholders})
	edges, byEdges := plainFieldAt(ctx, "partners", hop{"edges", []string{"StakeholderEdge"}}, hop{"node", onStakeholders})
	switch {
	case byNodes && !byEdges:
		return nodes, true
	case byEdges && !byNodes:
		return edges, true
	}
	return graphql.CollectedField{}, false
}
