package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/resolvers"
)

// curationDesk is the API over the shipped network with one API key per role.
type curationDesk struct {
	t      *testing.T
	store  *neo4jstore.Store
	h      http.Handler
	tokens map[auth.Role]string
}

func newCurationDesk(t *testing.T) *curationDesk {
	t.Helper()
	store := neo4jtest.Store(t)
	d := &curationDesk{t: t, store: store, tokens: map[auth.Role]string{},
		// The desk's clients all come from one address; the per-client rate limit is not what these tests are about.
		h: newAPI(store, httpapi.Config{Ready: store, ResponseCacheBytes: 1 << 20, Debug: true,
			Admission: httpapi.AdmissionConfig{Rate: 1e6, Burst: 1e6, PerClient: 64}})}
	for _, role := range auth.Roles {
		token, key, err := auth.NewKey("desk "+string(role), role, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := store.CreateAPIKey(t.Context(), key); err != nil {
			t.Fatal(err)
		}
		d.tokens[role] = token
	}
	return d
}

// gqlAnswer is a decoded GraphQL response.
type gqlAnswer struct {
	Data       map[string]any `json:"data"`
	Errors     []gqlError     `json:"errors"`
	Extensions struct {
		Cost struct {
			Neo4jTransactions int `json:"neo4jTransactions"`
		} `json:"cost"`
	} `json:"extensions"`
}

func (a gqlAnswer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	c, _ := a.Errors[0].Extensions["code"].(string)
	return c
}

func (a gqlAnswer) field() string {
	if len(a.Errors) == 0 {
		return ""
	}
	f, _ := a.Errors[0].Extensions["field"].(string)
	return f
}

// as sends a query with variables as role ("" for anonymous).
func (d *curationDesk) as(role auth.Role, query string, vars map[string]any) gqlAnswer {
	d.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+d.tokens[role])
	}
	rec := httptest.NewRecorder()
	d.h.ServeHTTP(rec, req)
	var out gqlAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		d.t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
	return out
}

// ok sends a query that must succeed and returns its data.
func (d *curationDesk) ok(role auth.Role, query string, vars map[string]any) map[string]any {
	d.t.Helper()
	a := d.as(role, query, vars)
	if len(a.Errors) > 0 {
		d.t.Fatalf("%s: %+v", firstLine(query), a.Errors)
	}
	return a.Data
}

func (d *curationDesk) digest() string {
	d.t.Helper()
	sum, err := d.store.Digest(d.t.Context())
	if err != nil {
		d.t.Fatal(err)
	}
	return sum
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// dig walks a decoded answer by field names and list indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// mutationCases is one call of every mutation, each with the least role it needs. The inputs name
// records of the shipped network, or none: a refusal for the role must come first either way.
var mutationCases = []struct {
	name  string
	need  auth.Role
	query string
}{
	{"createSource", auth.RoleEditor, `mutation { createSource(input: {key: "role-test-source", title: "A report"}) { source { key } } }`},
	{"updateSource", auth.RoleEditor, `mutation { updateSource(input: {key: "ijm-2024-07-30-wdat", publisher: "IJM"}) { source { key } } }`},
	{"deleteSource", auth.RoleAdmin, `mutation { deleteSource(input: {key: "no-such-source"}) { change { seq } } }`},
	{"createStakeholder", auth.RoleEditor, `mutation { createStakeholder(input: {slug: "role-test", name: "Role Test", kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { stakeholder { slug } } }`},
	{"updateStakeholder", auth.RoleEditor, `mutation { updateStakeholder(input: {slug: "kdn", description: "Home affairs"}) { stakeholder { slug } } }`},
	{"deleteStakeholder", auth.RoleAdmin, `mutation { deleteStakeholder(input: {slug: "no-such-stakeholder"}) { change { seq } } }`},
	{"mergeStakeholders", auth.RoleAdmin, `mutation { mergeStakeholders(input: {keep: "kdn", duplicate: "no-such-stakeholder"}) { stakeholder { slug } } }`},
	{"createTie", auth.RoleEditor, `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { tie { key } } }`},
	{"updateTie", auth.RoleEditor, `mutation { updateTie(input: {type: PARTNERS_WITH, from: "ijm-malaysia", to: "kdn", description: "d"}) { tie { key } } }`},
	{"endTie", auth.RoleEditor, `mutation { endTie(input: {type: PARTNERS_WITH, from: "ijm-malaysia", to: "kdn", until: "2099"}) { tie { key } } }`},
	{"deleteTie", auth.RoleAdmin, `mutation { deleteTie(input: {type: FUNDS, from: "kdn", to: "no-such-stakeholder"}) { change { seq } } }`},
	{"createPerson", auth.RoleEditor, `mutation { createPerson(input: {slug: "role-test-person", name: "R T", citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { person { slug } } }`},
	{"updatePerson", auth.RoleEditor, `mutation { updatePerson(input: {slug: "saifuddin-nasution-ismail", honorific: "Datuk Seri"}) { person { slug } } }`},
	{"deletePerson", auth.RoleAdmin, `mutation { deletePerson(input: {slug: "no-such-person"}) { change { seq } } }`},
	{"createPosition", auth.RoleEditor, `mutation { createPosition(input: {person: "saifuddin-nasution-ismail", stakeholder: "agc", title: "Visitor", citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { person { slug } } }`},
	{"updatePosition", auth.RoleEditor, `mutation { updatePosition(input: {person: "saifuddin-nasution-ismail", stakeholder: "kdn", title: "Minister of Home Affairs", since: "2022"}) { person { slug } } }`},
	{"deletePosition", auth.RoleAdmin, `mutation { deletePosition(input: {person: "x", stakeholder: "y", title: "z"}) { change { seq } } }`},
	{"createEvent", auth.RoleEditor, `mutation { createEvent(input: {slug: "role-test-event", name: "E", kind: CEREMONY, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { event { slug } } }`},
	{"updateEvent", auth.RoleEditor, `mutation { updateEvent(input: {slug: "wdat-2024-mapo-appreciation-ceremony", location: "Putrajaya"}) { event { slug } } }`},
	{"deleteEvent", auth.RoleAdmin, `mutation { deleteEvent(input: {slug: "no-such-event"}) { change { seq } } }`},
	{"createParticipation", auth.RoleEditor, `mutation { createParticipation(input: {event: "wdat-2024-mapo-appreciation-ceremony", stakeholder: "agc", role: ATTENDEE, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { event { slug } } }`},
	{"updateParticipation", auth.RoleEditor, `mutation { updateParticipation(input: {event: "no-such-event", stakeholder: "agc", role: ATTENDEE, description: "d"}) { event { slug } } }`},
	{"deleteParticipation", auth.RoleAdmin, `mutation { deleteParticipation(input: {event: "no-such-event", stakeholder: "agc", role: ATTENDEE}) { change { seq } } }`},
}

// TestMutationsByRole runs every mutation under every role: anonymous callers are refused with
// UNAUTHENTICATED and roles below the one needed with FORBIDDEN, before the input is looked at (the same
// answer for a record that exists and one that does not), and nothing is written; the roles allowed get
// past the check. A test of the schema makes sure no mutation is missing here.
func TestMutationsByRole(t *testing.T) {
	d := newCurationDesk(t)
	covered := map[string]bool{}
	for _, m := range mutationCases {
		covered[m.name] = true
	}
	var missing []string
	for _, f := range graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{}}).Schema().Mutation.Fields {
		if !covered[f.Name] {
			missing = append(missing, f.Name)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("mutations with no role case: %v", missing)
	}
	for _, m := range mutationCases {
		t.Run(m.name, func(t *testing.T) {
			for _, role := range append([]auth.Role{""}, auth.Roles...) {
				before := d.digest()
				a := d.as(role, m.query, nil)
				switch {
				case role == "":
					if a.code() != "UNAUTHENTICATED" || a.Data[m.name] != nil {
						t.Errorf("anonymous: %+v", a)
					}
				case !role.Allows(m.need):
					if a.code() != "FORBIDDEN" {
						t.Errorf("%s: %+v, want FORBIDDEN", role, a)
					}
					// The refusal must not depend on the target: the same input naming nothing says the same.
					other := d.as(role, strings.NewReplacer(`"kdn"`, `"nothing-here"`, `"ijm-2024-07-30-wdat"`, `"nothing-here"`,
						`"saifuddin-nasution-ismail"`, `"nothing-here"`, `"wdat-2024-mapo-appreciation-ceremony"`, `"nothing-here"`).Replace(m.query), nil)
					if len(other.Errors) == 0 || other.Errors[0].Message != a.Errors[0].Message {
						t.Errorf("%s: refusal differs with a missing target: %+v vs %+v", role, a.Errors, other.Errors)
					}
				default:
					if c := a.code(); c == "UNAUTHENTICATED" || c == "FORBIDDEN" || c == "INTERNAL" {
						t.Errorf("%s: %+v", role, a)
					}
					continue
				}
				if after := d.digest(); after != before {
					t.Errorf("%s: a refused mutation changed the graph", role)
				}
			}
		})
	}
}

// TestRefusedInputChangesNothing sends inputs that are wrong in each way a curator's can be, and checks
// the code, the input field named, and that the database is exactly as it was, by a digest of all of it.
func TestRefusedInputChangesNothing(t *testing.T) {
	d := newCurationDesk(t)
	const cite = `citations: [{source: "ijm-2024-07-30-wdat", quote: "IJM partners with the government."}]`
	long := strings.Repeat("n", 301)
	cases := []struct {
		name, query, code, field string
		vars                     map[string]any
	}{
		{"unknown enum value", `mutation($k: StakeholderKind!) { createStakeholder(input: {slug: "a-b", name: "A", kind: $k, sector: CIVIL_SOCIETY, ` + cite + `}) { stakeholder { slug } } }`,
			"BAD_USER_INPUT", "", map[string]any{"k": "CLUB"}},
		{"empty name", `mutation { createStakeholder(input: {slug: "a-b", name: "  ", kind: NGO, sector: CIVIL_SOCIETY, ` + cite + `}) { stakeholder { slug } } }`,
			"BAD_USER_INPUT", "input.name", nil},
		{"over-long name", `mutation($n: String!) { createStakeholder(input: {slug: "a-b", name: $n, kind: NGO, sector: CIVIL_SOCIETY, ` + cite + `}) { stakeholder { slug } } }`,
			"BAD_USER_INPUT", "input.name", map[string]any{"n": long}},
		{"malformed date", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", since: "2024-13-01", ` + cite + `}) { tie { key } } }`,
			"BAD_USER_INPUT", "", nil},
		{"until before since", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", since: "2024-05-01", until: "2023", ` + cite + `}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.until", nil},
		{"tie to itself", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "kdn", ` + cite + `}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.to", nil},
		{"slug taken", `mutation { createStakeholder(input: {slug: "kdn", name: "Another", kind: NGO, sector: CIVIL_SOCIETY, ` + cite + `}) { stakeholder { slug } } }`,
			"CONFLICT", "input.slug", nil},
		{"tie end names nothing", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "nobody-at-all", ` + cite + `}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.to", nil},
		{"citation names no source", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", citations: [{source: "no-such-source", quote: "q"}]}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.citations[0].source", nil},
		{"no citation", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", citations: []}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.citations", nil},
		{"blank quote", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", citations: [{source: "ijm-2024-07-30-wdat", quote: " "}]}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.citations[0].quote", nil},
		{"derived tie type", `mutation { createTie(input: {type: CO_PARTICIPATES, from: "kdn", to: "agc", ` + cite + `}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.type", nil},
		// A new source is written first in the transaction; the refusal after it must undo it.
		{"new source, then a bad end", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "nobody-at-all", citations: [{source: "fresh-source", quote: "q"}], newSources: [{key: "fresh-source", title: "Fresh"}]}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.to", nil},
		{"new source clashing with a stored one", `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc", citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}], newSources: [{key: "ijm-2024-07-30-wdat", title: "Not the same"}]}) { tie { key } } }`,
			"CONFLICT", "input.newSources[0].key", nil},
		{"detaching the last source", `mutation { updateTie(input: {type: PARTNERS_WITH, from: "kdn", to: "ijm-malaysia", removeSources: ["ijm-2024-07-30-wdat"]}) { tie { key } } }`,
			"BAD_USER_INPUT", "input.removeSources", nil},
		{"updating nothing", `mutation { updateStakeholder(input: {slug: "nobody-at-all", name: "X"}) { stakeholder { slug } } }`,
			"NOT_FOUND", "input.slug", nil},
		{"bad country", `mutation { updateStakeholder(input: {slug: "kdn", country: "Malaysia"}) { stakeholder { slug } } }`,
			"BAD_USER_INPUT", "input.country", nil},
		{"merging into itself", `mutation { mergeStakeholders(input: {keep: "kdn", duplicate: "kdn"}) { stakeholder { slug } } }`,
			"BAD_USER_INPUT", "input.duplicate", nil},
		{"deleting a cited source", `mutation { deleteSource(input: {key: "ijm-2024-07-30-wdat"}) { change { seq } } }`,
			"CONFLICT", "input.key", nil},
		{"participant twice", `mutation { createParticipation(input: {event: "wdat-2024-mapo-appreciation-ceremony", stakeholder: "agc", person: "saifuddin-nasution-ismail", role: ATTENDEE, ` + cite + `}) { event { slug } } }`,
			"BAD_USER_INPUT", "input.stakeholder", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := d.digest()
			a := d.as(auth.RoleAdmin, c.query, c.vars)
			if a.code() != c.code || (c.field != "" && a.field() != c.field) {
				t.Errorf("got %s at %q (%+v), want %s at %q", a.code(), a.field(), a.Errors, c.code, c.field)
			}
			if after := d.digest(); after != before {
				t.Errorf("the refused input changed the graph")
			}
		})
	}
}

const tieFields = `key type from { slug } to { slug } since until focusAreas independentSources strongestSource sources { key quote }`
const changeFields = `seq actor role operation requestId clientMutationId entries { kind key action fields { field before after } }`

// TestCurationLifecycle follows a partnership from the day a report comes out: created with a new
// source, shown by the reads at once (the response cache and counts see it), given a second source,
// ended, its history read back; then a duplicate organisation is folded into the original, and the audit
// trail shows each step with who made it.
func TestCurationLifecycle(t *testing.T) {
	d := newCurationDesk(t)
	count := func() float64 {
		data := d.ok(auth.RoleViewer, `{ partnerships(filter: {kinds: [NGO]}) { totalCount } }`, nil)
		n, _ := dig(data, "partnerships", "totalCount").(float64)
		return n
	}
	before := count()

	// The report names an organisation not in the graph yet: a tie to it is refused, and the source
	// given with it is not kept either.
	refused := d.as(auth.RoleEditor, `mutation { createTie(input: {type: PARTNERS_WITH, from: "kdn", to: "lifecycle-ngo",
		citations: [{source: "lifecycle-report", quote: "The ministry and Lifecycle NGO signed a memorandum."}],
		newSources: [{key: "lifecycle-report", title: "Ministry signs MoU", kind: NEWS, date: "2026-11-20"}]}) { tie { key } } }`, nil)
	if refused.code() != "BAD_USER_INPUT" || refused.field() != "input.to" {
		t.Fatalf("a tie to a stakeholder that does not exist: %+v", refused)
	}
	sh := d.ok(auth.RoleEditor, `mutation { createStakeholder(input: {slug: "lifecycle-ngo", name: "Lifecycle NGO", kind: NGO,
		sector: CIVIL_SOCIETY, country: "MY", citations: [{source: "lifecycle-report", quote: "Lifecycle NGO, a shelter operator."}],
		newSources: [{key: "lifecycle-report", title: "Ministry signs MoU", kind: NEWS, date: "2026-11-20"}]}) {
		stakeholder { id slug name country } change { `+changeFields+` } } }`, nil)
	if dig(sh, "createStakeholder", "stakeholder", "name") != "Lifecycle NGO" {
		t.Fatalf("created stakeholder: %v", sh)
	}
	if got := len(dig(sh, "createStakeholder", "change", "entries").([]any)); got != 2 {
		t.Errorf("the change should record the source and the stakeholder: %v", dig(sh, "createStakeholder", "change"))
	}
	// Search finds it at once: the full-text index takes the change after the commit, and a search waits
	// for what was committed before it.
	found := d.ok(auth.RoleViewer, `{ search(text: "Lifecycle NGO", first: 3) { node { ... on Stakeholder { slug } } } }`, nil)
	if dig(found, "search", 0, "node", "slug") != "lifecycle-ngo" {
		t.Errorf("search right after the create: %v", found)
	}
	tie := d.ok(auth.RoleEditor, `mutation { createTie(input: {clientMutationId: "report-1", type: PARTNERS_WITH,
		from: "lifecycle-ngo", to: "kdn", focusAreas: [PROTECTION], since: "2026-11",
		citations: [{source: "lifecycle-report", quote: "The ministry and Lifecycle NGO signed a memorandum."}]}) {
		clientMutationId tie { `+tieFields+` } change { `+changeFields+` } } }`, nil)
	if dig(tie, "createTie", "clientMutationId") != "report-1" || dig(tie, "createTie", "tie", "key") != "kdn:PARTNERS_WITH:lifecycle-ngo" ||
		dig(tie, "createTie", "tie", "strongestSource") != "NEWS" || dig(tie, "createTie", "change", "role") != "EDITOR" {
		t.Errorf("created tie: %v", tie)
	}
	if after := count(); after != before+1 {
		t.Errorf("NGO partnerships after the create: %v, want %v", after, before+1)
	}
	// The same create again (a client retrying) changes nothing.
	again := d.ok(auth.RoleEditor, `mutation { createTie(input: {type: PARTNERS_WITH, from: "kdn", to: "lifecycle-ngo",
		focusAreas: [PROTECTION], since: "2026-11", citations: [{source: "lifecycle-report", quote: "The ministry and Lifecycle NGO signed a memorandum."}]}) {
		change { seq } } }`, nil)
	if dig(again, "createTie", "change") != nil {
		t.Errorf("a retried create recorded a change: %v", again)
	}

	// A second report: an update with a new source.
	upd := d.ok(auth.RoleEditor, `mutation { updateTie(input: {type: PARTNERS_WITH, from: "kdn", to: "lifecycle-ngo",
		focusAreas: [PROTECTION, PREVENTION], addCitations: [{source: "lifecycle-gazette", quote: "The memorandum covers shelters and awareness."}],
		newSources: [{key: "lifecycle-gazette", title: "Gazette notice", kind: OFFICIAL, date: "2026-11-25"}]}) { tie { `+tieFields+` } } }`, nil)
	if dig(upd, "updateTie", "tie", "independentSources") != float64(2) || dig(upd, "updateTie", "tie", "strongestSource") != "OFFICIAL" {
		t.Errorf("updated tie: %v", upd)
	}
	// It ended.
	ended := d.ok(auth.RoleEditor, `mutation { endTie(input: {type: PARTNERS_WITH, from: "lifecycle-ngo", to: "kdn", until: "2026-12-01"}) { tie { until independentSources strongestSource evidencedFrom } } }`, nil)
	// The sources did not change, so neither does the evidence weighed from them.
	if dig(ended, "endTie", "tie", "until") != "2026-12-01" || dig(ended, "endTie", "tie", "independentSources") != float64(2) ||
		dig(ended, "endTie", "tie", "strongestSource") != "OFFICIAL" || dig(ended, "endTie", "tie", "evidencedFrom") != "2026-11-20" {
		t.Errorf("ended tie: %v", ended)
	}
	asOf := d.ok(auth.RoleViewer, `{ partnerships(filter: {kinds: [NGO], asOf: "2026-12-02"}) { totalCount } }`, nil)
	asOfBefore := d.ok(auth.RoleViewer, `{ partnerships(filter: {kinds: [NGO], asOf: "2026-11-30"}) { totalCount } }`, nil)
	if dig(asOfBefore, "partnerships", "totalCount").(float64) != dig(asOf, "partnerships", "totalCount").(float64)+1 {
		t.Errorf("the ended tie should count on 2026-11-30 and not on 2026-12-02: %v %v", asOfBefore, asOf)
	}

	// The tie's history, newest first, with the fields each change set.
	ngo := map[string]any{"id": dig(sh, "createStakeholder", "stakeholder", "id")}
	hist := d.ok(auth.RoleAdmin, `query($id: ID!) { neighborhood(id: $id) { ties { key history(first: 5) { nodes { operation } } } } }`, ngo)
	ties, _ := dig(hist, "neighborhood", "ties").([]any)
	var ops []string
	for _, tie := range ties {
		if dig(tie, "key") != "kdn:PARTNERS_WITH:lifecycle-ngo" {
			continue
		}
		for _, n := range dig(tie, "history", "nodes").([]any) {
			ops = append(ops, dig(n, "operation").(string))
		}
	}
	if want := "endTie updateTie createTie"; strings.Join(ops, " ") != want {
		t.Errorf("tie history: %v, want %s (%v)", ops, want, hist)
	}
	if a := d.as(auth.RoleEditor, `{ stakeholder(slug: "lifecycle-ngo") { history { nodes { seq } } } }`, nil); a.code() != "FORBIDDEN" {
		t.Errorf("an editor reading history: %+v", a)
	}

	// A duplicate of the ministry, with a tie of its own and one to the NGO: folded into the original.
	d.ok(auth.RoleEditor, `mutation { createStakeholder(input: {slug: "kdn-duplicate", name: "Home Ministry", acronym: "MOHA", kind: MINISTRY,
		sector: GOVERNMENT, citations: [{source: "lifecycle-report", quote: "the Home Ministry (MOHA)"}]}) { stakeholder { slug } } }`, nil)
	d.ok(auth.RoleEditor, `mutation { createTie(input: {type: PARTNERS_WITH, from: "kdn-duplicate", to: "lifecycle-ngo", focusAreas: [PROSECUTION],
		citations: [{source: "lifecycle-report", quote: "MOHA and Lifecycle NGO work together."}]}) { tie { key } } }`, nil)
	merged := d.ok(auth.RoleAdmin, `mutation { mergeStakeholders(input: {keep: "kdn", duplicate: "kdn-duplicate"}) {
		stakeholder { slug aliases } change { `+changeFields+` } } }`, nil)
	aliases := fmt.Sprint(dig(merged, "mergeStakeholders", "stakeholder", "aliases"))
	if !strings.Contains(aliases, "Home Ministry") || !strings.Contains(aliases, "MOHA") {
		t.Errorf("the kept stakeholder should gain the duplicate's names: %v", aliases)
	}
	united := d.ok(auth.RoleViewer, `query($id: ID!) { stakeholder(slug: "kdn-duplicate") { slug }
		neighborhood(id: $id) { ties { key focusAreas sources { key quote } } } }`, ngo)
	if dig(united, "stakeholder", "slug") != "kdn" {
		t.Errorf("the duplicate's slug should lead to the kept stakeholder: %v", dig(united, "stakeholder"))
	}
	for _, tie := range dig(united, "neighborhood", "ties").([]any) {
		if dig(tie, "key") == "kdn:PARTNERS_WITH:lifecycle-ngo" {
			if fa := fmt.Sprint(dig(tie, "focusAreas")); !strings.Contains(fa, "PROSECUTION") || !strings.Contains(fa, "PROTECTION") {
				t.Errorf("the united tie should have the focus areas of both: %v", fa)
			}
			// The passages of both: the kept tie's two, and the duplicate's other passage of the same report.
			if got := jsonOf(dig(tie, "sources")); len(dig(tie, "sources").([]any)) != 3 ||
				!strings.Contains(got, "MOHA and Lifecycle NGO work together.") || !strings.Contains(got, "lifecycle-gazette") {
				t.Errorf("the united tie's sources: %v", got)
			}
		}
		if strings.Contains(dig(tie, "key").(string), "kdn-duplicate") {
			t.Errorf("a tie of the duplicate survived the merge: %v", tie)
		}
	}
	if again := d.ok(auth.RoleAdmin, `mutation { mergeStakeholders(input: {keep: "kdn", duplicate: "kdn-duplicate"}) { change { seq } } }`, nil); dig(again, "mergeStakeholders", "change") != nil {
		t.Errorf("merging again changed something: %v", again)
	}
	if a := d.as(auth.RoleEditor, `mutation { createStakeholder(input: {slug: "kdn-duplicate", name: "X", kind: NGO, sector: CIVIL_SOCIETY,
		citations: [{source: "lifecycle-report", quote: "q"}]}) { stakeholder { slug } } }`, nil); a.code() != "CONFLICT" {
		t.Errorf("reusing a merged slug: %+v", a)
	}

	// The audit trail: every change above, newest first, by actor and by target.
	trail := d.ok(auth.RoleAdmin, `{ changes(first: 100) { nodes { operation actor } } }`, nil)
	var all []string
	for _, n := range dig(trail, "changes", "nodes").([]any) {
		all = append(all, dig(n, "operation").(string))
	}
	if want := "mergeStakeholders createTie createStakeholder endTie updateTie createTie createStakeholder"; strings.Join(all, " ") != want {
		t.Errorf("audit trail: %v, want %s", all, want)
	}
	paged := d.ok(auth.RoleAdmin, `{ changes(first: 3) { pageInfo { hasNextPage endCursor } } }`, nil)
	rest := d.ok(auth.RoleAdmin, `query($after: String) { changes(first: 100, after: $after) { nodes { operation } } }`,
		map[string]any{"after": dig(paged, "changes", "pageInfo", "endCursor")})
	if n := len(dig(rest, "changes", "nodes").([]any)); n != len(all)-3 {
		t.Errorf("the page after the first three has %d changes, want %d", n, len(all)-3)
	}
	target := d.ok(auth.RoleAdmin, `{ changes(filter: {target: {kind: STAKEHOLDER, key: "kdn-duplicate"}}) { nodes { operation entries { action } } } }`, nil)
	if got := fmt.Sprint(dig(target, "changes", "nodes")); !strings.Contains(got, "mergeStakeholders") || !strings.Contains(got, "createStakeholder") {
		t.Errorf("the duplicate's history survives its deletion: %v", got)
	}
	byAdmin := d.ok(auth.RoleAdmin, `query($actor: String) { changes(filter: {actor: $actor}) { nodes { operation } } }`,
		map[string]any{"actor": dig(merged, "mergeStakeholders", "change", "actor")})
	if got := fmt.Sprint(dig(byAdmin, "changes", "nodes")); got != "[map[operation:mergeStakeholders]]" {
		t.Errorf("changes by the admin: %v", got)
	}
	if a := d.as(auth.RoleEditor, `{ changes { nodes { seq } } }`, nil); a.code() != "FORBIDDEN" {
		t.Errorf("an editor reading the audit trail: %+v", a)
	}
}

// TestConcurrentCreates runs creates side by side against the real Neo4j: fifty clients creating the same
// tie leave exactly one (and one change), and a thousand distinct creates leave exactly a thousand.
func TestConcurrentCreates(t *testing.T) {
	d := newCurationDesk(t)
	const same = `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc",
		citations: [{source: "ijm-2024-07-30-wdat", quote: "The ministry funds the chambers' training."}]}) { tie { key } change { seq } } }`
	var mu sync.Mutex
	var changes, failures int
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			a := d.as(auth.RoleEditor, same, nil)
			mu.Lock()
			defer mu.Unlock()
			if len(a.Errors) > 0 {
				failures++
				t.Logf("same tie: %+v", a.Errors)
			} else if dig(a.Data, "createTie", "change") != nil {
				changes++
			}
		})
	}
	wg.Wait()
	if failures > 0 || changes != 1 {
		t.Errorf("fifty creates of one tie: %d changes, %d failures; want 1 and 0", changes, failures)
	}
	ties := d.ok(auth.RoleViewer, `{ stakeholder(slug: "kdn") { ties(types: [FUNDS], direction: OUTGOING) { other { slug } } } }`, nil)
	if got := fmt.Sprint(dig(ties, "stakeholder", "ties")); got != "[map[other:map[slug:agc]]]" {
		t.Errorf("kdn's FUNDS ties: %v", got)
	}

	countBefore := d.ok(auth.RoleViewer, `{ stakeholders { totalCount } }`, nil)
	const n, workers = 1000, 16
	jobs := make(chan int)
	failures = 0
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				a := d.as(auth.RoleEditor, fmt.Sprintf(`mutation { createStakeholder(input: {slug: "concurrent-%d", name: "Concurrent %d",
					kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { change { seq } } }`, i, i), nil)
				if len(a.Errors) > 0 || dig(a.Data, "createStakeholder", "change") == nil {
					mu.Lock()
					failures++
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	countAfter := d.ok(auth.RoleViewer, `{ stakeholders { totalCount } }`, nil)
	if failures > 0 || dig(countAfter, "stakeholders", "totalCount").(float64)-dig(countBefore, "stakeholders", "totalCount").(float64) != n {
		t.Errorf("%d distinct creates: %d failed, count %v -> %v", n, failures, countBefore, countAfter)
	}
}

// TestConcurrentUpdates sends many updates of one tie side by side, each attaching a passage of its own,
// among changes to other records and a change that runs alone (a delete): no update may be lost, and the
// audit trail numbers the changes without a gap.
func TestConcurrentUpdates(t *testing.T) {
	d := newCurationDesk(t)
	const tie = `mutation { createTie(input: {type: FUNDS, from: "kdn", to: "agc",
		citations: [{source: "ijm-2024-07-30-wdat", quote: "The ministry funds the chambers' training."}]}) { change { seq } } }`
	d.ok(auth.RoleEditor, tie, nil)
	first := d.ok(auth.RoleAdmin, `{ changes(first: 1) { nodes { seq } } }`, nil)
	const n = 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	fail := func(what string, a gqlAnswer) {
		if len(a.Errors) > 0 {
			mu.Lock()
			failures = append(failures, fmt.Sprintf("%s: %+v", what, a.Errors))
			mu.Unlock()
		}
	}
	jobs := make(chan func())
	for range 16 { // the desk's per-client limit is 64 requests at once
		wg.Go(func() {
			for job := range jobs {
				job()
			}
		})
	}
	for i := range n {
		jobs <- func() {
			fail("update", d.as(auth.RoleEditor, fmt.Sprintf(`mutation { updateTie(input: {type: FUNDS, from: "kdn", to: "agc",
				addCitations: [{source: "ijm-2024-07-30-wdat", quote: "Passage %d."}]}) { change { seq } } }`, i), nil))
		}
		jobs <- func() {
			fail("other", d.as(auth.RoleEditor, fmt.Sprintf(`mutation { createStakeholder(input: {slug: "side-%d", name: "Side %d",
				kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: "ijm-2024-07-30-wdat", quote: "q"}]}) { change { seq } } }`, i, i), nil))
		}
		if i == n/2 {
			jobs <- func() {
				fail("delete", d.as(auth.RoleAdmin, `mutation { deleteStakeholder(input: {slug: "ilmia"}) { change { seq } } }`, nil))
			}
		}
	}
	close(jobs)
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	got := d.ok(auth.RoleViewer, `{ partnerships: stakeholder(slug: "kdn") { ties(types: [FUNDS], direction: OUTGOING) { sources { quote } } } }`, nil)
	quotes := map[string]bool{}
	for _, src := range dig(got, "partnerships", "ties", 0, "sources").([]any) {
		quotes[fmt.Sprint(dig(src, "quote"))] = true
	}
	for i := range n {
		if !quotes[fmt.Sprintf("Passage %d.", i)] {
			t.Errorf("the tie lost the passage of update %d: it has %d passages", i, len(quotes))
		}
	}
	last := d.ok(auth.RoleAdmin, `{ changes(first: 1) { nodes { seq } } }`, nil)
	from, to := dig(first, "changes", "nodes", 0, "seq").(float64), dig(last, "changes", "nodes", 0, "seq").(float64)
	if want := float64(2*n + 1); to-from != want {
		t.Errorf("changes %v to %v: %v numbers, want %v", from, to, to-from, want)
	}
}

// TestCreateStakeholderWithTies makes a stakeholder with its ties in one change, and checks that a tie
// that cannot be made leaves nothing behind: not the stakeholder either.
func TestCreateStakeholderWithTies(t *testing.T) {
	d := newCurationDesk(t)
	const create = `mutation($ties: [StakeholderTieInput!]) { createStakeholder(input: {slug: "tied-ngo", name: "Tied NGO",
		kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: "tied-report", quote: "Tied NGO runs a shelter."}],
		newSources: [{key: "tied-report", title: "Tied NGO annual report", kind: SELF, date: "2026-10-01"}], ties: $ties}) {
		stakeholder { slug ties { type direction other { slug } since sources { key } } } change { seq entries { kind key action } } } }`
	partnership := map[string]any{"type": "PARTNERS_WITH", "from": "kdn", "to": "tied-ngo", "since": "2025",
		"citations": []any{map[string]any{"source": "tied-report", "quote": "We work with the ministry."}}}
	membership := map[string]any{"type": "MEMBER_OF", "from": "tied-ngo", "to": "mapo",
		"citations": []any{map[string]any{"source": "tied-report", "quote": "We sit on MAPO."}}}

	before := d.digest()
	for _, c := range []struct {
		name        string
		ties        []any
		code, field string
	}{
		{"a tie to a stakeholder not stored", []any{partnership, map[string]any{"type": "MEMBER_OF", "from": "tied-ngo",
			"to": "no-such-council", "citations": membership["citations"]}}, "BAD_USER_INPUT", "input.ties[1].to"},
		{"a tie that is not the new stakeholder's", []any{map[string]any{"type": "PARTNERS_WITH", "from": "kdn", "to": "mapo",
			"citations": membership["citations"]}}, "BAD_USER_INPUT", "input.ties[0].from"},
		{"a tie citing a source not stored", []any{map[string]any{"type": "PARTNERS_WITH", "from": "kdn", "to": "tied-ngo",
			"citations": []any{map[string]any{"source": "nowhere", "quote": "x"}}}}, "BAD_USER_INPUT", "input.ties[0].citations[0].source"},
	} {
		a := d.as(auth.RoleEditor, create, map[string]any{"ties": c.ties})
		if a.code() != c.code || a.field() != c.field {
			t.Errorf("%s: %+v, want %s at %s", c.name, a.Errors, c.code, c.field)
		}
	}
	if after := d.digest(); after != before {
		t.Fatal("a refused create with ties changed the graph")
	}

	made := d.as(auth.RoleEditor, create, map[string]any{"ties": []any{partnership, membership}})
	if len(made.Errors) > 0 {
		t.Fatalf("create with ties: %+v", made.Errors)
	}
	if n := made.Extensions.Cost.Neo4jTransactions; n != 2 {
		t.Errorf("the create and its payload took %d transactions, want 2: the change, and one read of the payload", n)
	}
	data := made.Data
	entries, _ := dig(data, "createStakeholder", "change", "entries").([]any)
	var kinds []string
	for _, e := range entries {
		kinds = append(kinds, fmt.Sprint(dig(e, "kind"), " ", dig(e, "action")))
	}
	slices.Sort(kinds)
	if want := []string{"SOURCE CREATED", "STAKEHOLDER CREATED", "TIE CREATED", "TIE CREATED"}; !slices.Equal(kinds, want) {
		t.Errorf("one change should hold the source, the stakeholder and both ties: %v", kinds)
	}
	ties, _ := dig(data, "createStakeholder", "stakeholder", "ties").([]any)
	var got []string
	for _, tie := range ties {
		got = append(got, fmt.Sprint(dig(tie, "type"), " ", dig(tie, "direction"), " ", dig(tie, "other", "slug"), " ",
			dig(tie, "since"), " ", dig(tie, "sources", 0, "key")))
	}
	slices.Sort(got)
	if want := []string{"MEMBER_OF OUTGOING mapo <nil> tied-report", "PARTNERS_WITH OUTGOING kdn 2025 tied-report"}; !slices.Equal(got, want) {
		t.Errorf("the new stakeholder's ties: %v, want %v", got, want)
	}
	again := d.ok(auth.RoleEditor, create, map[string]any{"ties": []any{partnership, membership}})
	if dig(again, "createStakeholder", "change") != nil {
		t.Errorf("the same create again recorded a change: %v", again)
	}
	upd := d.as(auth.RoleEditor, `mutation { updateTie(input: {type: PARTNERS_WITH, from: "tied-ngo", to: "kdn", description: "Shelter referrals."}) {
		tie { key description } } }`, nil)
	if len(upd.Errors) > 0 || upd.Extensions.Cost.Neo4jTransactions != 1 {
		t.Errorf("an update answering the tie's own fields: %+v in %d transactions, want the write alone",
			upd.Errors, upd.Extensions.Cost.Neo4jTransactions)
	}

	// The tie a change wrote answers as stored: the same as a read of it, which answers the same update
	// again (it changes nothing, so the payload is read).
	const update = `mutation($d: String!) { updateTie(input: {type: PARTNERS_WITH, from: "kdn", to: "tied-ngo", description: $d,
		until: "2026-01-31", focusAreas: [PROTECTION, PREVENTION]}) {
		change { seq }
		tie { key type directed from { slug name } to { slug } role focusAreas description since until evidencedFrom
			independentSources strongestSource weight sources { key title quote kind date } } } }`
	written := d.as(auth.RoleEditor, update, map[string]any{"d": "Referrals and joint shelter visits."})
	read := d.as(auth.RoleEditor, update, map[string]any{"d": "Referrals and joint shelter visits."})
	if len(written.Errors) > 0 || len(read.Errors) > 0 {
		t.Fatalf("updates: %+v %+v", written.Errors, read.Errors)
	}
	if dig(written.Data, "updateTie", "change") == nil || dig(read.Data, "updateTie", "change") != nil {
		t.Fatalf("the first update should change the tie and the second nothing: %v, %v", written.Data, read.Data)
	}
	asWritten, _ := json.Marshal(dig(written.Data, "updateTie", "tie"))
	asRead, _ := json.Marshal(dig(read.Data, "updateTie", "tie"))
	if string(asWritten) != string(asRead) {
		t.Errorf("the tie as the change wrote it:\n%s\nas read:\n%s", asWritten, asRead)
	}
	if dig(written.Data, "updateTie", "tie", "description") != "Referrals and joint shelter visits." ||
		dig(written.Data, "updateTie", "tie", "until") != "2026-01-31" || dig(written.Data, "updateTie", "tie", "sources", 0, "title") == nil {
		t.Errorf("the updated tie: %s", asWritten)
	}
	// The ends are read (one read for both), the tie is not.
	if n := written.Extensions.Cost.Neo4jTransactions; n != 2 {
		t.Errorf("an update answering the tie with its ends took %d transactions, want the write and one read of the ends", n)
	}
}
