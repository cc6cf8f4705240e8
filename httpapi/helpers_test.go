package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/stakeholder-graph/stakeholder-graph/app"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// newHandler returns the real handler over the shared test Neo4j, loaded with the shipped network.
func newHandler(t *testing.T) http.Handler {
	t.Helper()
	store := neo4jtest.Store(t)
	return newAPI(store, httpapi.Config{Ready: store, AllowedOrigins: []string{"https://dashboard.example.org"}})
}

// newArticleClient is newClient over the seed article's network alone (neo4jtest.Article), for tests
// whose expectations are that network's known shape.
func newArticleClient(t *testing.T) *api {
	t.Helper()
	store := neo4jtest.Article(t)
	h := newAPI(store, httpapi.Config{Ready: store, AllowedOrigins: []string{"https://dashboard.example.org"}})
	return &api{Client: client.New(h, client.Path("/graphql")), handler: h}
}

// newAPI builds the API over a store as the service does, with these HTTP settings.
func newAPI(store domain.Store, cfg httpapi.Config) *httpapi.Handler {
	return app.NewAPI(store, app.APIConfig{HTTP: cfg}, nil)
}

// newFieldByFieldAPI builds the API with the read planner off: each list read by its own resolver, the
// reference the planner's answers are compared with.
func newFieldByFieldAPI(store domain.Store, cfg httpapi.Config) *httpapi.Handler {
	return app.NewAPI(store, app.APIConfig{HTTP: cfg, FieldByField: true}, nil)
}

// query posts a query and decodes data into out, failing the test on any GraphQL error.
func query(t *testing.T, c *api, q string, out any, opts ...client.Option) {
	t.Helper()
	if err := c.Post(q, out, opts...); err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// queryErrors posts a query that must fail and returns its errors and data.
func queryErrors(t *testing.T, c *api, q string, vars map[string]any) ([]gqlError, any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, req)
	var resp struct {
		Errors []gqlError `json:"errors"`
		Data   any        `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("decoding %s: %v", rec.Body.String(), err)
	}
	if len(resp.Errors) == 0 {
		t.Fatalf("expected errors, got %s", rec.Body.String())
	}
	return resp.Errors, resp.Data
}

func codes(errs []gqlError) []string {
	var out []string
	for _, e := range errs {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

type stakeholderRef struct {
	Slug    string  `json:"slug"`
	Name    string  `json:"name"`
	Acronym *string `json:"acronym"`
	Kind    string  `json:"kind"`
}

type source struct {
	Title     string  `json:"title"`
	Publisher *string `json:"publisher"`
	Date      *string `json:"date"`
	Quote     *string `json:"quote"`
}

// api is a GraphQL client that posts to /graphql on the real handler.
type api struct {
	*client.Client
	handler http.Handler
}

func newClient(t *testing.T) *api {
	t.Helper()
	h := newHandler(t)
	return &api{Client: client.New(h, client.Path("/graphql")), handler: h}
}
