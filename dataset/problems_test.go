package dataset_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestValidateBoundsProblems checks that a dataset with very many problems, or with very long names, gives
// an error of bounded size: at most MaxProblems listed, the rest counted, and long values shortened. Before
// the bound a 32 KB dataset gave an 82 MB message.
func TestValidateBoundsProblems(t *testing.T) {
	longSlug := strings.Repeat("X", 16<<10) // not a slug: capitals
	tests := []struct {
		name         string
		change       func(d *dataset.Dataset)
		wantTotal    int
		wantFirst    dataset.Problem
		wantUnlisted int
	}{
		{"OK", func(d *dataset.Dataset) {
			d.Stakeholders[0].FocusAreas = []string{"TRAINING", "PREVENTION"}
		}, 1, dataset.Problem{Records: "stakeholders", Index: 0, Where: "stakeholders[0] (a)",
			Reason: `focusAreas "TRAINING" is not one of the allowed values`}, 0},
		{"many problems", func(d *dataset.Dataset) {
			d.Stakeholders[0].FocusAreas = make([]string, 5000)
		}, 5000, dataset.Problem{Records: "stakeholders", Index: 0, Where: "stakeholders[0] (a)",
			Reason: `focusAreas "" is not one of the allowed values`}, 5000 - dataset.MaxProblems},
		{"long slug", func(d *dataset.Dataset) {
			d.Stakeholders[1].Slug = longSlug
			d.Stakeholders[1].FocusAreas = make([]string, 1000)
			d.Ties = nil
		}, 1001, dataset.Problem{Records: "stakeholders", Index: 1,
			Where:  "stakeholders[1] (" + longSlug[:64] + "…)",
			Reason: `slug "` + longSlug[:64] + `…" must be lower-case letters and digits joined by single hyphens`},
			1001 - dataset.MaxProblems},
		{"long multi-byte slug", func(d *dataset.Dataset) {
			d.Stakeholders[1].Slug = "a" + strings.Repeat("é", 100) // cut inside an é, clip backs off to a whole one
			d.Ties = nil
		}, 1, dataset.Problem{Records: "stakeholders", Index: 1,
			Where:  "stakeholders[1] (a" + strings.Repeat("é", 31) + "…)",
			Reason: `slug "a` + strings.Repeat("é", 31) + `…" must be lower-case letters and digits joined by single hyphens`}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			tc.change(&d)
			err := d.Validate()
			var ps *dataset.Problems
			if domain.ErrorCode(err) != domain.CodeInvalid || !errors.As(err, &ps) {
				t.Fatalf("err = %v, want an invalid-input error caused by *dataset.Problems", err)
			}
			if want := min(tc.wantTotal, dataset.MaxProblems); len(ps.List) != want || ps.Unlisted != tc.wantUnlisted {
				t.Errorf("%d problems listed and %d unlisted, want %d and %d", len(ps.List), ps.Unlisted, want, tc.wantUnlisted)
			}
			if diff := cmp.Diff(tc.wantFirst, ps.List[0]); diff != "" {
				t.Errorf("first problem (-want +got):\n%s", diff)
			}
			msg := domain.ErrorMessage(err)
			if !strings.HasPrefix(msg, strconv.Itoa(tc.wantTotal)+" problem(s) in the data") {
				t.Errorf("message starts %.60q, want the count of every problem, %d", msg, tc.wantTotal)
			}
			if len(msg) > 32<<10 {
				t.Errorf("message of %d bytes", len(msg))
			}
		})
	}
}
