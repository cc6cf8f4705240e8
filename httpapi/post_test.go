package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/projection"
	"github.com/stakeholder-graph/stakeholder-graph/resolvers"
)

// TestPostTransportMatchesGqlgen checks that the POST transport answers every kind of request as gqlgen's
// own does (status, content type and JSON), so replacing its writer changed nothing clients see.
func TestPostTransportMatchesGqlgen(t *testing.T) {
	store := neo4jtest.Store(t)
	root := &resolvers.Resolver{Graph: store, Projections: projection.New(store, nil, 1)}
	exec := executor.New(graph.NewExecutableSchema(graph.Config{Resolvers: root, Complexity: complexity()}))
	exec.SetErrorPresenter(presentError(slog.New(slog.DiscardHandler)))
	exec.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		handle := next(root.WithLoaders(ctx))
		return func(ctx context.Context) *graphql.Response {
			resp := handle(ctx)
			if resp != nil {
				resp.Extensions = map[string]any{"note": "extensions pass through"}
			}
			return resp
		}
	})
	cases := []struct{ name, accept, body string }{
		{"a page", "", `{"query": "{ stakeholders(first: 5) { nodes { slug name partners { partner { name } sources { title quote } } } } }"}`},
		{"variables", "application/json", `{"query": "query($s: String) { stakeholder(slug: $s) { name acronym } }", "variables": {"s": "kdn"}}`},
		{"not found", "", `{"query": "{ stakeholder(slug: \"nobody\") { name } }"}`},
		{"a syntax error", "", `{"query": "{ stakeholders { "}`},
		{"a validation error", "", `{"query": "{ stakeholders { nope } }"}`},
		{"a validation error, graphql-response+json", "application/graphql-response+json", `{"query": "{ nope }"}`},
		{"a bad variable", "", `{"query": "query($k: [StakeholderKind!]) { stakeholders(filter: {kinds: $k}) { totalCount } }", "variables": {"k": ["NOPE"]}}`},
		{"a body that is not JSON", "", `{"query": `},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ask := func(tr graphql.Transport) *httptest.ResponseRecorder {
				r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(c.body))
				r = r.WithContext(graphql.StartOperationTrace(r.Context())) // as handler.Server does
				r.Header.Set("Content-Type", "application/json")
				if c.accept != "" {
					r.Header.Set("Accept", c.accept)
				}
				w := httptest.NewRecorder()
				tr.Do(w, r, exec)
				return w
			}
			want, got := ask(transport.POST{}), ask(postTransport{})
			if want.Code != got.Code || want.Header().Get("Content-Type") != got.Header().Get("Content-Type") {
				t.Errorf("status %d %q, gqlgen's %d %q", got.Code, got.Header().Get("Content-Type"), want.Code,
					want.Header().Get("Content-Type"))
			}
			var w, g any
			if err := json.Unmarshal(want.Body.Bytes(), &w); err != nil {
				t.Fatalf("gqlgen's answer: %v", err)
			}
			if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
				t.Fatalf("%v: %s", err, got.Body)
			}
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("answer (-gqlgen +ours):\n%s", diff)
			}
		})
	}
}
