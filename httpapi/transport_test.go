package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// syncBuffer is a log destination tests can read while the handler writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestStatusCodes checks the answer to each kind of request: its status, media type, error code, and
// whether it has a data entry, as the GraphQL-over-HTTP specification describes; and that none of the
// client's mistakes is logged as an error of the service.
func TestStatusCodes(t *testing.T) {
	store := neo4jtest.Store(t)
	var logs syncBuffer
	h := newAPI(store, httpapi.Config{Ready: store, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	type want struct {
		Status      int
		ContentType string
		Code        string
		HasData     bool
	}
	const json, gql = "application/json", "application/graphql-response+json"
	cases := []struct {
		name, method, contentType, accept, body string
		want                                    want
	}{
		{"an answer", "POST", json, "", `{"query": "{ stakeholder(slug: \"kdn\") { name } }"}`, want{200, json, "", true}},
		{"an answer, graphql-response+json", "POST", json, gql, `{"query": "{ stakeholder(slug: \"kdn\") { name } }"}`, want{200, gql, "", true}},
		{"not found", "POST", json, "", `{"query": "{ stakeholder(slug: \"nobody\") { name } }"}`, want{200, json, "NOT_FOUND", true}},
		{"a syntax error", "POST", json, "", `{"query": "{ stakeholders { "}`, want{200, json, "GRAPHQL_PARSE_FAILED", false}},
		{"a syntax error, graphql-response+json", "POST", json, gql, `{"query": "{ stakeholders { "}`, want{400, gql, "GRAPHQL_PARSE_FAILED", false}},
		{"a validation error", "POST", json, "", `{"query": "{ stakeholders { nope } }"}`, want{200, json, "GRAPHQL_VALIDATION_FAILED", false}},
		{"a validation error, graphql-response+json", "POST", json, gql, `{"query": "{ nope }"}`, want{400, gql, "GRAPHQL_VALIDATION_FAILED", false}},
		{"a bad variable", "POST", json, "", `{"query": "query($k: [StakeholderKind!]) { stakeholders(filter: {kinds: $k}) { totalCount } }", "variables": {"k": ["NOPE"]}}`,
			want{200, json, "BAD_USER_INPUT", false}},
		{"a bad variable, graphql-response+json", "POST", json, gql, `{"query": "query($n: Int) { stakeholders(first: $n) { totalCount } }", "variables": {"n": "ten"}}`,
			want{400, gql, "BAD_USER_INPUT", false}},
		{"over a limit", "POST", json, "", `{"query": "{ stakeholder(slug: \"kdn\") { ` + strings.Repeat(`partners { partner { `, 7) + `name` + strings.Repeat(` } }`, 7) + ` } }"}`,
			want{200, json, "DEPTH_LIMIT_EXCEEDED", false}},
		{"a body that is not JSON", "POST", json, "", `{"query": `, want{400, json, "BAD_REQUEST", false}},
		{"two JSON values", "POST", json, "", `{"query": "{ __typename }"} {"query": "{ __typename }"}`, want{400, json, "BAD_REQUEST", false}},
		{"a batch", "POST", json, "", `[{"query": "{ __typename }"}]`, want{400, json, "BAD_REQUEST", false}},
		{"no query", "POST", json, "", `{"qeury": "{ __typename }"}`, want{400, json, "BAD_REQUEST", false}},
		{"a query that is not a string", "POST", json, "", `{"query": 7}`, want{400, json, "BAD_REQUEST", false}},
		{"variables that are not an object", "POST", json, "", `{"query": "{ __typename }", "variables": "x"}`, want{400, json, "BAD_REQUEST", false}},
		{"an unknown persisted query", "POST", json, "", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000"}}}`,
			want{200, json, "PERSISTED_QUERY_NOT_FOUND", false}},
		{"not JSON at all", "POST", "text/plain", "", `{ __typename }`, want{415, json, "UNSUPPORTED_MEDIA_TYPE", false}},
		{"a GET", "GET", "", "", "", want{200, json, "", true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var req *http.Request
			if c.method == "GET" {
				req = httptest.NewRequest(http.MethodGet, `/graphql?query=%7B%20stakeholder(slug%3A%22kdn%22)%20%7B%20name%20%7D%20%7D`, nil)
			} else {
				req = httptest.NewRequest(c.method, "/graphql", strings.NewReader(c.body))
				req.Header.Set("Content-Type", c.contentType)
			}
			if c.accept != "" {
				req.Header.Set("Accept", c.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var resp map[string]any
			if err := jsonDecode(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			got := want{Status: rec.Code, ContentType: rec.Header().Get("Content-Type")}
			_, got.HasData = resp["data"]
			if errs, _ := resp["errors"].([]any); len(errs) > 0 {
				ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
				got.Code, _ = ext["code"].(string)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, rec.Body)
			}
		})
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("client mistakes were logged as errors:\n%s", logs.String())
	}
	// Each refusal is counted by its code, and logged with it.
	rec := httptest.NewRecorder()
	h.Metrics().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, line := range []string{`stakeholder_graph_requests_refused_total{code="GRAPHQL_PARSE_FAILED"} 2`,
		`stakeholder_graph_requests_refused_total{code="DEPTH_LIMIT_EXCEEDED"} 1`,
		`stakeholder_graph_requests_refused_total{code="BAD_REQUEST"} 6`,
		`stakeholder_graph_requests_refused_total{code="UNSUPPORTED_MEDIA_TYPE"} 1`} {
		if !strings.Contains(rec.Body.String(), line) {
			t.Errorf("no %s in the metrics", line)
		}
	}
	if !strings.Contains(logs.String(), "refused=DEPTH_LIMIT_EXCEEDED") {
		t.Error("the access log does not name the limit that refused a request")
	}
}

func jsonDecode(b []byte, v any) error { return json.Unmarshal(b, v) }

// TestHeaders checks what every response carries, on every kind of route: nosniff, and the request ID
// (the client's when it sends a sensible one).
func TestHeaders(t *testing.T) {
	h := newHandler(t)
	for _, path := range []string{"/graphql?query=%7B__typename%7D", "/healthz", "/readyz", "/metrics", "/", "/playground", "/export/json", "/nowhere"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", path, got)
		}
		if len(rec.Header().Get("X-Request-ID")) < 16 {
			t.Errorf("GET %s: request ID %q", path, rec.Header().Get("X-Request-ID"))
		}
	}
	for sent, want := range map[string]bool{"dashboard-7f3a": true, "with space": false, strings.Repeat("x", 200): false} {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		req.Header.Set("X-Request-ID", sent)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("X-Request-ID"); (got == sent) != want {
			t.Errorf("sent request ID %.20q, answered %.20q", sent, got)
		}
	}
}

// TestNoOriginAllowedByDefault checks that a handler configured with no origins allows none.
func TestNoOriginAllowedByDefault(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store})
	req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	req.Header.Set("Origin", "https://anywhere.example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("a preflight from an unlisted origin got Access-Control-Allow-Origin %q", got)
	}
	post := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ __typename }"}`))
	post.Header.Set("Content-Type", "application/json")
	post.Header.Set("Origin", "https://anywhere.example.com")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, post)
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("a POST from an unlisted origin got Access-Control-Allow-Origin %q", got)
	}
}

// TestDefer checks that @defer is delivered incrementally to a client that accepts multipart/mixed, and
// refused with a clear error otherwise, never silently dropped.
func TestDefer(t *testing.T) {
	h := newHandler(t)
	const q = `{"query": "{ stakeholder(slug: \"kdn\") { name ... @defer(label: \"more\") { acronym partners { partner { slug } } } } }"}`
	post := func(accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(q))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := post("application/json")
	if !strings.Contains(rec.Body.String(), `"BAD_REQUEST"`) || !strings.Contains(rec.Body.String(), "multipart/mixed") {
		t.Errorf("@defer over plain JSON: %d %s", rec.Code, rec.Body)
	}
	rec = post("multipart/mixed")
	body, _ := io.ReadAll(rec.Body)
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "multipart/mixed") {
		t.Fatalf("content type %q: %s", rec.Header().Get("Content-Type"), body)
	}
	for _, part := range []string{`"name":"Ministry of Home Affairs"`, `"label":"more"`, `"acronym":"KDN"`, `"hasNext":false`} {
		if !bytes.Contains(body, []byte(part)) {
			t.Errorf("no %s in the multipart answer:\n%s", part, body)
		}
	}
}

// TestMetricsElsewhere checks that /metrics can be taken off the API's listener.
func TestMetricsElsewhere(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, MetricsElsewhere: true})
	if resp := get(t, h, "/metrics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /metrics on the API: %d", resp.StatusCode)
	}
	rec := httptest.NewRecorder()
	h.Metrics().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, name := range []string{"stakeholder_graph_http_requests_in_flight", "stakeholder_graph_neo4j_up 1"} {
		if !strings.Contains(rec.Body.String(), name) {
			t.Errorf("no %s in the metrics", name)
		}
	}
}
