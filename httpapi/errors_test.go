package httpapi_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBadInput(t *testing.T) {
	c := newClient(t)
	forged := base64.RawURLEncoding.EncodeToString([]byte(`["partnerships","a","b","c"]`))
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  string // a word the message must contain
	}{
		{"unknown enum literal", `{ stakeholders(filter: {kinds: [EMBASSY]}) { totalCount } }`, nil, "EMBASSY"},
		{"unknown enum in a variable", `query($k: [StakeholderKind!]) { stakeholders(filter: {kinds: $k}) { totalCount } }`,
			map[string]any{"k": []string{"EMBASSY"}}, "EMBASSY"},
		{"negative first", `{ stakeholders(first: -1) { totalCount } }`, nil, "first"},
		{"first over the maximum", `{ partnerships(first: 101) { totalCount } }`, nil, "100"},
		{"malformed cursor", `{ stakeholders(after: "not-a-cursor") { totalCount } }`, nil, "cursor"},
		{"a cursor of another list", `{ stakeholders(after: "` + forged + `") { totalCount } }`, nil, "cursor"},
		{"a cursor of another order", `query($after: String) { stakeholders(orderBy: {field: SLUG}, after: $after) { totalCount } }`,
			map[string]any{"after": "WyJzdGFrZWhvbGRlcnM6TkFNRTpBU0MiLCJhZ2MiLCJhZ2MiXQ"}, "cursor"},
		{"an impossible date", `{ partnerships(filter: {asOf: "2024-02-30"}) { totalCount } }`, nil, "date"},
		{"a partial asOf", `{ stakeholder(slug: "kdn") { partners(asOf: "2024") { since } } }`, nil, "full date"},
		{"both id and slug", `{ stakeholder(id: "x", slug: "kdn") { name } }`, nil, "exactly one"},
		{"a malformed id", `{ node(id: "%%%") { id } }`, nil, "ID"},
		{"an id of another type", `{ person(id: "U3Rha2Vob2xkZXI6a2Ru") { name } }`, nil, "Stakeholder"},
		{"empty search", `{ search(text: "   ") { score } }`, nil, "search text"},
		{"search with nothing to look for", `{ search(text: "?!*") { score } }`, nil, "letters or digits"},
		{"too many ids", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": make101IDs()}, "100"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs, _ := queryErrors(t, c, tc.query, tc.vars)
			if diff := cmp.Diff([]string{"BAD_USER_INPUT"}, codes(errs)); diff != "" {
				t.Errorf("codes (-want +got):\n%s\nerrors: %+v", diff, errs)
			}
			if !strings.Contains(errs[0].Message, tc.want) {
				t.Errorf("message %q does not mention %q", errs[0].Message, tc.want)
			}
		})
	}
}

func make101IDs() []string {
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = "U3Rha2Vob2xkZXI6a2Ru"
	}
	return ids
}

func TestQueryErrorsKeepTheirCodes(t *testing.T) {
	c := newClient(t)
	tests := []struct {
		name, query, want string
	}{
		{"syntax", `{ stakeholders(`, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", `{ stakeholders { bogus } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"over the complexity limit", `{ stakeholders(first: 100) { nodes { partners { partner { partners { partner {
			partners { partner { name } } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs, data := queryErrors(t, c, tc.query, nil)
			if diff := cmp.Diff([]string{tc.want}, codes(errs)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if data != nil {
				t.Errorf("data = %v, want none: nothing may run", data)
			}
		})
	}
}
