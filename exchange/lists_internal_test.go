package exchange

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func TestJoinSplit(t *testing.T) {
	tests := []struct {
		name    string
		items   []string
		sources bool
		joined  string
	}{
		{"items", []string{"PREVENTION", "PROTECTION"}, false, "PREVENTION;PROTECTION"},
		{"separator in an item", []string{"a;b", `c\d`}, false, `a\;b;c\\d`},
		{"sources", []string{"Report", "", "Page"}, true, "Report |  | Page"},
		{"bar in an entry", []string{"a | b", `trailing \`}, true, `a \| b | trailing \\`},
		{"one empty entry", []string{""}, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			join, split := joinItems, splitItems
			if tc.sources {
				join, split = joinSources, splitSources
			}
			if got := join(tc.items); got != tc.joined {
				t.Errorf("joined %q, want %q", got, tc.joined)
			}
			want := tc.items
			if tc.joined == "" {
				want = nil // a blank cell has no entries; readers line it up with the titles
			}
			if diff := cmp.Diff(want, split(tc.joined)); diff != "" {
				t.Errorf("split (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTimeSpan(t *testing.T) {
	date := func(s string) *domain.Date { d := domain.Date(s); return &d }
	tests := []struct {
		name       string
		span       domain.Span
		start, end string
	}{
		{"nothing known", domain.Span{}, "", ""},
		{"day", domain.Span{Since: date("2024-07-30"), Until: date("2024-08-01")}, "2024-07-30", "2024-08-01"},
		{"year", domain.Span{Since: date("2015"), Until: date("2016")}, "2015-01-01", "2016-12-31"},
		{"months", domain.Span{Since: date("2023-12"), Until: date("2025-02")}, "2023-12-01", "2025-02-28"},
		{"leap February", domain.Span{Until: date("2024-02")}, "", "2024-02-29"},
		{"evidence for an unknown start", domain.Span{EvidencedFrom: date("2019")}, "2019-01-01", ""},
		{"since wins over evidence", domain.Span{Since: date("2010"), EvidencedFrom: date("2019")}, "2010-01-01", ""},
		{"evidence after the end", domain.Span{Until: date("2018"), EvidencedFrom: date("2019-03")}, "", "2018-12-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start, end := timeSpan(tc.span)
			if start != tc.start || end != tc.end {
				t.Errorf("timeSpan = %q, %q; want %q, %q", start, end, tc.start, tc.end)
			}
		})
	}
}
