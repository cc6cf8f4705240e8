package dataset_test

import (
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestValidateRefusesRepeatedFacts checks that a tie, position or participation given twice is refused:
// the store keeps one per key and would silently keep only the last record's dates and citations.
// FuzzReadJSON checks that an accepted dataset holds each tie once; a partnership given both ways round,
// which the JSON import accepted, failed it (exchange/testdata/fuzz/FuzzReadJSON/partnership-given-both-ways).
func TestValidateRefusesRepeatedFacts(t *testing.T) {
	cite := []domain.Citation{{Source: "s1", Quote: "a sentence"}}
	tie := func(typ, from, to string) dataset.TieRecord {
		return dataset.TieRecord{Type: typ, From: from, To: to, Citations: cite}
	}
	position := func(title string) dataset.PositionRecord {
		return dataset.PositionRecord{Person: "p", Stakeholder: "a", Title: title, Citations: cite}
	}
	participation := func(stakeholder, person, role string) dataset.ParticipationRecord {
		return dataset.ParticipationRecord{Event: "e", Stakeholder: stakeholder, Person: person, Role: role, Citations: cite}
	}
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   string // the problem; "" means valid
	}{
		{"OK", func(d *dataset.Dataset) {}, ""},
		{"ErrTieTwice", func(d *dataset.Dataset) {
			d.Ties = append(d.Ties, tie("PARTNERS_WITH", "a", "b"))
		}, "ties[1] (a PARTNERS_WITH b): already given as ties[0]: give each tie once, with all its citations"},
		{"ErrPartnershipBothWays", func(d *dataset.Dataset) {
			d.Ties = append(d.Ties, tie("PARTNERS_WITH", "b", "a"))
		}, "ties[1] (b PARTNERS_WITH a): already given as ties[0]"},
		{"OK directed both ways", func(d *dataset.Dataset) {
			d.Ties = []dataset.TieRecord{tie("MEMBER_OF", "a", "b"), tie("MEMBER_OF", "b", "a")}
		}, ""},
		{"OK two types", func(d *dataset.Dataset) {
			d.Ties = append(d.Ties, tie("MEMBER_OF", "a", "b"))
		}, ""},
		{"ErrDirectedTwice", func(d *dataset.Dataset) {
			d.Ties = []dataset.TieRecord{tie("MEMBER_OF", "a", "b"), tie("PART_OF", "a", "b"), tie("MEMBER_OF", "a", "b")}
		}, "ties[2] (a MEMBER_OF b): already given as ties[0]"},
		{"ErrPositionTwice", func(d *dataset.Dataset) {
			d.Positions = []dataset.PositionRecord{position("Director"), position("Director")}
			d.Positions[1].Since = "2020"
		}, "positions[1] (p at a): already given as positions[0]: give each position once"},
		{"OK two positions", func(d *dataset.Dataset) {
			d.Positions = []dataset.PositionRecord{position("Director"), position("Chair")}
		}, ""},
		{"ErrParticipationTwice", func(d *dataset.Dataset) {
			d.Participations = []dataset.ParticipationRecord{participation("a", "", "HOST"), participation("a", "", "HOST")}
		}, "participations[1] (a HOST e): already given as participations[0]: give each participation once"},
		{"OK two participations", func(d *dataset.Dataset) {
			d.Participations = []dataset.ParticipationRecord{participation("a", "", "HOST"),
				participation("a", "", "SPONSOR"), participation("", "p", "HOST")}
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			d.People = []dataset.PersonRecord{{Slug: "p", Name: "P", Citations: cite}}
			d.Events = []dataset.EventRecord{{Slug: "e", Name: "E", Kind: "MEETING", Citations: cite}}
			tc.change(&d)
			err := d.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(domain.ErrorMessage(err), "\n"+tc.want) {
				t.Errorf("err = %v, want a %s error listing %q", err, domain.CodeInvalid, tc.want)
			}
			if n := strings.Count(domain.ErrorMessage(err), "\n"); n != 1 {
				t.Errorf("%d problems, want just this one", n)
			}
		})
	}
}
