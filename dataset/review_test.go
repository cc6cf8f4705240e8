package dataset_test

import (
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

func TestReview(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   []string // each problem, in order; none means nothing to review
	}{
		{"OK", func(*dataset.Dataset) {}, nil},
		{"quote of sixty words", func(d *dataset.Dataset) { d.Ties[0].Citations[0].Quote = words(60) }, nil},
		{"quote of sixty-one words", func(d *dataset.Dataset) { d.Ties[0].Citations[0].Quote = words(61) },
			[]string{`ties[0] (a PARTNERS_WITH b): the quotation from "s1" has 61 words; quote at most 60, the words that support the fact`}},
		{"long quote on a participation", func(d *dataset.Dataset) {
			d.Participations = []dataset.ParticipationRecord{{Event: "e", Stakeholder: "a", Role: "HOST",
				Citations: []domain.Citation{{Source: "s1", Quote: words(80)}}}}
		}, []string{`participations[0] (a HOST e): the quotation from "s1" has 80 words`}},
		{"address without a host", func(d *dataset.Dataset) { d.Sources[0].URL = "https:///page" },
			[]string{`sources[0] (s1): url "https:///page" names no web host`}},
		{"address with a space", func(d *dataset.Dataset) { d.Sources[0].URL = "https://example.org/a page" },
			[]string{`sources[0] (s1): url "https://example.org/a page" contains a space`}},
		{"address of another scheme, which Validate reports", func(d *dataset.Dataset) { d.Sources[0].URL = "ftp://example.org/a" }, nil},
		{"address that does not parse", func(d *dataset.Dataset) { d.Sources[0].URL = "http://exa%mple.org" },
			[]string{`sources[0] (s1): url "http://exa%mple.org" is not an address`}},
		{"same acronym, same country", func(d *dataset.Dataset) {
			d.Stakeholders[0].Acronym, d.Stakeholders[0].Country = "MEF", "MY"
			d.Stakeholders[1].Acronym = "mef"
		}, []string{`stakeholders[1] (b): probably the same organisation as stakeholders[0] (a): both are MEF in MY`}},
		{"same acronym, other countries", func(d *dataset.Dataset) {
			d.Stakeholders[0].Acronym, d.Stakeholders[0].Country = "MEF", "SG"
			d.Stakeholders[1].Acronym = "MEF"
		}, nil},
		{"names differing in case, punctuation and the", func(d *dataset.Dataset) {
			d.Stakeholders[0].Name = "The Women's Aid Organisation"
			d.Stakeholders[1].Name = "women’s aid  organisation."
		}, []string{`stakeholders[1] (b): probably the same organisation as stakeholders[0] (a): the names "The Women's Aid Organisation" and "women’s aid  organisation." differ only in case, punctuation or a leading "the"`}},
		{"names differing in a word", func(d *dataset.Dataset) {
			d.Stakeholders[0].Name = "Women's Aid Organisation"
			d.Stakeholders[1].Name = "Women's Aid Organisation Penang"
		}, nil},
		{"a hyphen is a space", func(d *dataset.Dataset) {
			d.Stakeholders[0].Name = "North-South Initiative"
			d.Stakeholders[1].Name = "North South Initiative"
		}, []string{`stakeholders[1] (b): probably the same organisation as stakeholders[0] (a)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			d.Ties[0].Citations = append([]domain.Citation{}, d.Ties[0].Citations...)
			tc.change(&d)
			ps := d.Review()
			var got []string
			if ps != nil {
				for _, p := range ps.List {
					got = append(got, p.String())
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

// TestShippedDataPassesReview checks the seed network against every rule `check` applies.
func TestShippedDataPassesReview(t *testing.T) {
	d, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if ps := d.Review(); ps != nil {
		t.Fatalf("the seed network needs review:\n%s", ps.Error())
	}
}
