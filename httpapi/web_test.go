package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/web"
)

func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestPlaygroundIsOffline(t *testing.T) {
	h := newHandler(t)
	resp := get(t, h, "/playground")
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /playground: %d %s (run make web?)", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`).Match(page) {
		t.Errorf("the playground page names an external URL:\n%s", page)
	}
	// Every script and stylesheet the page loads comes from this service.
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllSubmatch(page, -1)
	if len(refs) < 2 {
		t.Fatalf("the page loads %d assets, want at least a script and a stylesheet", len(refs))
	}
	for _, ref := range refs {
		path := string(ref[1])
		if !strings.HasPrefix(path, "/playground/") {
			t.Errorf("asset %q is not served by the playground", path)
			continue
		}
		if r := get(t, h, path); r.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, r.StatusCode)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
}

// TestExamplesRunWithoutErrors runs every playground example in order: the queries anonymously, the
// mutations with an admin's key (the merge example folds a duplicate this test makes first into the
// stakeholder the create example adds). Subscriptions are checked against the schema by package web.
func TestExamplesRunWithoutErrors(t *testing.T) {
	d := newCurationDesk(t)
	c := &api{handler: d.h}
	examples, err := web.Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 5 {
		t.Fatalf("%d examples, want the common questions covered", len(examples))
	}
	d.ok(auth.RoleEditor, `mutation { createStakeholder(input: {slug: "example-ngo-duplicate", name: "Example NGO Penang",
		kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { stakeholder { slug } } }`, nil)
	for _, ex := range examples {
		t.Run(ex.Title, func(t *testing.T) {
			op := operationOf(ex.Query)
			if op == "subscription" {
				return
			}
			vars, err := ex.VariableValues()
			if err != nil {
				t.Fatal(err)
			}
			body, _ := json.Marshal(map[string]any{"query": ex.Query, "variables": vars})
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			if op == "mutation" {
				req.Header.Set("Authorization", "Bearer "+d.tokens[auth.RoleAdmin])
			}
			rec := httptest.NewRecorder()
			c.handler.ServeHTTP(rec, req)
			var resp struct {
				Data   map[string]any `json:"data"`
				Errors []gqlError     `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if len(resp.Errors) > 0 || len(resp.Data) == 0 {
				t.Errorf("example %q: errors %+v, data %v", ex.Title, resp.Errors, resp.Data)
			}
		})
	}
}

func TestProbes(t *testing.T) {
	h := newHandler(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp := get(t, h, path)
		var body map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&body)
		if resp.StatusCode != http.StatusOK || body["status"] != "ok" {
			t.Errorf("GET %s: %d %v", path, resp.StatusCode, body)
		}
	}
	if resp := get(t, h, "/"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %s, want the explorer page", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestCORS(t *testing.T) {
	h := newHandler(t)
	preflight := func(origin, headers string) string {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", headers)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Header().Get("Access-Control-Allow-Origin")
	}
	got := map[string]string{
		"allowed":   preflight("https://dashboard.example.org", "content-type"),
		"elsewhere": preflight("https://elsewhere.example.com", "content-type"),
		// A dashboard asking for an answer read from the graph, not the response cache.
		"no-cache": preflight("https://dashboard.example.org", "cache-control,content-type"), // as browsers send it: sorted
	}
	want := map[string]string{"allowed": "https://dashboard.example.org", "elsewhere": "", "no-cache": "https://dashboard.example.org"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Access-Control-Allow-Origin (-want +got):\n%s", diff)
	}
	if creds := get(t, h, "/healthz", "Origin", "https://dashboard.example.org").Header.Get("Access-Control-Allow-Credentials"); creds != "" {
		t.Errorf("credentials allowed: %q", creds)
	}
}

// operationOf returns the keyword of a document's first operation: query, mutation or subscription.
func operationOf(doc string) string {
	for _, line := range strings.Split(doc, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, _, _ := strings.Cut(line, " ")
		return word
	}
	return ""
}
