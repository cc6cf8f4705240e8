package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestNestedListsAreBatched checks that the Neo4j round trips of a request depend on the depth of its
// nested lists, not on how many rows it returns.
func TestNestedListsAreBatched(t *testing.T) {
	store := neo4jtest.Store(t)
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store, Debug: true})
	const q = `query($first: Int) { stakeholders(first: $first) { nodes {
		partners { partner { name } sources { title quote } }
		ties { other { name } }
		positions { person { name } }
		participations { event { name } } } } }`
	roundTrips := func(first int) (int, int) {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"first": first}})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var resp struct {
			Data struct {
				Stakeholders struct {
					Nodes []json.RawMessage `json:"nodes"`
				} `json:"stakeholders"`
			} `json:"data"`
			Errors     []gqlError `json:"errors"`
			Extensions struct {
				Cost struct {
					Neo4jTransactions int `json:"neo4jTransactions"`
				} `json:"cost"`
			} `json:"extensions"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
			t.Fatalf("%v %+v", err, resp.Errors)
		}
		return len(resp.Data.Stakeholders.Nodes), resp.Extensions.Cost.Neo4jTransactions
	}
	fewRows, few := roundTrips(2)
	allRows, all := roundTrips(100)
	if allRows < 30 || fewRows != 2 {
		t.Fatalf("rows: %d and %d", fewRows, allRows)
	}
	// One query for the page and one for each of the four nested lists: each list is a batch resolver
	// called once with the whole page. Querying per row would cost 1 + 4 x 31.
	if few != 5 || all != 5 {
		t.Errorf("Neo4j transactions: %d for %d stakeholders, %d for %d; want 5 however many rows",
			few, fewRows, all, allRows)
	}
}

// TestListsOfListsAreBatched checks the case a batch resolver cannot cover alone: parents spread over
// many lists (the partners of each partner of a page), which the operation's loader gathers.
func TestListsOfListsAreBatched(t *testing.T) {
	store := neo4jtest.Store(t)
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store, Debug: true})
	type partners []struct{ Partner struct{ Slug string } }
	var page struct {
		Stakeholders struct {
			Nodes []struct {
				Slug     string
				Partners []struct {
					Partner struct {
						Slug     string
						Partners partners
					}
				}
			}
		}
	}
	n := debugQuery(t, h, `{ stakeholders(first: 100) { nodes { slug
		partners { partner { slug partners { partner { slug } } } } } } }`, nil, &page)
	// The page, one batch of partners, and the partners' partners gathered by the loader (which a starved
	// CPU may split in two); per row it would be one query per partner.
	pairs := 0
	for _, s := range page.Stakeholders.Nodes {
		pairs += len(s.Partners)
	}
	if n < 3 || n > 4 || pairs < 10 {
		t.Errorf("%d transactions for %d partners of partners; want 3 (4 at most)", n, pairs)
	}
	// Each nested list is that partner's own: compare it with a direct question.
	for _, s := range page.Stakeholders.Nodes {
		for _, p := range s.Partners {
			var direct struct{ Direct *struct{ Partners partners } }
			debugQuery(t, h, `query($s: String) { direct: stakeholder(slug: $s) { partners { partner { slug } } } }`,
				map[string]any{"s": p.Partner.Slug}, &direct)
			if direct.Direct == nil || len(direct.Direct.Partners) != len(p.Partner.Partners) {
				t.Fatalf("%s: %d partners nested, asked directly: %+v", p.Partner.Slug, len(p.Partner.Partners), direct.Direct)
			}
			for i, q := range direct.Direct.Partners {
				if q.Partner.Slug != p.Partner.Partners[i].Partner.Slug {
					t.Fatalf("%s: partner %d is %s nested, %s asked directly", p.Partner.Slug, i,
						p.Partner.Partners[i].Partner.Slug, q.Partner.Slug)
				}
			}
		}
	}
}

// TestPageWithPartnersAndSources is the yardstick: 100 stakeholders with their partners and each
// partner's sources cost at most three round trips.
func TestPageWithPartnersAndSources(t *testing.T) {
	store := neo4jtest.Store(t)
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store, Debug: true})
	body, _ := json.Marshal(map[string]any{"query": `{ stakeholders(first: 100) { totalCount nodes { name
		partners { partner { name sources { title quote } } sources { title url } } } } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Errors     []gqlError `json:"errors"`
		Extensions struct {
			Cost struct {
				Neo4jTransactions int `json:"neo4jTransactions"`
			} `json:"cost"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("%v %+v", err, resp.Errors)
	}
	// The page, the count, and one batch of partners (sources come with each row).
	if n := resp.Extensions.Cost.Neo4jTransactions; n != 3 {
		t.Errorf("%d round trips, want 3", n)
	}
}

// TestCountOnlyReadsNoPage checks that asking only for totalCount costs one count query and no page.
func TestCountOnlyReadsNoPage(t *testing.T) {
	store := neo4jtest.Store(t)
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store, Debug: true})
	body, _ := json.Marshal(map[string]any{"query": `{ stakeholders(filter: {kinds: [AGENCY]}) { totalCount }
		partnerships { totalCount } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data struct {
			Stakeholders struct{ TotalCount int } `json:"stakeholders"`
		} `json:"data"`
		Extensions struct {
			Cost struct {
				Neo4jTransactions int `json:"neo4jTransactions"`
			} `json:"cost"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Data.Stakeholders.TotalCount != 11 || resp.Extensions.Cost.Neo4jTransactions != 2 {
		t.Errorf("%d agencies in %d transactions; want 11 in 2 (one count per connection)",
			resp.Data.Stakeholders.TotalCount, resp.Extensions.Cost.Neo4jTransactions)
	}
}

// TestStakeholderWithPartnersInOneRoundTrip checks that a stakeholder with its partners, the commonest
// dashboard question, is one Neo4j transaction, and answers as the general path does.
func TestStakeholderWithPartnersInOneRoundTrip(t *testing.T) {
	store := neo4jtest.Store(t)
	h := httpapi.NewHandler(httpapi.Config{Graph: store, Ready: store, Debug: true})
	type answer struct {
		Stakeholder struct {
			Name     string
			Sources  []struct{ Title string }
			Partners []struct {
				Partner     struct{ Slug, Name string }
				Stakeholder struct{ Slug string }
				Since       *string
				FocusAreas  []string
				Sources     []struct{ Title, Quote string }
			}
		}
	}
	const fields = `name sources { title } %s { partner { slug name } stakeholder { slug } since focusAreas
		sources { title quote } }`
	var one, general answer
	n := debugQuery(t, h, `{ stakeholder(slug: "ijm-malaysia") { `+fmt.Sprintf(fields, "partners")+` } }`, nil, &one)
	m := debugQuery(t, h, `{ stakeholder(slug: "ijm-malaysia") { `+fmt.Sprintf(fields, "partners(asOf: null)")+` } }`, nil, &general)
	if n != 1 || m != 2 {
		t.Errorf("%d transactions for a stakeholder with partners, %d with an argument on partners; want 1 and 2", n, m)
	}
	if diff := cmp.Diff(general, one); diff != "" {
		t.Errorf("read in one statement (-general +one):\n%s", diff)
	}
	if len(one.Stakeholder.Partners) < 3 || one.Stakeholder.Partners[0].Stakeholder.Slug != "ijm-malaysia" ||
		len(one.Stakeholder.Partners[0].Sources) == 0 || one.Stakeholder.Partners[0].Sources[0].Title == "" {
		t.Errorf("a thin answer: %+v", one)
	}
}
