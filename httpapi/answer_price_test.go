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
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
)

// neighbourhoodQuery asks for MAPO's neighbourhood two hops out, which on the seed network is every
// stakeholder MAPO reaches and the ties among them.
const neighbourhoodQuery = `{ neighborhood(id: "U3Rha2Vob2xkZXI6bWFwbw", depth: 2) {
  stakeholderCount tieCount stakeholders { slug name kind } ties { key type from { slug } to { slug } } } }`

type neighbourhoodAnswer struct {
	Data *struct {
		Neighborhood struct {
			StakeholderCount int `json:"stakeholderCount"`
			TieCount         int `json:"tieCount"`
			Stakeholders     []struct {
				Slug string `json:"slug"`
			} `json:"stakeholders"`
			Ties []struct {
				Key string `json:"key"`
			} `json:"ties"`
		} `json:"neighborhood"`
	} `json:"data"`
	Errors     []gqlError `json:"errors"`
	Extensions struct {
		Cost struct {
			Price int `json:"price"`
		} `json:"cost"`
	} `json:"extensions"`
}

// askNeighbourhood runs neighbourhoodQuery on a handler whose pricing sees the graph's measures as m.
func askNeighbourhood(t *testing.T, m domain.GraphMeasures, limits querycost.Limits) neighbourhoodAnswer {
	t.Helper()
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{
		Ready:    store,
		Debug:    true,
		Limits:   limits,
		Measures: func(context.Context) domain.GraphMeasures { return m },
	})
	body, _ := json.Marshal(map[string]string{"query": neighbourhoodQuery})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a neighbourhoodAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	return a
}

// TestNeighbourhoodsArePricedByTheirAnswer checks @sizedByAnswer on neighborhood: the request is priced
// with an assumed size for the answer's lists, not the whole graph's, and priced again with their real
// length before they resolve.
func TestNeighbourhoodsArePricedByTheirAnswer(t *testing.T) {
	t.Run("OK on a large graph", func(t *testing.T) {
		// Priced by the whole graph, stakeholders and ties of 10,000 stakeholders and 100,000 ties cost
		// over 600,000, three times the default limit, however small the neighbourhood.
		a := askNeighbourhood(t, domain.GraphMeasures{Stakeholders: 10_000, Ties: 100_000, MaxDegree: 500}, querycost.Limits{})
		if len(a.Errors) > 0 || a.Data == nil {
			t.Fatalf("errors: %+v", a.Errors)
		}
		n := a.Data.Neighborhood
		if n.StakeholderCount < 20 || len(n.Stakeholders) != n.StakeholderCount || len(n.Ties) != n.TieCount {
			t.Errorf("answer: %d stakeholders (%d listed), %d ties (%d listed)", n.StakeholderCount, len(n.Stakeholders), n.TieCount, len(n.Ties))
		}
		if a.Extensions.Cost.Price > 5_000 {
			t.Errorf("price %d, want the assumed size's", a.Extensions.Cost.Price)
		}
	})

	// With measures that say the graph is tiny, the first price counts two of each; the answer is larger.
	tiny := domain.GraphMeasures{Stakeholders: 2, Ties: 2, MaxDegree: 2}
	first := 1 + 1 + 1 + (1 + 2*3) + (1 + 2*(2+2+2)) // the fields, then two stakeholders and two ties

	t.Run("OK priced again when known", func(t *testing.T) {
		a := askNeighbourhood(t, tiny, querycost.Limits{})
		if len(a.Errors) > 0 || a.Data == nil {
			t.Fatalf("errors: %+v", a.Errors)
		}
		n := a.Data.Neighborhood
		want := first + (n.StakeholderCount-2)*3 + (n.TieCount-2)*6
		if a.Extensions.Cost.Price != want {
			t.Errorf("price %d, want %d for %d stakeholders and %d ties", a.Extensions.Cost.Price, want, n.StakeholderCount, n.TieCount)
		}
	})

	t.Run("COMPLEXITY_LIMIT_EXCEEDED when the answer is over the limit", func(t *testing.T) {
		a := askNeighbourhood(t, tiny, querycost.Limits{Complexity: 100})
		if got := codes(a.Errors); len(got) != 1 || got[0] != querycost.CodeComplexity {
			t.Fatalf("codes %v, want one %s: %+v", got, querycost.CodeComplexity, a.Errors)
		}
		msg := a.Errors[0].Message
		if !strings.Contains(msg, "the answer of neighborhood has") || !strings.Contains(msg, "stakeholders and") || !strings.Contains(msg, "ties") {
			t.Errorf("message %q, want the answer's sizes", msg)
		}
		if a.Data != nil {
			t.Errorf("data %+v, want null: neighborhood is non-null", a.Data)
		}
	})
}
