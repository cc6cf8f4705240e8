package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDepthLimit(t *testing.T) {
	c := newClient(t)
	deep := `{ stakeholder(slug: "kdn") { partners { partner { partners { partner { partners { partner {
		partners { partner { partners { partner { partners { partner { name } } } } } } } } } } } } } }`
	errs, data := queryErrors(t, c, deep, nil)
	if diff := cmp.Diff([]string{"DEPTH_LIMIT_EXCEEDED"}, codes(errs)); diff != "" || data != nil {
		t.Errorf("codes (-want +got):\n%s\ndata %v", diff, data)
	}
	// Fragments count where they are spread.
	viaFragment := `query { stakeholder(slug: "kdn") { ...P } }
		fragment P on Stakeholder { partners { partner { partners { partner { partners { partner { partners { partner {
		partners { partner { partners { partner { name } } } } } } } } } } } } }`
	if errs, _ := queryErrors(t, c, viaFragment, nil); codes(errs)[0] != "DEPTH_LIMIT_EXCEEDED" {
		t.Errorf("a deep fragment passed: %+v", errs)
	}
	// Introspection is deep but not counted, so the playground's schema query passes.
	var schema map[string]any
	query(t, c, `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name
		ofType { name ofType { name ofType { name ofType { name } } } } } } } } } } } }`, &schema)
}

func TestGzip(t *testing.T) {
	h := newHandler(t)
	body, _ := json.Marshal(map[string]any{"query": `{ network { stakeholders { name mandates sources { title quote } } } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("a large response was not compressed: %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Contains(plain, []byte("Ministry of Home Affairs")) {
		t.Errorf("decompressed body: %.200s", plain)
	}
}

func TestMetrics(t *testing.T) {
	c := newClient(t)
	scrape := func() string {
		resp := get(t, c.handler, "/metrics")
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	value := func(text, name string) float64 {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindStringSubmatch(text)
		if m == nil {
			return 0
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return v
	}
	before := scrape()
	var resp map[string]any
	query(t, c, `{ stakeholders(first: 5) { nodes { partners { partner { name } } } } }`, &resp)
	after := scrape()
	if got := value(after, `stakeholder_graph_graphql_operations_total{outcome="ok"}`) -
		value(before, `stakeholder_graph_graphql_operations_total{outcome="ok"}`); got != 1 {
		t.Errorf("operations counted: %v", got)
	}
	// One page with its partners: one round trip.
	if got := value(after, "stakeholder_graph_neo4j_transactions_per_operation_sum") -
		value(before, "stakeholder_graph_neo4j_transactions_per_operation_sum"); got != 1 {
		t.Errorf("round trips recorded: %v, want 1", got)
	}
	if !strings.Contains(after, "go_goroutines") {
		t.Error("no runtime metrics")
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	h := newHandler(t)
	const q = `{ stakeholder(slug: "agc") { name } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	post := func(body map[string]any) string {
		b, _ := json.Marshal(body)
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	if got := post(map[string]any{"extensions": ext}); !strings.Contains(got, "PERSISTED_QUERY_NOT_FOUND") {
		t.Errorf("an unknown hash: %s", got)
	}
	if got := post(map[string]any{"query": q, "extensions": ext}); !strings.Contains(got, "Attorney General") {
		t.Errorf("registering the query: %s", got)
	}
	if got := post(map[string]any{"extensions": ext}); !strings.Contains(got, "Attorney General") {
		t.Errorf("the hash alone, once registered: %s", got)
	}
}
