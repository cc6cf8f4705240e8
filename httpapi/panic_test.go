package httpapi_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// panickyStore is the real store with two reads that panic: one called from a resolver, one from the
// batched reads of nested lists (which the read planner does not use: the test asks them field by field).
type panickyStore struct{ domain.Store }

func (panickyStore) CountStakeholders(context.Context, domain.StakeholderFilter) (int, error) {
	panic("a bug in a lookup")
}

func (panickyStore) PositionsAt(context.Context, []string) (map[string][]*domain.Position, error) {
	panic("a bug in a batched read")
}

// TestPanicsBecomeInternalErrors checks that a panic while resolving becomes an INTERNAL error in the
// answer, with its stack in the log and no details shown, and that the service goes on answering.
func TestPanicsBecomeInternalErrors(t *testing.T) {
	store := neo4jtest.Store(t)
	var logs syncBuffer
	cfg := httpapi.Config{Ready: store, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	h := newAPI(panickyStore{store}, cfg)
	fieldByField := newFieldByFieldAPI(panickyStore{store}, cfg)
	for _, c := range []struct {
		h http.Handler
		q string
	}{
		{h, `{ stakeholders { totalCount } }`},
		// The positions of each hit: lists of objects spread over a list, read by the operation's loader in
		// a goroutine of its own.
		{fieldByField, `{ search(text: "ministry") { node { ... on Stakeholder { positions { title } } } } }`},
	} {
		q := c.q
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": `+jsonString(q)+`}`))
		req.Header.Set("Content-Type", "application/json")
		c.h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `"INTERNAL"`) || strings.Contains(body, "a bug") {
			t.Errorf("%s: %d %s", q, rec.Code, body)
		}
	}
	if got := logs.String(); !strings.Contains(got, "a bug in a lookup") || !strings.Contains(got, "a bug in a batched read") ||
		!strings.Contains(got, "goroutine") {
		t.Errorf("the panics and their stacks are not in the log:\n%.2000s", got)
	}
	// The service is still there.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ stakeholders(first: 1) { nodes { name } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "errors") {
		t.Errorf("after the panics: %d %s", rec.Code, rec.Body)
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + `"`
}
