package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// TestNestedListsAreBatched checks that the Neo4j round trips of a request do not depend on how many rows
// it returns: one statement with the read planner, one per list level field by field.
func TestNestedListsAreBatched(t *testing.T) {
	store := neo4jtest.Store(t)
	planned := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	fieldByField := newFieldByFieldAPI(store, httpapi.Config{Ready: store, Debug: true})
	const q = `query($first: Int) { stakeholders(first: $first) { nodes {
		partners { partner { name } sources { title quote } }
		ties { other { name } }
		positions { person { name } }
		participations { event { name } } } } }`
	roundTrips := func(h http.Handler, first int) (int, int) {
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
	fewRows, few := roundTrips(planned, 2)
	allRows, all := roundTrips(planned, 100)
	if allRows < 30 || fewRows != 2 {
		t.Fatalf("rows: %d and %d", fewRows, allRows)
	}
	// The planner reads the page and its four nested lists in one statement.
	if few != 1 || all != 1 {
		t.Errorf("Neo4j transactions: %d for %d stakeholders, %d for %d; want 1 however many rows",
			few, fewRows, all, allRows)
	}
	// Field by field: the page, and each nested list a batch resolver called once with the whole page.
	// Querying per row would cost 1 + 4 x 31.
	_, few = roundTrips(fieldByField, 2)
	_, all = roundTrips(fieldByField, 100)
	if few != 5 || all != 5 {
		t.Errorf("Neo4j transactions field by field: %d for 2 stakeholders, %d for all; want 5 however many rows", few, all)
	}
}

// TestListsOfListsAreBatched checks the case a batch resolver cannot cover alone: parents spread over
// many lists (the partners of each partner of a page), which the operation's loader gathers.
func TestListsOfListsAreBatched(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	fieldByField := newFieldByFieldAPI(store, httpapi.Config{Ready: store, Debug: true})
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
	const q = `{ stakeholders(first: 40) { nodes { slug
		partners { partner { slug partners { partner { slug } } } } } } }`
	n := debugQuery(t, h, q, nil, &page)
	var reference any
	m := debugQuery(t, fieldByField, q, nil, &reference)
	// One statement with the planner. Field by field: the page with its partners, and the partners'
	// partners gathered by the loader (which a starved CPU may split in two); per row it would be one
	// query per partner.
	pairs := 0
	for _, s := range page.Stakeholders.Nodes {
		pairs += len(s.Partners)
	}
	if n != 1 || m < 3 || m > 4 || pairs < 10 {
		t.Errorf("%d transactions (%d field by field) for %d partners of partners; want 1 (3, 4 at most)", n, m, pairs)
	}
	var planned any
	debugQuery(t, h, q, nil, &planned)
	if diff := cmp.Diff(reference, planned); diff != "" {
		t.Errorf("planned answer differs from field by field (-field by field +planned):\n%s", diff)
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
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
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
	// The count, and the page with its partners (sources come with each row).
	if n := resp.Extensions.Cost.Neo4jTransactions; n != 2 {
		t.Errorf("%d round trips, want 2", n)
	}
}

// TestPageWithPartnersInOneStatement checks that a page of stakeholders with their partners is one Neo4j
// transaction, through nodes or edges, in every order and after a cursor, with or without arguments on
// partners, and answers exactly as the path field by field (a page, then a batch of partners) does.
func TestPageWithPartnersInOneStatement(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	fieldByField := newFieldByFieldAPI(store, httpapi.Config{Ready: store, Debug: true})
	const partners = `%s { partner { slug name kind } stakeholder { slug } since until focusAreas sources { title quote url } }`
	queries := []string{
		`query($after: String) { stakeholders(first: 4, after: $after) { nodes { slug sources { title } ` + partners + ` } pageInfo { endCursor } } }`,
		`query($after: String) { stakeholders(filter: {kinds: [AGENCY]}, orderBy: {field: NAME, direction: DESC}, first: 3, after: $after) {
			edges { cursor node { slug ` + partners + ` } } pageInfo { endCursor } } }`,
		`query($after: String) { stakeholders(filter: {kinds: [NGO, AGENCY]}, orderBy: {field: SLUG}, first: 5, after: $after) {
			nodes { ... on Node { id } ... on Stakeholder { ` + partners + ` } } pageInfo { endCursor } } }`,
	}
	for i, q := range queries {
		var after any
		seen := 0
		for pageNo := range 2 {
			vars := map[string]any{"after": after}
			var one, withArg, general map[string]any
			n := debugQuery(t, h, fmt.Sprintf(q, "partners"), vars, &one)
			a := debugQuery(t, h, fmt.Sprintf(q, "partners(asOf: null)"), vars, &withArg)
			m := debugQuery(t, fieldByField, fmt.Sprintf(q, "partners"), vars, &general)
			if n != 1 || a != 1 || m != 2 {
				t.Errorf("query %d, page %d: %d transactions with partners, %d with an argument on partners, %d field by field; want 1, 1 and 2", i, pageNo, n, a, m)
			}
			if diff := cmp.Diff(general, one); diff != "" {
				t.Errorf("query %d, page %d, read in one statement (-field by field +one):\n%s", i, pageNo, diff)
			}
			if diff := cmp.Diff(general, withArg); diff != "" {
				t.Errorf("query %d, page %d, with asOf: null (-field by field +one):\n%s", i, pageNo, diff)
			}
			b, _ := json.Marshal(one)
			seen += strings.Count(string(b), `"partner":{`)
			after = one["stakeholders"].(map[string]any)["pageInfo"].(map[string]any)["endCursor"]
		}
		if seen == 0 {
			t.Errorf("query %d: no partners on two pages; the comparison proves nothing", i)
		}
	}
}

// TestCountOnlyReadsNoPage checks that asking only for totalCount costs one count query and no page.
func TestCountOnlyReadsNoPage(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
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
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	agencies := 0
	for _, s := range d.Stakeholders {
		if s.Kind == "AGENCY" {
			agencies++
		}
	}
	if resp.Data.Stakeholders.TotalCount != agencies || resp.Extensions.Cost.Neo4jTransactions != 2 {
		t.Errorf("%d agencies in %d transactions; want %d in 2 (one count per connection)",
			resp.Data.Stakeholders.TotalCount, resp.Extensions.Cost.Neo4jTransactions, agencies)
	}
}

// TestStakeholderWithPartnersInOneRoundTrip checks that a stakeholder with its partners, the commonest
// dashboard question, is one Neo4j transaction, and answers as the general path does.
func TestStakeholderWithPartnersInOneRoundTrip(t *testing.T) {
	store := neo4jtest.Store(t)
	h := newAPI(store, httpapi.Config{Ready: store, Debug: true})
	fieldByField := newFieldByFieldAPI(store, httpapi.Config{Ready: store, Debug: true})
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
	m := debugQuery(t, fieldByField, `{ stakeholder(slug: "ijm-malaysia") { `+fmt.Sprintf(fields, "partners")+` } }`, nil, &general)
	if n != 1 || m != 2 {
		t.Errorf("%d transactions for a stakeholder with partners, %d field by field; want 1 and 2", n, m)
	}
	if diff := cmp.Diff(general, one); diff != "" {
		t.Errorf("read in one statement (-general +one):\n%s", diff)
	}
	if len(one.Stakeholder.Partners) < 3 || one.Stakeholder.Partners[0].Stakeholder.Slug != "ijm-malaysia" ||
		len(one.Stakeholder.Partners[0].Sources) == 0 || one.Stakeholder.Partners[0].Sources[0].Title == "" {
		t.Errorf("a thin answer: %+v", one)
	}
}
