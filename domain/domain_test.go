package domain_test

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		ok, day bool
	}{
		{"2024-07-30", true, true}, {"2023-02", true, false}, {"2015", true, false},
		{"2024-02-30", false, false}, {"2024-13", false, false}, {"24-07-30", false, false},
		{"2024/07/30", false, false}, {"", false, false}, {"2024-07-30T00:00:00Z", false, false},
	}
	for _, tc := range tests {
		d, err := domain.ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if err != nil && domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("ParseDate(%q) code = %s", tc.in, domain.ErrorCode(err))
		}
		if tc.ok && d.IsDay() != tc.day {
			t.Errorf("%q IsDay = %v", tc.in, d.IsDay())
		}
	}
}

func TestPartialDatesSortAsTheStartOfTheirPeriod(t *testing.T) {
	// The store compares dates as strings; these orders are what makes that right.
	ordered := []domain.Date{"2014-12-31", "2015", "2015-01", "2015-01-01", "2015-06", "2015-06-30", "2016"}
	for i := 1; i < len(ordered); i++ {
		if !(ordered[i-1] < ordered[i]) {
			t.Errorf("%s does not sort before %s", ordered[i-1], ordered[i])
		}
	}
}

func TestGlobalID(t *testing.T) {
	id := domain.GlobalID(domain.NodeStakeholder, "ijm-malaysia")
	typ, slug, err := domain.ParseGlobalID(id)
	if err != nil || typ != domain.NodeStakeholder || slug != "ijm-malaysia" {
		t.Fatalf("round trip: %s %s %v", typ, slug, err)
	}
	if _, err := domain.ParseGlobalIDOf(id, domain.NodePerson); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a stakeholder ID taken as a person's: %v", err)
	}
	for _, bad := range []string{"", "!!!", domain.GlobalID("Planet", "earth"), domain.GlobalID(domain.NodeEvent, "")} {
		if _, _, err := domain.ParseGlobalID(bad); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("ParseGlobalID(%q) = %v, want BAD_USER_INPUT", bad, err)
		}
	}
}

func TestErrorsHideInternalDetails(t *testing.T) {
	err := domain.Internal(errTest("password=hunter2 at bolt://db"))
	if msg := domain.ErrorMessage(err); msg != "internal error" {
		t.Errorf("ErrorMessage = %q", msg)
	}
	if domain.ErrorCode(errTest("plain")) != domain.CodeInternal {
		t.Error("a foreign error is not INTERNAL")
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }
