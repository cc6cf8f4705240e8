package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalList marshals the elements of a list (the generated marshallers call it in place of
// graphql.MarshalSliceConcurrently; see codegen/tuneexec). Elements are marshalled one after the other
// unless their selection needs them to overlap, which is when it reaches a resolver that waits for other
// elements: one below the element's own fields (the partners of a tie's end), whose calls the operation's
// loader gathers across elements, or a resolver on the element that is not a batch resolver. A batch
// resolver on the element itself answers for the whole list at its first call either way.
func marshalList(ctx context.Context, sel ast.SelectionSet, length int, workerLimit int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length < 2 || needsOverlap(graphql.GetOperationContext(ctx), sel, 1) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	ret := make(graphql.Array, length)
	for i := range length {
		fc := &graphql.FieldContext{Index: &i}
		childCtx := graphql.WithFieldContext(ctx, fc)
		ret[i] = marshalOne(childCtx, i, omitPanicHandler, marshalElement)
	}
	return ret
}

func marshalOne(ctx context.Context, i int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}

// needsOverlap reports whether a selection reaches a resolver that needs the elements of a list
// marshalled concurrently: any resolver below depth 1, or one at depth 1 that is not a batch resolver.
func needsOverlap(op *graphql.OperationContext, sel ast.SelectionSet, depth int) bool {
	if op == nil {
		return true
	}
	for _, f := range graphql.CollectFields(op, sel, nil) {
		if f.ObjectDefinition == nil {
			return true
		}
		if batch, ok := resolverFields[f.ObjectDefinition.Name+"."+f.Name]; ok && (depth > 1 || !batch) {
			return true
		}
		if len(f.Selections) > 0 && needsOverlap(op, f.Selections, depth+1) {
			return true
		}
	}
	return false
}

// newDeferredGroup is graphql.NewDeferredGroup without the response path, which the generated code sets
// only when the object defers a fragment (see codegen/tuneexec).
func newDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{FieldSet: graphql.NewFieldSet(nil), Defers: map[string]*graphql.FieldSetView{}, Context: ctx}
}
