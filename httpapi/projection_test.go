package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// debugQuery asks h a query and returns the data and the Neo4j transactions the request cost.
func debugQuery(t *testing.T, h http.Handler, q string, vars map[string]any, data any) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data       json.RawMessage
		Errors     []gqlError
		Extensions struct {
			Cost struct{ Neo4jTransactions int }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("%v %+v", err, resp.Errors)
	}
	if err := json.Unmarshal(resp.Data, data); err != nil {
		t.Fatal(err)
	}
	return resp.Extensions.Cost.Neo4jTransactions
}

// TestAnalysisAnswersFromProjection checks that a neighbourhood or a path asking only for what the
// in-memory projection holds (slugs, names, kinds, sectors, tie keys, types and ends) is answered from it,
// and that the answer is the one the store gives when a detail field sends the resolvers to Neo4j.
func TestAnalysisAnswersFromProjection(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	type who struct {
		ID, Slug, Name, Kind, Sector string
	}
	type tie struct {
		Key, Type string
		Directed  bool
		From, To  who
	}

	hood := func(detail string) (stakeholders []who, ties []tie, transactions int) {
		var data struct {
			Neighborhood struct {
				Stakeholders []who
				Ties         []tie
			}
		}
		n := debugQuery(t, h, `query($id: ID!) { neighborhood(id: $id, depth: 2) {
			stakeholders { id slug name kind sector `+detail+` }
			ties { key type directed from { id slug name kind sector `+detail+` } to { slug id name kind sector } } } }`,
			map[string]any{"id": id("kdn")}, &data)
		return data.Neighborhood.Stakeholders, data.Neighborhood.Ties, n
	}
	hood("") // builds the projection
	lightS, lightT, light := hood("")
	fullS, fullT, full := hood("description")
	if diff := cmp.Diff(fullS, lightS); diff != "" {
		t.Errorf("stakeholders from the projection differ from the store's (-store +projection):\n%s", diff)
	}
	if diff := cmp.Diff(fullT, lightT); diff != "" {
		t.Errorf("ties from the projection differ from the store's (-store +projection):\n%s", diff)
	}
	if len(lightS) < 10 || len(lightT) < 10 || lightS[0].Name == "" || lightT[0].From.Name == "" {
		t.Errorf("a thin neighbourhood: %d stakeholders, %d ties: %+v", len(lightS), len(lightT), lightS)
	}
	// The projection answers without Neo4j (at most a re-read of the graph version); the store's answer
	// reads the stakeholders, the ties and their ends.
	if light > 1 || full < 3 {
		t.Errorf("Neo4j transactions: %d from the projection (want 0, 1 at most), %d with detail (want 3 or more)", light, full)
	}

	path := func(detail string) (paths any, transactions int) {
		var data struct {
			Path struct {
				Length int
				Paths  []struct {
					Stakeholders []who
					Hops         []struct{ From, To who }
				}
			}
		}
		n := debugQuery(t, h, `query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length paths {
			stakeholders { slug name kind `+detail+` } hops { from { slug name } to { slug sector } } } } }`,
			map[string]any{"from": id("ijm-malaysia"), "to": id("pdrm")}, &data)
		return data.Path, n
	}
	lightP, light := path("")
	fullP, full := path("description")
	if diff := cmp.Diff(fullP, lightP); diff != "" {
		t.Errorf("paths from the projection differ from the store's (-store +projection):\n%s", diff)
	}
	if light > 1 || full < 1 {
		t.Errorf("Neo4j transactions: %d from the projection (want 0, 1 at most), %d with detail", light, full)
	}
}
