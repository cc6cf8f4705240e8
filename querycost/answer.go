package querycost

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// An Answer is what a field marked @sizedByAnswer returns: a result computed in memory that knows how long
// its lists are before any of their items is resolved.
type Answer interface {
	// ListLen returns the length of the answer's list field of that name, and whether it knows it.
	ListLen(field string) (int, bool)
}

// answered is what the guard keeps about an operation to price its answers again: the measures it was
// priced with, and the price the answers added.
type answered struct {
	measures domain.GraphMeasures
	extra    atomic.Int64
}

// InterceptField prices the lists of an answer again once the answer is known (see @sizedByAnswer), and
// fails the field when the operation then goes over the limit, before any item of those lists resolves.
// Every other field passes through after one map lookup.
func (g *Guard) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || len(g.pricing.answers) == 0 {
		return res, err
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return res, nil
	}
	spec := g.pricing.answers[fc.Field.Definition]
	if spec == nil {
		return res, nil
	}
	if err := g.priceAnswer(ctx, fc, spec, res); err != nil {
		return nil, err
	}
	return res, nil
}

// priceAnswer adds to the operation's price what the answer's lists cost beyond what was assumed for
// them: for each list the query selects, the items beyond the assumption times the price of one item.
// The selections are collected as gqlgen collects them, so a list asked for twice under one name is one
// list, as it is when it resolves.
func (g *Guard) priceAnswer(ctx context.Context, fc *graphql.FieldContext, spec *answerSize, res any) error {
	a, ok := res.(Answer)
	s := GetStats(ctx)
	if !ok || s == nil || s.answered == nil {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	answerType := g.pricing.schema.Types[fc.Field.Definition.Type.Name()]
	if answerType == nil {
		return nil
	}
	satisfies := append([]string{answerType.Name}, answerType.Interfaces...)
	pr := g.pricing.pricer(oc.Variables, s.answered.measures)
	extra := 0
	var sizes []string
	for _, f := range graphql.CollectFields(oc, fc.Field.Selections, satisfies) {
		if f.Definition == nil || !slices.Contains(spec.fields, f.Name) {
			continue
		}
		n, ok := a.ListLen(f.Name)
		if !ok {
			continue
		}
		counted := spec.assumed
		if ls := g.pricing.lists[f.Definition]; ls != nil {
			var args map[string]any
			if len(f.Definition.Arguments) > 0 {
				args = f.ArgumentMap(oc.Variables)
			}
			counted = min(counted, pr.size(ls, f.Definition, args))
		}
		if n <= counted {
			continue
		}
		extra = add(extra, mul(n-counted, pr.selectionSet(f.Selections, sizing{})))
		sizes = append(sizes, fmt.Sprintf("%s %s", count(n), f.Name))
	}
	if extra == 0 {
		return nil
	}
	total := add(s.Cost, int(s.answered.extra.Add(int64(extra))))
	if total <= g.limits.Complexity {
		return nil
	}
	return g.refuse(ctx, over(CodeComplexity, g.limits.Complexity, total,
		"the answer of %s has %s, which brings the operation's cost to %s, over the limit of %d: narrow it "+
			"(a filter, fewer hops) or select less of each item", fc.Field.Name, strings.Join(sizes, " and "),
		count(total), g.limits.Complexity))
}
