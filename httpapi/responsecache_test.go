package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// cachedAnswer is one response with the debug extension that says how it was answered.
type cachedAnswer struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions struct {
		Cost struct {
			Neo4jTransactions int  `json:"neo4jTransactions"`
			Cached            bool `json:"cached"`
		} `json:"cost"`
	} `json:"extensions"`
}

func ask(t *testing.T, h http.Handler, q string, vars map[string]any, header ...string) cachedAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a cachedAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("decoding %s: %v", rec.Body.String(), err)
	}
	return a
}

// TestResponseCache checks that a repeated query is answered without Neo4j and with the same data, that
// anything else (other variables, a client asking for a fresh answer, a failed answer) is read from the
// graph, and that a write to the graph retires every cached answer.
func TestResponseCache(t *testing.T) {
	ctx := context.Background()
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	// The seed without the partnerships of one stakeholder; loading the whole seed later adds them.
	const slug = "ijm-malaysia"
	partial := *d
	partial.Ties = nil
	for _, tie := range d.Ties {
		if !(tie.Type == string(domain.TiePartnersWith) && (tie.From == slug || tie.To == slug)) {
			partial.Ties = append(partial.Ties, tie)
		}
	}
	if len(partial.Ties) == len(d.Ties) {
		t.Fatalf("the seed has no partnership of %s", slug)
	}
	store := neo4jtest.Empty(t)
	if _, err := store.Load(ctx, &partial); err != nil {
		t.Fatal(err)
	}
	defer neo4jtest.Store(t) // leave the seed as the other tests expect it

	h := newAPI(store, httpapi.Config{Ready: store, Debug: true, ResponseCacheBytes: 1 << 20})
	const q = `query($slug: String!) { stakeholder(slug: $slug) { name partners { partner { slug } sources { title } } } }`
	vars := map[string]any{"slug": slug}

	first := ask(t, h, q, vars)
	if len(first.Errors) > 0 || first.Extensions.Cost.Cached || first.Extensions.Cost.Neo4jTransactions == 0 {
		t.Fatalf("first answer: %+v", first)
	}
	again := ask(t, h, q, vars)
	// From the cache, the answer costs no read; at most the graph version is read again, when the version
	// read last is older than the store trusts it (a second; a slow machine takes that between two requests).
	if !again.Extensions.Cost.Cached || again.Extensions.Cost.Neo4jTransactions > 1 {
		t.Errorf("the same query again: cached %v, %d Neo4j transactions; want an answer from the cache",
			again.Extensions.Cost.Cached, again.Extensions.Cost.Neo4jTransactions)
	}
	if !bytes.Equal(again.Data, first.Data) {
		t.Errorf("the cached answer differs:\n%s\n%s", first.Data, again.Data)
	}

	other := ask(t, h, q, map[string]any{"slug": "ministry-of-home-affairs"})
	if other.Extensions.Cost.Cached || bytes.Equal(other.Data, first.Data) {
		t.Errorf("other variables were answered from the cache: %s", other.Data)
	}
	fresh := ask(t, h, q, vars, "Cache-Control", "no-cache")
	if fresh.Extensions.Cost.Cached || fresh.Extensions.Cost.Neo4jTransactions == 0 || !bytes.Equal(fresh.Data, first.Data) {
		t.Errorf("Cache-Control: no-cache: %+v", fresh)
	}

	// no-store reads the graph and keeps nothing: the next plain request still misses.
	other2 := map[string]any{"slug": "agc"}
	if a := ask(t, h, q, other2, "Cache-Control", "no-store"); a.Extensions.Cost.Cached || len(a.Errors) > 0 {
		t.Errorf("Cache-Control: no-store: cached %v, errors %v", a.Extensions.Cost.Cached, a.Errors)
	}
	if a := ask(t, h, q, other2); a.Extensions.Cost.Cached {
		t.Error("an answer asked with Cache-Control: no-store was kept")
	}

	missing := map[string]any{"slug": "no-such-stakeholder"}
	for i := range 2 {
		a := ask(t, h, q, missing)
		if len(a.Errors) == 0 || a.Extensions.Cost.Cached {
			t.Errorf("unknown slug, request %d: errors %v, cached %v; a failed answer must not be kept", i+1, a.Errors, a.Extensions.Cost.Cached)
		}
	}

	// A write retires the cached answers: the partnerships loaded now show at once.
	if _, err := store.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	after := ask(t, h, q, vars)
	if after.Extensions.Cost.Cached || after.Extensions.Cost.Neo4jTransactions == 0 {
		t.Errorf("after a write: cached %v, %d Neo4j transactions", after.Extensions.Cost.Cached, after.Extensions.Cost.Neo4jTransactions)
	}
	if strings.Count(string(after.Data), `"partner"`) <= strings.Count(string(first.Data), `"partner"`) {
		t.Errorf("after loading %s's partnerships the answer still lacks them:\nbefore %s\nafter  %s", slug, first.Data, after.Data)
	}
	if a := ask(t, h, q, vars); !a.Extensions.Cost.Cached || !bytes.Equal(a.Data, after.Data) {
		t.Errorf("the answer read after the write was not kept: cached %v", a.Extensions.Cost.Cached)
	}
}

// TestResponseCacheOffByDefault checks that a handler configured without a cache reads every answer.
func TestResponseCacheOffByDefault(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	const q = `{ stakeholders(first: 3) { nodes { slug } } }`
	for i := range 2 {
		if a := ask(t, h, q, nil); a.Extensions.Cost.Cached || a.Extensions.Cost.Neo4jTransactions == 0 {
			t.Errorf("request %d: cached %v, %d Neo4j transactions", i+1, a.Extensions.Cost.Cached, a.Extensions.Cost.Neo4jTransactions)
		}
	}
}
