package resolvers

import (
	"context"
	"encoding/json"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
)

// How a query's selection reaches the store. A resolver that reads objects from the store (a top-level
// field, or a list of stakeholders an analysis found) gives the store what the query selects of them, at
// any depth (domain.Selection); the store reads it all in one statement and attaches each nested list to
// its parent (domain.Planned). The nested lists' resolvers then answer from there (plannedLists), and read
// the store themselves only for parents that came without them.

// schemaDef is the schema the API executes: the types of the fields a selection holds.
var schemaDef = sync.OnceValue(func() *ast.Schema { return graph.NewExecutableSchema(graph.Config{}).Schema() })

// implementors returns the type conditions an object type satisfies: itself, its interfaces and the unions
// that hold it, so that fragments on any of them are collected.
var implementors = sync.OnceValue(func() map[string][]string {
	s := schemaDef()
	out := map[string][]string{}
	for name, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		out[name] = append([]string{name}, def.Interfaces...)
		for uname, u := range s.Types {
			if u.Kind == ast.Union && slices.Contains(u.Types, name) {
				out[name] = append(out[name], uname)
			}
		}
	}
	return out
})

// selectionOf returns what the selection set asks of an object of the GraphQL type typ; for a union or an
// interface, what it asks of each object type the field may hold.
func selectionOf(op *graphql.OperationContext, set ast.SelectionSet, typ string) *domain.Selection {
	s := schemaDef()
	def := s.Types[typ]
	if def == nil {
		return &domain.Selection{Type: typ}
	}
	if def.IsAbstractType() {
		sel := &domain.Selection{Type: typ, Variants: map[string]*domain.Selection{}}
		for _, t := range s.GetPossibleTypes(def) {
			sel.Variants[t.Name] = selectionOf(op, set, t.Name)
		}
		return sel
	}
	sel := &domain.Selection{Type: typ}
	for _, f := range graphql.CollectFields(op, set, implementors()[typ]) {
		switch {
		case len(f.Selections) == 0 || f.Definition == nil:
			merge(sel, &domain.Selection{Type: typ, Fields: []string{f.Name}})
		case f.Definition.Type.Elem != nil:
			// A list: each response key is a list of its own.
			merge(sel, &domain.Selection{Type: typ, Lists: []*domain.ListSelection{{Key: plannedKey(op, f.Field),
				Field: f.Name, Args: f.ArgumentMap(op.Variables), Of: selectionOf(op, f.Selections, f.Definition.Type.Name())}}})
		default:
			// One object: every alias of the field reads the same value, so what they select merges.
			merge(sel, &domain.Selection{Type: typ, Objects: map[string]*domain.Selection{
				f.Name: selectionOf(op, f.Selections, f.Definition.Type.Name())}})
		}
	}
	return sel
}

// merge adds what b selects to a: the selections of one object reached along several paths (aliases of one
// field, a connection's nodes and edges), each of which may select lists of its own under the same name.
func merge(a, b *domain.Selection) {
	for _, f := range b.Fields {
		if !slices.Contains(a.Fields, f) {
			a.Fields = append(a.Fields, f)
		}
	}
	a.Objects = mergeByName(a.Objects, b.Objects)
	for _, l := range b.Lists {
		i := slices.IndexFunc(a.Lists, func(have *domain.ListSelection) bool { return have.Key == l.Key })
		if i >= 0 {
			merge(a.Lists[i].Of, l.Of)
		} else {
			a.Lists = append(a.Lists, l)
		}
	}
	a.Variants = mergeByName(a.Variants, b.Variants)
}

// mergeByName merges the selections of b into a, name by name, and returns a.
func mergeByName(a, b map[string]*domain.Selection) map[string]*domain.Selection {
	for name, sel := range b {
		if a == nil {
			a = map[string]*domain.Selection{}
		}
		if have, ok := a[name]; ok {
			merge(have, sel)
		} else {
			a[name] = sel
		}
	}
	return a
}

// plannedKey names a list field within its parent: its response name and its argument values.
func plannedKey(op *graphql.OperationContext, f *ast.Field) string {
	args, err := json.Marshal(f.ArgumentMap(op.Variables))
	if err != nil {
		return f.Alias + "(?)" // never matches a list read ahead
	}
	return f.Alias + string(args)
}

// fieldSelection returns what the field being resolved selects of the objects it returns, of type typ,
// or nil when the request is to read field by field (Resolver.FieldByField).
func (r *Resolver) fieldSelection(ctx context.Context, typ string) *domain.Selection {
	if r.FieldByField {
		return nil
	}
	return selectionOf(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field.Selections, typ)
}

// connectionSelection returns what a connection field being resolved selects of its nodes, of type typ,
// through nodes and edges.node alike, or nil as fieldSelection does.
func (r *Resolver) connectionSelection(ctx context.Context, typ string) *domain.Selection {
	if r.FieldByField {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	sel := &domain.Selection{Type: typ}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "nodes":
			merge(sel, selectionOf(op, f.Selections, typ))
		case "edges":
			for _, e := range graphql.CollectFields(op, f.Selections, nil) {
				if e.Name == "node" {
					merge(sel, selectionOf(op, e.Selections, typ))
				}
			}
		}
	}
	return sel
}

// selectionAt returns what the field being resolved selects, along the path of fields below it, of the
// objects there, of type typ (for a path's ties: "paths", "hops", "ties", "from"), or nil as
// fieldSelection does.
func (r *Resolver) selectionAt(ctx context.Context, typ string, path ...string) *domain.Selection {
	if r.FieldByField {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	sets := []ast.SelectionSet{graphql.GetFieldContext(ctx).Field.Selections}
	for _, name := range path {
		var next []ast.SelectionSet
		for _, set := range sets {
			for _, f := range graphql.CollectFields(op, set, nil) {
				if f.Name == name {
					next = append(next, f.Selections)
				}
			}
		}
		sets = next
	}
	sel := &domain.Selection{Type: typ}
	for _, set := range sets {
		merge(sel, selectionOf(op, set, typ))
	}
	return sel
}

// endsSelection returns what the field being resolved selects of the ends (from and to) of the ties along
// path, or nil as fieldSelection does.
func (r *Resolver) endsSelection(ctx context.Context, path ...string) *domain.Selection {
	from := r.selectionAt(ctx, "Stakeholder", append(slices.Clone(path), "from")...)
	if from != nil {
		merge(from, r.selectionAt(ctx, "Stakeholder", append(slices.Clone(path), "to")...))
	}
	return from
}

// plannedLists returns the list the field being resolved names for each parent, when the store read
// every parent with it; ok is false when any parent came without it.
func plannedLists[T, P any](ctx context.Context, objs []*P, planned func(*P) domain.Planned) ([][]T, bool) {
	key := plannedKey(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field.Field)
	out := make([][]T, len(objs))
	for i, o := range objs {
		list, ok := planned(o)[key].([]T)
		if !ok {
			return nil, false
		}
		out[i] = list
	}
	return out, true
}

func stakeholderPlanned(s *domain.Stakeholder) domain.Planned { return s.Planned }

func personPlanned(p *domain.Person) domain.Planned { return p.Planned }

func eventPlanned(e *domain.Event) domain.Planned { return e.Planned }
