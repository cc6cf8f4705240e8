package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/projection"
	"github.com/stakeholder-graph/stakeholder-graph/resolvers"
)

// newGraphQLServer builds the gqlgen server: explicit transports, a parsed-query cache, automatic
// persisted queries, a complexity limit, introspection (the playground needs it), one error presenter and
// a recover function that never shows a panic's details.
func newGraphQLServer(cfg Config, m *metrics) *handler.Server {
	root := &resolvers.Resolver{Graph: cfg.Graph, Projections: projection.New(cfg.Graph, cfg.Logger, 8)}
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: root, Complexity: complexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(postTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(depthLimit{max: cfg.DepthLimit}) // before the complexity limit: it is the cheaper check
	srv.Use(extension.FixedComplexityLimit(cfg.ComplexityLimit))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		start := time.Now()
		ctx, roundTrips := neo4jstore.WithRoundTripCounter(ctx)
		ctx, ran := withRunMark(ctx)
		handle := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := handle(ctx)
			if resp == nil {
				return nil
			}
			m.observe(time.Since(start), roundTrips.Load(), len(resp.Errors) > 0)
			if cfg.Debug {
				if resp.Extensions == nil {
					resp.Extensions = map[string]any{}
				}
				resp.Extensions["cost"] = map[string]any{"neo4jTransactions": roundTrips.Load(), "cached": !*ran}
			}
			return resp
		}
	})
	if cfg.ResponseCacheBytes > 0 {
		srv.AroundOperations(newResponseCache(cfg.Graph, cfg.ResponseCacheBytes, m).around)
	}
	// Innermost: the request's loaders, only for operations that run.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		markRun(ctx)
		return next(root.WithLoaders(ctx))
	})
	srv.SetErrorPresenter(presentError(cfg.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		cfg.Logger.ErrorContext(ctx, "panic while resolving", "panic", fmt.Sprint(p))
		return domain.Internal(fmt.Errorf("panic: %v", p))
	})
	return srv
}

type runMarkKey struct{}

// withRunMark returns a context in which markRun records that the operation was resolved, not answered
// from the response cache.
func withRunMark(ctx context.Context) (context.Context, *bool) {
	ran := new(bool)
	return context.WithValue(ctx, runMarkKey{}, ran), ran
}

func markRun(ctx context.Context) {
	if ran, ok := ctx.Value(runMarkKey{}).(*bool); ok {
		*ran = true
	}
}

// presentError gives every error an `extensions.code`. Domain errors show their code and message;
// GraphQL parse and validation errors keep gqlgen's codes, except that a wrong argument value (an unknown
// enum value, a mistyped literal or variable) is BAD_USER_INPUT; anything else is logged and shown as a
// generic INTERNAL error, so driver details never reach clients.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var de *domain.Error
		if errors.As(err, &de) {
			if de.Code == domain.CodeInternal {
				log.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
			}
			gqlErr.Message = domain.ErrorMessage(de)
			setCode(gqlErr, string(de.Code))
			return gqlErr
		}
		code, _ := gqlErr.Extensions["code"].(string)
		switch {
		case code == errcode.ValidationFailed && (gqlErr.Rule == "ValuesOfCorrectType" || gqlErr.Rule == "" && isVariableError(gqlErr)):
			setCode(gqlErr, string(domain.CodeInvalid))
		case code == errcode.ValidationFailed || code == errcode.ParseFailed:
		case code == errComplexityLimit || code == errPersistedQueryNotFound || code == errDepthLimit:
		default:
			log.ErrorContext(ctx, "unexpected error", "err", err, "path", gqlErr.Path.String())
			gqlErr.Message = "internal error"
			setCode(gqlErr, string(domain.CodeInternal))
		}
		return gqlErr
	}
}

// Codes gqlgen's extensions set on their own errors.
const (
	errComplexityLimit        = "COMPLEXITY_LIMIT_EXCEEDED"
	errPersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
)

func isVariableError(e *gqlerror.Error) bool {
	return len(e.Path) > 0 && fmt.Sprint(e.Path[0]) == "variable"
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
