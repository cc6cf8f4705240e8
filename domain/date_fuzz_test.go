package domain_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// FuzzParseDate feeds ParseDate, ParseDay and the GraphQL Date scalar any string: they must never panic,
// must agree with an independent reading of ISO 8601 at year, month or day precision, must refuse what
// they do not accept as invalid input with a message, and an accepted date must write itself as a string
// that parses to the same date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015", "2023-02", "2024-07-30", "2024-02-29", "2023-02-29", "2024-13",
		"2024-00", "2024-07-00", "2024-07-32", "0000", "9999-12-31", "24-07-30", "2024/07/30", "",
		"2024-07-30T00:00:00Z", " 2024", "2024\n", "２０２４", "2024-7-3", "+2024", "-0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := domain.ParseDate(s)
		want, wantDay := isoDate(s)
		if (err == nil) != want {
			t.Fatalf("ParseDate(%q) err = %v, but it is %sa date", s, err, map[bool]string{false: "not "}[want])
		}
		day, dayErr := domain.ParseDay(s)
		var gql domain.Date
		gqlErr := gql.UnmarshalGQL(s)
		if err != nil {
			for name, err := range map[string]error{"ParseDate": err, "ParseDay": dayErr, "UnmarshalGQL": gqlErr} {
				checkInvalid(t, name+"("+strconv.Quote(s)+")", err)
			}
			return
		}
		if d.String() != s || d.IsDay() != wantDay {
			t.Errorf("ParseDate(%q) = %q, IsDay %v", s, d, d.IsDay())
		}
		if gqlErr != nil || gql != d {
			t.Errorf("UnmarshalGQL(%q) = %q, %v; want %q", s, gql, gqlErr, d)
		}
		switch {
		case !wantDay:
			checkInvalid(t, "ParseDay("+strconv.Quote(s)+")", dayErr)
		case dayErr != nil || day != d:
			t.Errorf("ParseDay(%q) = %q, %v", s, day, dayErr)
		}
		again, err := domain.ParseDate(d.String())
		if err != nil || again != d {
			t.Errorf("%q re-parses to %q, %v", d, again, err)
		}
		var b bytes.Buffer
		d.MarshalGQL(&b)
		var back domain.Date
		if err := back.UnmarshalGQL(unquote(t, b.String())); err != nil || back != d {
			t.Errorf("MarshalGQL(%q) wrote %s, which reads back as %q, %v", d, b.String(), back, err)
		}
	})
}

// isoDate reads s as YYYY, YYYY-MM or YYYY-MM-DD without the date package, to check ParseDate against.
func isoDate(s string) (ok, day bool) {
	digits := func(s string) (int, bool) {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, len(s) > 0
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false, false
	}
	year, ok := digits(s[:4])
	if !ok || len(s) == 4 {
		return ok, false
	}
	month, ok := digits(s[5:7])
	if s[4] != '-' || !ok || month < 1 || month > 12 {
		return false, false
	}
	if len(s) == 7 {
		return true, false
	}
	d, ok := digits(s[8:])
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return s[7] == '-' && ok && d >= 1 && d <= days, true
}

// checkInvalid fails unless err is an invalid-input error with a message to show.
func checkInvalid(t *testing.T, call string, err error) {
	t.Helper()
	if code := domain.ErrorCode(err); code != domain.CodeInvalid || domain.ErrorMessage(err) == "" {
		t.Errorf("%s err = %v (%s), want a %s error with a message", call, err, code, domain.CodeInvalid)
	}
}

func unquote(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("%s is not a quoted string: %v", s, err)
	}
	return u
}
