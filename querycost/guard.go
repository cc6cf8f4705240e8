package querycost

import (
	"context"
	"mime"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Guard is the gqlgen extension that applies the limits: it checks each document before gqlgen parses
// and validates it, and prices each operation before it runs. Register it after any extension that fills
// in the query (automatic persisted queries), so it sees the text that will run.
type Guard struct {
	limits   Limits
	measures func(ctx context.Context) domain.GraphMeasures
	checked  graphql.Cache[*ast.QueryDocument]
	rejected func(ctx context.Context, code string)
	pricing  *pricing
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.FieldInterceptor
} = (*Guard)(nil)

// GuardConfig is what a Guard needs.
type GuardConfig struct {
	Limits Limits
	// Measures returns the graph's current measures, for lists sized by the data. It must not block
	// for long: it runs before every operation.
	Measures func(ctx context.Context) domain.GraphMeasures
	// Checked is gqlgen's cache of parsed and validated documents, when the server has one: a document
	// found there passed these checks before (the limits do not change), and is not checked again.
	Checked graphql.Cache[*ast.QueryDocument]
	// Rejected, when set, is told the code of every request the guard refuses, for metrics.
	Rejected func(ctx context.Context, code string)
}

// NewGuard returns a Guard with these limits.
func NewGuard(cfg GuardConfig) *Guard {
	g := &Guard{limits: cfg.Limits.WithDefaults(), measures: cfg.Measures, checked: cfg.Checked, rejected: cfg.Rejected}
	if g.measures == nil {
		g.measures = func(context.Context) domain.GraphMeasures { return domain.DefaultGraphMeasures }
	}
	return g
}

// Limits returns the limits the guard applies.
func (g *Guard) Limits() Limits { return g.limits }

// ExtensionName names the extension in gqlgen's stats.
func (g *Guard) ExtensionName() string { return "QueryCost" }

// Validate reads the pricing directives of the schema, and refuses a schema with a list it cannot price.
func (g *Guard) Validate(es graphql.ExecutableSchema) error {
	p, err := readPricing(es.Schema())
	if err != nil {
		return err
	}
	g.pricing = p
	return nil
}

// MutateOperationParameters checks the variables and, unless it passed before, the document.
func (g *Guard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if err := CheckVariables(params.Variables, g.limits); err != nil {
		return g.refuse(ctx, err)
	}
	if params.Query == "" {
		return nil // gqlgen reports the missing query
	}
	if g.checked != nil {
		if _, ok := g.checked.Get(ctx, params.Query); ok {
			return nil
		}
	}
	if _, err := CheckDocument(params.Query, g.limits); err != nil {
		return g.refuse(ctx, err)
	}
	return nil
}

// Stats is what the guard found about an operation, kept in gqlgen's operation stats under "QueryCost".
type Stats struct {
	Price
	Limits   Limits
	answered *answered
}

// Total is the operation's price with what its answers added once they were known (see @sizedByAnswer).
func (s *Stats) Total() int {
	if s.answered == nil {
		return s.Cost
	}
	return add(s.Cost, int(s.answered.extra.Load()))
}

// MutateOperationContext prices the operation and refuses it when it is over a limit.
func (g *Guard) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	m := g.measures(ctx)
	price, err := g.pricing.price(op.Operation, op.Variables, m)
	if err != nil {
		return g.refuse(ctx, coded(CodeValidation, "%v", err))
	}
	op.Stats.SetExtension(g.ExtensionName(), &Stats{Price: price, Limits: g.limits, answered: &answered{measures: m}})
	if gqlErr := g.limits.checkPrice(price); gqlErr != nil {
		return g.refuse(ctx, gqlErr)
	}
	if price.Defers > 0 && !acceptsMultipart(op.Headers.Get("Accept")) {
		return g.refuse(ctx, coded(CodeBadRequest, "@defer needs a request that accepts multipart/mixed "+
			"(Accept: multipart/mixed), so the deferred parts can follow the first one"))
	}
	return nil
}

// GetStats returns what the guard found about the operation of ctx, if it priced it.
func GetStats(ctx context.Context) *Stats {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	s, _ := graphql.GetOperationContext(ctx).Stats.GetExtension("QueryCost").(*Stats)
	return s
}

func (g *Guard) refuse(ctx context.Context, err *gqlerror.Error) *gqlerror.Error {
	if g.rejected != nil {
		code, _ := err.Extensions["code"].(string)
		g.rejected(ctx, code)
	}
	return err
}

// acceptsMultipart reports whether an Accept header admits multipart/mixed.
func acceptsMultipart(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		if mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mediaType == "multipart/mixed" {
			return true
		}
	}
	return false
}
