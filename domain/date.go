package domain

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// Date is a calendar date in ISO 8601 form at the precision a source gives: a year ("2015"), a month
// ("2023-02") or a day ("2024-07-30"). Its string form sorts in time order, and a shorter date sorts before
// every longer date within it, so a partial date compares as the start of its period.
type Date string

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ParseDate checks s and returns it as a Date.
func ParseDate(s string) (Date, error) {
	if !datePattern.MatchString(s) {
		return "", Errorf(CodeInvalid, "%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", s)
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if _, err := time.Parse(layout, s); err != nil {
		return "", Errorf(CodeInvalid, "%q is not a real date", s)
	}
	return Date(s), nil
}

// ParseDay checks that s is a full date (YYYY-MM-DD), as a point in time must be.
func ParseDay(s string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return "", err
	}
	if !d.IsDay() {
		return "", Errorf(CodeInvalid, "%q must be a full date (YYYY-MM-DD)", s)
	}
	return d, nil
}

// IsDay reports whether d is precise to the day.
func (d Date) IsDay() bool { return len(d) == 10 }

// CheckAsOf checks an asOf argument, which must be a full date when given: a network as it stood "in 2019"
// has no single answer.
func CheckAsOf(asOf *Date) error {
	if asOf != nil && !asOf.IsDay() {
		return Errorf(CodeInvalid, "asOf must be a full date (YYYY-MM-DD), not %q", *asOf)
	}
	return nil
}

// String returns the ISO form.
func (d Date) String() string { return string(d) }

// MarshalGQL writes the date as a GraphQL string.
func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// UnmarshalGQL reads a date from a GraphQL string.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(CodeInvalid, "a Date must be a string, not %s", fmt.Sprintf("%T", v))
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
