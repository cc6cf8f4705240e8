package analytics_test

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func day(s string) *domain.Date { d := domain.Date(s); return &d }

// TestTimelineSpan checks the years a timeline covers: those the ties give unless the caller chooses, and
// a clear refusal only for a span the caller asked for.
func TestTimelineSpan(t *testing.T) {
	n := &domain.Network{
		Stakeholders: []*domain.Stakeholder{{Slug: "a", Sector: domain.SectorGovernment}, {Slug: "b", Sector: domain.SectorCivilSociety}, {Slug: "c", Sector: domain.SectorCivilSociety}},
		Ties: []*domain.NetworkTie{
			{Key: "a:PARTNERS_WITH:b", Type: domain.TiePartnersWith, From: "a", To: "b", Span: domain.Span{Since: day("2011-05"), Until: day("2013")}},
			{Key: "a:FUNDS:c", Type: domain.TieFunds, From: "a", To: "c", Span: domain.Span{EvidencedFrom: day("2012-02-01")},
				FocusAreas: []domain.FocusArea{domain.FocusProtection}},
			{Key: "b:PARTNERS_WITH:c", Type: domain.TiePartnersWith, From: "b", To: "c"}, // undated
		},
	}
	tests := []struct {
		name        string
		from, to    int
		first, last int // 0, 0: no year
		wantErr     bool
	}{
		{"the data's years", 0, 0, 2011, 2013, false},
		{"from only", 2012, 0, 2012, 2013, false},
		{"to only, before the data", 0, 2009, 2009, 2009, false},
		{"both", 2005, 2020, 2005, 2020, false},
		{"out of order", 2014, 2012, 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl, err := analytics.Timeline(n, tc.from, tc.to)
			if tc.wantErr {
				if domain.ErrorCode(err) != domain.CodeInvalid {
					t.Fatalf("err = %v, want %s", err, domain.CodeInvalid)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tl.Years) == 0 || tl.Years[0].Year != tc.first || tl.Years[len(tl.Years)-1].Year != tc.last {
				t.Fatalf("years %v, want %d to %d", tl.Years, tc.first, tc.last)
			}
			if tl.UndatedTies != 1 {
				t.Errorf("%d undated ties, want 1", tl.UndatedTies)
			}
		})
	}
	tl, _ := analytics.Timeline(n, 0, 0)
	byYear := map[int]*domain.TimelineYear{}
	for _, y := range tl.Years {
		byYear[y.Year] = y
	}
	// 2011: the partnership begins; the undated one counts as in force. 2012: funding begins (by its
	// source). 2013: the partnership ends during the year, so it is still in force by a year's precision.
	for year, want := range map[int][2]int{2011: {1, 2}, 2012: {1, 3}, 2013: {0, 3}} {
		if y := byYear[year]; y.TiesBegun != want[0] || y.TiesInForce != want[1] {
			t.Errorf("%d: %d begun, %d in force; want %d, %d", year, y.TiesBegun, y.TiesInForce, want[0], want[1])
		}
	}
	if y := byYear[2012]; len(y.ByFocusArea) != 1 || y.ByFocusArea[0].Group != "PROTECTION" || y.ByFocusArea[0].Begun != 1 {
		t.Errorf("2012 by focus area: %+v", y.ByFocusArea)
	}
	if y := byYear[2012]; len(y.BySectorPair) != 2 || y.BySectorPair[0].Group != "CIVIL_SOCIETY CIVIL_SOCIETY" {
		t.Errorf("2012 by sector pair: %+v", y.BySectorPair)
	}
	empty, err := analytics.Timeline(&domain.Network{}, 0, 0)
	if err != nil || len(empty.Years) != 0 {
		t.Errorf("an empty view: %+v, %v", empty, err)
	}
}
