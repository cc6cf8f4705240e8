package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
)

// TestTiesTraceBackToTheirQuotes takes twenty ties of seed/public-sources.json, spread over the file and
// over every tie type in it, reads each through the API from one of its ends, and checks that the API cites
// exactly the documents the file cites for it, each with the file's title, publisher, date, address, kind,
// story and quote: a finding made through the API can be cited from the file's own records.
func TestTiesTraceBackToTheirQuotes(t *testing.T) {
	raw, err := os.ReadFile("../seed/public-sources.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dataset.Dataset
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	sources := map[string]dataset.SourceRecord{}
	for _, s := range d.Sources {
		sources[s.Key] = s
	}
	// One tie of each type first, then every n-th tie, until twenty.
	var sample []dataset.TieRecord
	seenType := map[string]bool{}
	for _, tie := range d.Ties {
		if !seenType[tie.Type] {
			seenType[tie.Type] = true
			sample = append(sample, tie)
		}
	}
	step := max(1, len(d.Ties)/20)
	for i := 0; len(sample) < 20 && i < len(d.Ties); i += step {
		if tie := d.Ties[i]; !slices.ContainsFunc(sample, func(s dataset.TieRecord) bool { return s.From == tie.From && s.Type == tie.Type && s.To == tie.To }) {
			sample = append(sample, tie)
		}
	}
	if len(sample) < 20 {
		t.Fatalf("only %d ties sampled", len(sample))
	}
	type cited struct {
		Title     string  `json:"title"`
		Publisher *string `json:"publisher"`
		Date      *string `json:"date"`
		URL       *string `json:"url"`
		Kind      *string `json:"kind"`
		Story     *string `json:"story"`
		Quote     *string `json:"quote"`
	}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	c := newClient(t)
	for _, tie := range sample {
		t.Run(tie.From+" "+tie.Type+" "+tie.To, func(t *testing.T) {
			var resp struct {
				Stakeholder struct {
					Ties []struct {
						Type      string         `json:"type"`
						Direction string         `json:"direction"`
						Other     stakeholderRef `json:"other"`
						Sources   []cited        `json:"sources"`
					} `json:"ties"`
				} `json:"stakeholder"`
			}
			query(t, c, fmt.Sprintf(`{ stakeholder(slug: %q) { ties(types: [%s], evidence: {minKind: MACHINE}) {
				type direction other { slug } sources { title publisher date url kind story quote } } } }`, tie.From, tie.Type), &resp)
			var want []cited
			for _, cit := range tie.Citations {
				s := sources[cit.Source]
				want = append(want, cited{Title: s.Title, Publisher: str(s.Publisher), Date: str(s.Date), URL: str(s.URL),
					Kind: str(s.Kind), Story: str(s.Story), Quote: str(cit.Quote)})
			}
			byTitle := func(a, b cited) int {
				if a.Title != b.Title {
					return map[bool]int{true: -1, false: 1}[a.Title < b.Title]
				}
				return map[bool]int{true: -1, false: 1}[*a.Quote < *b.Quote]
			}
			slices.SortFunc(want, byTitle)
			found := false
			for _, got := range resp.Stakeholder.Ties {
				if got.Other.Slug != tie.To || got.Direction == "INCOMING" && tie.Type != "PARTNERS_WITH" && tie.Type != "CO_ORGANISES" && tie.Type != "DISPUTES" {
					continue
				}
				found = true
				for _, s := range got.Sources {
					if s.Quote == nil || *s.Quote == "" {
						t.Errorf("%q is cited without a quote", s.Title)
						return
					}
				}
				slices.SortFunc(got.Sources, byTitle)
				if diff := cmp.Diff(want, got.Sources); diff != "" {
					t.Errorf("sources (-file +API):\n%s", diff)
				}
			}
			if !found {
				t.Errorf("the API has no %s tie from %s to %s", tie.Type, tie.From, tie.To)
			}
		})
	}
}
