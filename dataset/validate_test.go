package dataset_test

import (
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func valid() dataset.Dataset {
	cite := []domain.Citation{{Source: "s1", Quote: "a sentence"}}
	return dataset.Dataset{
		Sources: []dataset.SourceRecord{{Key: "s1", Title: "A report", Date: "2024-07-30"}},
		Stakeholders: []dataset.StakeholderRecord{
			{Slug: "a", Name: "A", Kind: "NGO", Sector: "CIVIL_SOCIETY", Citations: cite},
			{Slug: "b", Name: "B", Kind: "MINISTRY", Sector: "GOVERNMENT", Country: "MY", Citations: cite},
		},
		Ties: []dataset.TieRecord{{Type: "PARTNERS_WITH", From: "a", To: "b", Citations: cite}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   []string // fragments the error must contain; none means valid
	}{
		{"OK", func(*dataset.Dataset) {}, nil},
		{"unknown kind", func(d *dataset.Dataset) { d.Stakeholders[0].Kind = "EMBASSY" }, []string{`stakeholders[0] (a)`, `kind "EMBASSY"`}},
		{"no source", func(d *dataset.Dataset) { d.Stakeholders[1].Citations = nil }, []string{"stakeholders[1] (b)", "citation is required"}},
		{"unknown source", func(d *dataset.Dataset) { d.Ties[0].Citations[0].Source = "s9" }, []string{`ties[0]`, `"s9"`}},
		{"dangling tie", func(d *dataset.Dataset) { d.Ties[0].To = "c" }, []string{`to "c" names no stakeholder`}},
		{"duplicate slug", func(d *dataset.Dataset) { d.Stakeholders[1].Slug = "a" }, []string{`slug "a" is used twice`}},
		{"bad slug", func(d *dataset.Dataset) { d.Stakeholders[0].Slug = "A B" }, []string{`slug "A B"`}},
		{"bad date", func(d *dataset.Dataset) { d.Ties[0].Since = "2024-13" }, []string{"since", "2024-13"}},
		{"end before start", func(d *dataset.Dataset) { d.Ties[0].Since, d.Ties[0].Until = "2020", "2019" }, []string{"before since"}},
		{"lower-case country", func(d *dataset.Dataset) { d.Stakeholders[1].Country = "my" }, []string{`country "my"`}},
		{"self tie", func(d *dataset.Dataset) { d.Ties[0].To = "a" }, []string{"tied to itself"}},
		{"source kind", func(d *dataset.Dataset) { d.Sources[0].Kind, d.Sources[0].Story = "NEWS", "wire-story-1" }, nil},
		{"unknown source kind", func(d *dataset.Dataset) { d.Sources[0].Kind = "BLOG" }, []string{`sources[0] (s1)`, `kind "BLOG" is not one of the allowed values`}},
		{"bad story", func(d *dataset.Dataset) { d.Sources[0].Story = "Wire Story" }, []string{`sources[0] (s1)`, `story "Wire Story"`}},
		{"several problems at once", func(d *dataset.Dataset) {
			d.Stakeholders[0].Name = ""
			d.Ties[0].Type = "LIKES"
		}, []string{"2 problem(s)", "name is required", `type "LIKES"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			d.Ties[0].Citations = append([]domain.Citation{}, d.Ties[0].Citations...)
			tc.change(&d)
			err := d.Validate()
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if domain.ErrorCode(err) != domain.CodeInvalid {
				t.Fatalf("err = %v, want BAD_USER_INPUT", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
