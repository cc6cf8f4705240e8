package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// affiliationCase is an affiliation view, as the GraphQL filter and as the conditions the test applies to
// the data files itself.
type affiliationCase struct {
	name     string
	arg      string // the AffiliationFilter literal
	params   string // the export's query parameters
	kinds    []string
	roles    []string
	from, to string
	evidence evidenceCase // what each participation needs (evidenceCases[0], the default, when unset)
}

var affiliationCases = []affiliationCase{
	{name: "every event", arg: "{}", params: "affiliation=true"},
	{name: "trainings", arg: "{eventKinds: [TRAINING]}", params: "eventKinds=TRAINING", kinds: []string{"TRAINING"}},
	{name: "trainers and trained", arg: "{roles: [TRAINER, TRAINED]}", params: "roles=TRAINER,TRAINED", roles: []string{"TRAINER", "TRAINED"}},
	{name: "hosts and organisers since 2015", arg: `{roles: [HOST, ORGANISER], from: "2015"}`, params: "roles=HOST,ORGANISER&eventsFrom=2015",
		roles: []string{"HOST", "ORGANISER"}, from: "2015"},
	{name: "2010 to 2019", arg: `{from: "2010-01-01", to: "2019-12-31"}`, params: "eventsFrom=2010-01-01&eventsTo=2019-12-31",
		from: "2010-01-01", to: "2019-12-31"},
	{name: "participations a news or weightier source shows", arg: "{}", params: "affiliation=true&minKind=NEWS",
		evidence: evidenceCases[2]},
}

// counted lists the stakeholder participations of d the case counts, as [stakeholder, event] pairs.
func (c affiliationCase) counted(d *dataset.Dataset) [][2]string {
	weigh := weigher(d)
	admits := evidenceCases[0].admits
	if c.evidence.admits != nil {
		admits = c.evidence.admits
	}
	events := map[string]dataset.EventRecord{}
	for _, e := range d.Events {
		events[e.Slug] = e
	}
	var out [][2]string
	for _, p := range d.Participations {
		e := events[p.Event]
		switch {
		case p.Stakeholder == "":
		case c.kinds != nil && !slices.Contains(c.kinds, e.Kind):
		case c.roles != nil && !slices.Contains(c.roles, p.Role):
		case c.from != "" && (e.Date == "" || e.Date < c.from):
		case c.to != "" && (e.Date == "" || e.Date > c.to):
		case !admits(weigh(p.Citations)):
		default:
			out = append(out, [2]string{p.Stakeholder, p.Event})
		}
	}
	return out
}

// networkXProjection is what testdata/affiliation.py prints.
type networkXProjection struct {
	Edges    [][3]any           `json:"edges"`
	Degree   map[string]float64 `json:"degree"`
	NetworkX string             `json:"networkx"`
}

// projectWithNetworkX has NetworkX project the participations onto the stakeholders. It fails, rather
// than skips, without Python and NetworkX.
func projectWithNetworkX(t *testing.T, stakeholders []string, participations [][2]string) (edges []string, degree map[string]float64) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is not on PATH; the affiliation tests project with NetworkX: install Python 3, then pip install -r exchange/testdata/requirements.txt")
	}
	in, _ := json.Marshal(map[string]any{"stakeholders": stakeholders, "participations": participations})
	cmd := exec.Command(python, filepath.Join("testdata", "affiliation.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("affiliation.py: %v\n%s", err, stderr.String())
	}
	var p networkXProjection
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("affiliation.py printed something else than JSON: %v\n%s", err, out)
	}
	for _, e := range p.Edges {
		edges = append(edges, fmt.Sprintf("%v %v %v", e[0], e[1], e[2]))
	}
	slices.Sort(edges)
	return edges, p.Degree
}

// TestAffiliationEqualsNetworkX checks the affiliation view against NetworkX's weighted bipartite
// projection of the same participations, taken from the data files: the pairs and their weights in the
// network view, the events each pair shared, degree centrality on the view, and the weights in an export.
func TestAffiliationEqualsNetworkX(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	var stakeholders []string
	for _, s := range d.Stakeholders {
		stakeholders = append(stakeholders, s.Slug)
	}
	c := newClient(t)
	sizes := map[int]bool{}
	everyEvent, newsOrWeightier := len(affiliationCases[0].counted(d)), len(affiliationCases[len(affiliationCases)-1].counted(d))
	if everyEvent == newsOrWeightier {
		t.Errorf("the evidence case counts all %d participations, so it tests nothing", everyEvent)
	}
	for _, tc := range affiliationCases {
		t.Run(tc.name, func(t *testing.T) {
			participations := tc.counted(d)
			wantEdges, wantDegree := projectWithNetworkX(t, stakeholders, participations)
			if len(wantEdges) == 0 {
				t.Fatal("the case links nobody on the shipped data, so it tests nothing")
			}
			sizes[len(wantEdges)] = true
			shared := map[string][]string{} // "a b" -> events both took part in
			byEvent := map[string][]string{}
			for _, p := range participations {
				byEvent[p[1]] = append(byEvent[p[1]], p[0])
			}
			for event, who := range byEvent {
				slices.Sort(who)
				who = slices.Compact(who)
				for i, a := range who {
					for _, b := range who[i+1:] {
						shared[a+" "+b] = append(shared[a+" "+b], event)
					}
				}
			}
			var resp struct {
				Network struct {
					Ties []struct {
						Key      string         `json:"key"`
						Type     string         `json:"type"`
						Directed bool           `json:"directed"`
						From     stakeholderRef `json:"from"`
						To       stakeholderRef `json:"to"`
						Weight   int            `json:"weight"`
						Events   []struct {
							Slug string `json:"slug"`
						} `json:"events"`
					} `json:"ties"`
				} `json:"network"`
				Centrality []struct {
					Value       float64        `json:"value"`
					Stakeholder stakeholderRef `json:"stakeholder"`
				} `json:"centrality"`
			}
			filter := "affiliation: " + tc.arg
			if tc.evidence.arg != "" {
				filter += ", evidence: " + tc.evidence.arg
			}
			query(t, c, fmt.Sprintf(`{ network(filter: {%[1]s}) { ties { key type directed from { slug } to { slug } weight events { slug } } }
				centrality(metric: DEGREE, top: 1000, filter: {%[1]s}) { value stakeholder { slug } } }`, filter), &resp)
			var gotEdges []string
			for _, tie := range resp.Network.Ties {
				a, b := tie.From.Slug, tie.To.Slug
				if tie.Type != "CO_PARTICIPATES" || tie.Directed || a >= b {
					t.Errorf("%s: type %s, directed %v; want undirected CO_PARTICIPATES with its ends in slug order", tie.Key, tie.Type, tie.Directed)
				}
				gotEdges = append(gotEdges, fmt.Sprintf("%s %s %d", a, b, tie.Weight))
				var events []string
				for _, e := range tie.Events {
					events = append(events, e.Slug)
				}
				want := slices.Clone(shared[a+" "+b])
				slices.Sort(want)
				slices.Sort(events)
				if !slices.Equal(want, events) {
					t.Errorf("%s: events %v, the data files give %v", tie.Key, events, want)
				}
			}
			slices.Sort(gotEdges)
			if diff := cmp.Diff(wantEdges, gotEdges); diff != "" {
				t.Errorf("weighted projection (-NetworkX +API):\n%s", diff)
			}
			if len(resp.Centrality) != len(wantDegree) {
				t.Errorf("%d degree scores, NetworkX has %d", len(resp.Centrality), len(wantDegree))
			}
			for _, s := range resp.Centrality {
				if w, ok := wantDegree[s.Stakeholder.Slug]; !ok || math.Abs(w-s.Value) > 1e-9 {
					t.Errorf("degree of %s: %.9f, NetworkX %.9f", s.Stakeholder.Slug, s.Value, w)
				}
			}
			resp2 := get(t, c.handler, "/export/cytoscape?"+tc.params)
			var doc struct {
				Elements struct {
					Edges []struct {
						Data struct {
							Source string `json:"source"`
							Target string `json:"target"`
							Weight int    `json:"weight"`
						} `json:"data"`
					} `json:"edges"`
				} `json:"elements"`
			}
			if err := json.NewDecoder(resp2.Body).Decode(&doc); err != nil {
				t.Fatal(err)
			}
			var exported []string
			for _, e := range doc.Elements.Edges {
				exported = append(exported, fmt.Sprintf("%s %s %d", e.Data.Source, e.Data.Target, e.Data.Weight))
			}
			slices.Sort(exported)
			if diff := cmp.Diff(wantEdges, exported); diff != "" {
				t.Errorf("export %s (-NetworkX +export):\n%s", tc.params, diff)
			}
		})
	}
	if len(sizes) < 3 {
		t.Errorf("the cases select too few different projections to tell filters apart: %v", sizes)
	}
}

// TestAffiliationRefusals checks the inputs an affiliation view refuses, each with BAD_USER_INPUT, and
// that CO_PARTICIPATES, which names its ties, matches no stored tie elsewhere.
func TestAffiliationRefusals(t *testing.T) {
	c := newClient(t)
	for q, want := range map[string]string{
		`{ network(filter: {tieTypes: [FUNDS], affiliation: {}}) { ties { key } } }`:                                               "not both",
		`{ networkStats(filter: {affiliation: {from: "2020", to: "2019"}}) { edgeCount } }`:                                        "before",
		`{ path(from: "U3Rha2Vob2xkZXI6bWFwbw", to: "U3Rha2Vob2xkZXI6a2Ru", via: [FUNDS], filter: {affiliation: {}}) { length } }`: "via",
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if got := codes(errs); !slices.Contains(got, "BAD_USER_INPUT") || !strings.Contains(errs[0].Message, want) {
			t.Errorf("%s: %v %q, want BAD_USER_INPUT saying %q", q, got, errs[0].Message, want)
		}
	}
	var resp struct {
		Stored struct {
			Ties []struct{ Key string } `json:"ties"`
		} `json:"stored"`
		Shared struct {
			Ties []struct{ Key string } `json:"ties"`
		} `json:"shared"`
		All struct {
			Ties []struct{ Key string } `json:"ties"`
		} `json:"all"`
		Stakeholder struct {
			Ties []struct{ Type string } `json:"ties"`
		} `json:"stakeholder"`
	}
	query(t, c, `{ stored: network(filter: {tieTypes: [CO_PARTICIPATES]}) { ties { key } }
		shared: network(filter: {tieTypes: [CO_PARTICIPATES], affiliation: {}}) { ties { key } }
		all: network(filter: {affiliation: {}}) { ties { key } }
		stakeholder(slug: "mapo") { ties(types: [CO_PARTICIPATES]) { type } } }`, &resp)
	if len(resp.Stored.Ties) != 0 || len(resp.Stakeholder.Ties) != 0 {
		t.Errorf("CO_PARTICIPATES matched stored ties: %d in a view, %d of a stakeholder", len(resp.Stored.Ties), len(resp.Stakeholder.Ties))
	}
	if len(resp.Shared.Ties) == 0 || len(resp.Shared.Ties) != len(resp.All.Ties) {
		t.Errorf("an affiliation view naming CO_PARTICIPATES has %d ties, without it %d", len(resp.Shared.Ties), len(resp.All.Ties))
	}
	for _, path := range []string{"/export/json?affiliation=true", "/export/gexf?affiliation=false&eventKinds=TRAINING"} {
		if resp := get(t, c.handler, path); resp.StatusCode != 400 {
			t.Errorf("%s: %s, want 400", path, resp.Status)
		}
	}
}
