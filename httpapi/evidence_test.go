package httpapi_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// sourceRank orders source kinds from the most weight, as the schema documents them; the tests weigh the
// data files with it rather than with the service's own code.
var sourceRank = map[string]int{"OFFICIAL": 0, "INTERGOVERNMENTAL": 1, "NEWS": 2, "SELF": 3, "ADVOCACY": 4, "COPY": 5, "LEAK": 6, "MACHINE": 7}

// fileEvidence is a tie's evidence counted from the data files: independent sources (documents of one
// story counted once) and the weightiest kind among them, "" when none is classified.
type fileEvidence struct {
	n    int
	kind string
}

// evidenceFromFiles weighs every tie of d, by its key (from:TYPE:to, the ends of an undirected tie in
// slug order).
func evidenceFromFiles(d *dataset.Dataset) map[string]fileEvidence {
	weigh := weigher(d)
	out := map[string]fileEvidence{}
	for _, tie := range d.Ties {
		out[tieKey(tie.From, tie.Type, tie.To)] = weigh(tie.Citations)
	}
	return out
}

// weigher returns a function that weighs citations of d's sources.
func weigher(d *dataset.Dataset) func([]domain.Citation) fileEvidence {
	sources := map[string]dataset.SourceRecord{}
	for _, s := range d.Sources {
		sources[s.Key] = s
	}
	return func(citations []domain.Citation) fileEvidence {
		stories := map[string]bool{}
		best := ""
		for _, c := range citations {
			s := sources[c.Source]
			story := s.Story
			if story == "" {
				story = s.Key
			}
			stories[story] = true
			if k, ok := sourceRank[s.Kind]; ok && (best == "" || k < sourceRank[best]) {
				best = s.Kind
			}
		}
		return fileEvidence{len(stories), best}
	}
}

// tieKey is the key the API gives a tie: the ends of a tie without direction in slug order.
func tieKey(from, typ, to string) string {
	if (typ == "PARTNERS_WITH" || typ == "CO_ORGANISES" || typ == "DISPUTES") && to < from {
		from, to = to, from
	}
	return from + ":" + typ + ":" + to
}

// evidenceCase is an evidence filter as GraphQL and as URL parameters, and what it admits by the schema's
// description.
type evidenceCase struct {
	name   string
	arg    string // the EvidenceFilter literal; "" for none
	params string // the export's query parameters
	admits func(fileEvidence) bool
}

var evidenceCases = []evidenceCase{
	{"default", "", "", func(e fileEvidence) bool { return e.kind != "MACHINE" }},
	{"two sources", "{minSources: 2}", "minSources=2", func(e fileEvidence) bool { return e.n >= 2 && e.kind != "MACHINE" }},
	{"news or weightier", "{minKind: NEWS}", "minKind=NEWS", func(e fileEvidence) bool {
		return e.kind != "" && sourceRank[e.kind] <= sourceRank["NEWS"]
	}},
	{"official with two sources", "{minKind: OFFICIAL, minSources: 2}", "minKind=OFFICIAL&minSources=2", func(e fileEvidence) bool {
		return e.kind == "OFFICIAL" && e.n >= 2
	}},
	{"every tie", "{minKind: MACHINE}", "minKind=machine", func(fileEvidence) bool { return true }},
}

// expectedTies lists the keys of the ties of d a case admits, of the given types (every type when nil).
func expectedTies(ev map[string]fileEvidence, c evidenceCase, types ...string) []string {
	var out []string
	for key, e := range ev {
		if t := strings.Split(key, ":")[1]; (types == nil || slices.Contains(types, t)) && c.admits(e) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// TestEvidenceFilterNarrowsEveryView checks that an evidence filter keeps exactly the ties the data files'
// sources support, in every place a tie is listed: partnerships (page and count), a stakeholder's ties and
// partners (planned and field by field), network views, network statistics and exports.
func TestEvidenceFilterNarrowsEveryView(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	ev := evidenceFromFiles(d)
	// The cases must tell something apart on the shipped data, or the test proves nothing.
	sizes := map[int]bool{}
	for _, c := range evidenceCases {
		sizes[len(expectedTies(ev, c))] = true
	}
	if len(sizes) != len(evidenceCases) {
		t.Fatalf("the evidence cases select sets of the same size on the shipped data: %v", sizes)
	}
	allTypes := tieTypeNames()
	store := neo4jtest.Store(t)
	clients := map[string]*api{}
	for name, h := range map[string]http.Handler{
		"planned":        newAPI(store, httpapi.Config{Ready: store}),
		"field by field": newFieldByFieldAPI(store, httpapi.Config{Ready: store}),
	} {
		clients[name] = &api{Client: client.New(h, client.Path("/graphql")), handler: h}
	}
	for _, c := range evidenceCases {
		arg, filterArg := "", ""
		if c.arg != "" {
			arg, filterArg = "(evidence: "+c.arg+")", ", evidence: "+c.arg
		}
		wantAll := expectedTies(ev, c)
		wantPartnerships := expectedTies(ev, c, "PARTNERS_WITH")
		t.Run(c.name, func(t *testing.T) {
			for name, cl := range clients {
				got := stakeholderTies(t, cl, arg)
				if diff := cmp.Diff(wantAll, got.ties); diff != "" {
					t.Errorf("%s: Stakeholder.ties (-files +API):\n%s", name, diff)
				}
				if diff := cmp.Diff(wantPartnerships, got.partners); diff != "" {
					t.Errorf("%s: Stakeholder.partners (-files +API):\n%s", name, diff)
				}
				gotPartnerships, total := partnershipKeys(t, cl, filterArg)
				if diff := cmp.Diff(wantPartnerships, gotPartnerships); diff != "" {
					t.Errorf("%s: partnerships (-files +API):\n%s", name, diff)
				}
				if total != len(wantPartnerships) {
					t.Errorf("%s: partnerships totalCount %d, the files give %d", name, total, len(wantPartnerships))
				}
			}
			c0 := clients["planned"]
			var net struct {
				Network struct {
					Ties []struct {
						Key string `json:"key"`
					} `json:"ties"`
				} `json:"network"`
				NetworkStats struct {
					ArcCount int `json:"arcCount"`
				} `json:"networkStats"`
			}
			query(t, c0, fmt.Sprintf(`{ network(filter: {tieTypes: [%s]%s}) { ties { key } }
				networkStats(filter: {tieTypes: [PARTNERS_WITH]%s}) { arcCount } }`, strings.Join(allTypes, " "), filterArg, filterArg), &net)
			var keys []string
			for _, tie := range net.Network.Ties {
				keys = append(keys, tie.Key)
			}
			slices.Sort(keys)
			if diff := cmp.Diff(wantAll, keys); diff != "" {
				t.Errorf("network (-files +API):\n%s", diff)
			}
			if net.NetworkStats.ArcCount != 2*len(wantPartnerships) {
				t.Errorf("networkStats over partnerships: %d arcs, the files give %d partnerships (two arcs each)",
					net.NetworkStats.ArcCount, len(wantPartnerships))
			}
			resp := get(t, c0.handler, "/export/cytoscape?tieTypes="+strings.Join(allTypes, ",")+"&"+c.params)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("export: %s", resp.Status)
			}
			var doc struct {
				Elements struct {
					Edges []struct {
						Data struct {
							ID string `json:"id"`
						} `json:"data"`
					} `json:"edges"`
				} `json:"elements"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
				t.Fatal(err)
			}
			keys = keys[:0]
			for _, e := range doc.Elements.Edges {
				keys = append(keys, e.Data.ID)
			}
			slices.Sort(keys)
			if diff := cmp.Diff(wantAll, keys); diff != "" {
				t.Errorf("export (-files +API):\n%s", diff)
			}
		})
	}
}

// tieTypeNames lists every tie type, for a view that leaves none out.
func tieTypeNames() []string {
	var out []string
	for _, typ := range domain.TieTypes {
		out = append(out, string(typ))
	}
	return out
}

type tieLists struct{ ties, partners []string }

// stakeholderTies reads every stakeholder's ties and partners with the given arguments, as tie keys.
func stakeholderTies(t *testing.T, c *api, args string) tieLists {
	t.Helper()
	type node struct {
		Slug string `json:"slug"`
		Ties []struct {
			Type      string         `json:"type"`
			Direction string         `json:"direction"`
			Other     stakeholderRef `json:"other"`
		} `json:"ties"`
		Partners []struct {
			Partner stakeholderRef `json:"partner"`
		} `json:"partners"`
	}
	ties, partners := map[string]bool{}, map[string]bool{}
	eachStakeholderPage(t, c, fmt.Sprintf(`slug ties%[1]s { type direction other { slug } } partners%[1]s { partner { slug } }`, args),
		func(nodes []node) {
			for _, s := range nodes {
				for _, tie := range s.Ties {
					from, to := s.Slug, tie.Other.Slug
					if tie.Direction == "INCOMING" {
						from, to = to, from
					}
					ties[tieKey(from, tie.Type, to)] = true
				}
				for _, p := range s.Partners {
					partners[tieKey(s.Slug, "PARTNERS_WITH", p.Partner.Slug)] = true
				}
			}
		})
	return tieLists{ties: slices.Sorted(maps.Keys(ties)), partners: slices.Sorted(maps.Keys(partners))}
}

// eachStakeholderPage reads every stakeholder, a hundred at a time, with the given selection, and hands
// each page's nodes to visit.
func eachStakeholderPage[N any](t *testing.T, c *api, selection string, visit func([]N)) {
	t.Helper()
	after := ""
	for {
		var resp struct {
			Stakeholders struct {
				Nodes    []N `json:"nodes"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"stakeholders"`
		}
		query(t, c, fmt.Sprintf(`{ stakeholders(first: 100, after: %q) { nodes { %s } pageInfo { hasNextPage endCursor } } }`,
			after, selection), &resp)
		visit(resp.Stakeholders.Nodes)
		if !resp.Stakeholders.PageInfo.HasNextPage {
			return
		}
		after = resp.Stakeholders.PageInfo.EndCursor
	}
}

// partnershipKeys pages through partnerships with the given filter fields, and returns their keys and the
// connection's totalCount.
func partnershipKeys(t *testing.T, c *api, filter string) ([]string, int) {
	t.Helper()
	var keys []string
	total := -1
	after := ""
	for {
		var resp struct {
			Partnerships struct {
				TotalCount int `json:"totalCount"`
				Nodes      []struct {
					Stakeholder stakeholderRef `json:"stakeholder"`
					Partner     stakeholderRef `json:"partner"`
				} `json:"nodes"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"partnerships"`
		}
		query(t, c, fmt.Sprintf(`{ partnerships(first: 100, after: %q, filter: {kinds: null%s}) { totalCount
			nodes { stakeholder { slug } partner { slug } } pageInfo { hasNextPage endCursor } } }`, after, filter), &resp)
		if total < 0 {
			total = resp.Partnerships.TotalCount
		}
		for _, p := range resp.Partnerships.Nodes {
			keys = append(keys, tieKey(p.Stakeholder.Slug, "PARTNERS_WITH", p.Partner.Slug))
		}
		if !resp.Partnerships.PageInfo.HasNextPage {
			break
		}
		after = resp.Partnerships.PageInfo.EndCursor
	}
	slices.Sort(keys)
	return keys, total
}

// TestEvidenceFilterRefusesTheImpossible checks that a minimum no tie can meet, or that is not a number,
// is refused with BAD_USER_INPUT (HTTP 400 for an export) wherever evidence is asked, and reads nothing.
func TestEvidenceFilterRefusesTheImpossible(t *testing.T) {
	c := newClient(t)
	for _, q := range []string{
		`{ partnerships(filter: {evidence: {minSources: 0}}) { totalCount } }`,
		`{ network(filter: {evidence: {minSources: -3}}) { ties { key } } }`,
		`{ centrality(metric: DEGREE, filter: {evidence: {minSources: 1001}}) { value } }`,
		`{ stakeholder(slug: "mapo") { ties(evidence: {minSources: 0}) { type } } }`,
		`{ stakeholder(slug: "mapo") { partners(evidence: {minSources: 0}) { description } } }`,
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if got := codes(errs); !slices.Contains(got, "BAD_USER_INPUT") || !strings.Contains(errs[0].Message, "minSources") {
			t.Errorf("%s: %v %q, want BAD_USER_INPUT naming minSources", q, got, errs[0].Message)
		}
	}
	for _, path := range []string{"/export/json?minSources=0", "/export/json?minSources=two", "/export/json?minKind=BLOG"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		rec := httptest.NewRecorder()
		c.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, rec.Code)
		}
	}
}
