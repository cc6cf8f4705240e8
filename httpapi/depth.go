package httpapi

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// errDepthLimit is the code of an operation nested deeper than the limit.
const errDepthLimit = "DEPTH_LIMIT_EXCEEDED"

// depthLimit rejects operations whose selections nest deeper than max, before anything runs. Fragments
// count where they are spread; introspection (`__schema`, `__type`) is not counted, since tools send deep
// but cheap introspection queries.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string { return "DepthLimit" }

func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if depth := selectionDepth(op.Operation.SelectionSet, op.Doc.Fragments, 0, d.max); depth > d.max {
		err := gqlerror.Errorf("the operation nests %d levels deep or more; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": errDepthLimit}
		return err
	}
	return nil
}

// selectionDepth returns the depth of the deepest field under set, stopping once it passes limit (so a
// fragment that spreads itself cannot loop).
func selectionDepth(set ast.SelectionSet, fragments ast.FragmentDefinitionList, depth, limit int) int {
	if depth > limit {
		return depth
	}
	deepest := depth
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			deepest = max(deepest, selectionDepth(s.SelectionSet, fragments, depth+1, limit))
		case *ast.InlineFragment:
			deepest = max(deepest, selectionDepth(s.SelectionSet, fragments, depth, limit))
		case *ast.FragmentSpread:
			if f := fragments.ForName(s.Name); f != nil {
				deepest = max(deepest, selectionDepth(f.SelectionSet, fragments, depth, limit))
			}
		default:
			panic(fmt.Sprintf("unexpected selection %T", sel))
		}
	}
	return deepest
}
