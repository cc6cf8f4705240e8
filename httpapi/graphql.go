package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
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
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
)

// newGraphQLServer builds the gqlgen server around the executable schema: explicit transports, a
// parsed-query cache, automatic persisted queries, the limits and prices of package querycost,
// introspection (the playground needs it), one error presenter and a recover function that never shows a
// panic's details.
func newGraphQLServer(cfg Config, m *metrics, admit *admission) *handler.Server {
	srv := handler.New(cfg.Schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.MultipartMixed{})
	srv.AddTransport(httpTransport{maxBody: cfg.MaxBodyBytes})
	srv.AddTransport(liveTransport(cfg))
	srv.AddTransport(unsupportedTransport{})
	queries := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(queries)
	srv.SetParserTokenLimit(cfg.Limits.Tokens) // querycost counts first; this is a second fence
	if !cfg.NoIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	// After the persisted queries, so the guard sees the text that will run.
	srv.Use(querycost.NewGuard(querycost.GuardConfig{Limits: cfg.Limits, Measures: cfg.Measures, Checked: queries,
		Rejected: func(ctx context.Context, code string) { noteRefusal(ctx, code) }}))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		start := time.Now()
		ctx, roundTrips := cfg.countRoundTrips(ctx)
		ctx, ran := withRunMark(ctx)
		handle := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := handle(ctx)
			if resp == nil {
				return nil
			}
			trips := roundTrips()
			m.observe(time.Since(start), trips, len(resp.Errors) > 0)
			noteOperation(ctx, graphql.GetOperationContext(ctx).OperationName, trips, !*ran)
			if cfg.Debug {
				if resp.Extensions == nil {
					resp.Extensions = map[string]any{}
				}
				cost := map[string]any{"neo4jTransactions": trips, "cached": !*ran}
				if s := querycost.GetStats(ctx); s != nil {
					cost["price"], cost["analyses"], cost["views"] = s.Total(), s.Analyses, s.Views
				}
				resp.Extensions["cost"] = cost
			}
			return resp
		}
	})
	if cfg.ResponseCacheBytes > 0 {
		srv.AroundOperations(newResponseCache(cfg.Versions, cfg.ResponseCacheBytes, m).around)
	}
	// Inside the response cache, so answers it has kept take no slot.
	srv.AroundOperations(admit.aroundOperations)
	// Innermost: what the resolvers prepare per operation, only for operations that run.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		markRun(ctx)
		if cfg.PerOperation != nil {
			ctx = cfg.PerOperation(ctx)
		}
		return next(ctx)
	})
	srv.SetErrorPresenter(presentError(cfg.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		cfg.Logger.ErrorContext(ctx, "panic while resolving", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
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

// clientCodes are the codes of errors that are the client's own doing and are shown as they are: the
// limits of package querycost, gqlgen's own, and the transport's.
var clientCodes = map[string]bool{
	errcode.ParseFailed: true, errcode.ValidationFailed: true, errPersistedQueryNotFound: true,
	querycost.CodeBadRequest: true, codeTooLarge: true, codeUnsupportedType: true, codeMethod: true,
}

func init() {
	for _, c := range querycost.Codes {
		clientCodes[c] = true
	}
}

// presentError gives every error an `extensions.code`. Domain errors show their code and message;
// GraphQL parse and validation errors and the limits keep their codes, except that a wrong argument value
// (an unknown enum value, a mistyped literal or variable) is BAD_USER_INPUT; anything else is logged and
// shown as a generic INTERNAL error, so driver details never reach clients.
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
			if de.Field != "" {
				gqlErr.Extensions["field"] = de.Field
			}
			return gqlErr
		}
		code, _ := gqlErr.Extensions["code"].(string)
		switch {
		case code == errcode.ValidationFailed && (gqlErr.Rule == "ValuesOfCorrectType" || gqlErr.Rule == "" && isVariableError(gqlErr)):
			setCode(gqlErr, string(domain.CodeInvalid))
		case clientCodes[code]:
		default:
			log.ErrorContext(ctx, "unexpected error", "err", err, "path", gqlErr.Path.String())
			gqlErr.Message = "internal error"
			setCode(gqlErr, string(domain.CodeInternal))
		}
		if clientCodes[code] {
			noteRefusal(ctx, code)
		}
		return gqlErr
	}
}

// errPersistedQueryNotFound is the code gqlgen's automatic persisted queries give an unknown hash: the
// client is expected to send the query again with its text.
const errPersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

func isVariableError(e *gqlerror.Error) bool {
	return len(e.Path) > 0 && fmt.Sprint(e.Path[0]) == "variable"
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
