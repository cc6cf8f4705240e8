package dataset

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var (
	slugPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// Problem is one thing wrong with one record.
type Problem struct {
	// Where names the record, such as `stakeholders[3] (ijm-malaysia)`.
	Where string
	// Reason says what is wrong.
	Reason string
}

func (p Problem) String() string { return p.Where + ": " + p.Reason }

// Validate checks every record and every reference between records. It returns nil when the dataset can
// be loaded, or an Error with CodeInvalid listing every problem found.
func (d *Dataset) Validate() error {
	v := &validator{sources: map[string]string{}, stakeholders: map[string]bool{}, people: map[string]bool{},
		events: map[string]bool{}}
	v.check(d)
	if len(v.problems) == 0 {
		return nil
	}
	lines := make([]string, len(v.problems))
	for i, p := range v.problems {
		lines[i] = p.String()
	}
	return &domain.Error{Code: domain.CodeInvalid,
		Message: fmt.Sprintf("%d problem(s) in the data, nothing was written:\n%s", len(lines), strings.Join(lines, "\n")),
		Err:     errors.Join(problemErrors(v.problems)...)}
}

func problemErrors(ps []Problem) []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = errors.New(p.String())
	}
	return errs
}

type validator struct {
	problems     []Problem
	sources      map[string]string // key -> date
	stakeholders map[string]bool
	people       map[string]bool
	events       map[string]bool
}

func (v *validator) fail(where, format string, args ...any) {
	v.problems = append(v.problems, Problem{Where: where, Reason: fmt.Sprintf(format, args...)})
}

func (v *validator) check(d *Dataset) {
	for i, s := range d.Sources {
		where := fmt.Sprintf("sources[%d] (%s)", i, s.Key)
		v.required(where, "key", s.Key)
		v.required(where, "title", s.Title)
		v.date(where, "date", s.Date)
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			v.fail(where, "url %q must start with http:// or https://", s.URL)
		}
		if _, dup := v.sources[s.Key]; dup {
			v.fail(where, "key %q is used twice", s.Key)
		}
		v.sources[s.Key] = s.Date
	}
	for i, s := range d.Stakeholders {
		where := fmt.Sprintf("stakeholders[%d] (%s)", i, s.Slug)
		v.slug(where, s.Slug, v.stakeholders)
		v.required(where, "name", s.Name)
		v.enum(where, "kind", s.Kind, kindOK)
		v.enum(where, "sector", s.Sector, sectorOK)
		for _, f := range s.FocusAreas {
			v.enum(where, "focusAreas", f, focusOK)
		}
		if s.Country != "" && !countryPattern.MatchString(s.Country) {
			v.fail(where, "country %q must be an ISO 3166-1 alpha-2 code in capitals, such as MY", s.Country)
		}
		v.citations(where, s.Citations)
	}
	for i, p := range d.People {
		where := fmt.Sprintf("people[%d] (%s)", i, p.Slug)
		v.slug(where, p.Slug, v.people)
		v.required(where, "name", p.Name)
		v.citations(where, p.Citations)
	}
	for i, e := range d.Events {
		where := fmt.Sprintf("events[%d] (%s)", i, e.Slug)
		v.slug(where, e.Slug, v.events)
		v.required(where, "name", e.Name)
		v.enum(where, "kind", e.Kind, eventKindOK)
		v.date(where, "date", e.Date)
		if e.Country != "" && !countryPattern.MatchString(e.Country) {
			v.fail(where, "country %q must be an ISO 3166-1 alpha-2 code in capitals, such as MY", e.Country)
		}
		v.citations(where, e.Citations)
	}
	for i, t := range d.Ties {
		where := fmt.Sprintf("ties[%d] (%s %s %s)", i, t.From, t.Type, t.To)
		v.enum(where, "type", t.Type, tieTypeOK)
		v.ref(where, "from", t.From, v.stakeholders, "stakeholder")
		v.ref(where, "to", t.To, v.stakeholders, "stakeholder")
		if t.From == t.To {
			v.fail(where, "a stakeholder cannot be tied to itself")
		}
		for _, f := range t.FocusAreas {
			v.enum(where, "focusAreas", f, focusOK)
		}
		v.span(where, t.Since, t.Until)
		v.citations(where, t.Citations)
	}
	for i, p := range d.Positions {
		where := fmt.Sprintf("positions[%d] (%s at %s)", i, p.Person, p.Stakeholder)
		v.ref(where, "person", p.Person, v.people, "person")
		v.ref(where, "stakeholder", p.Stakeholder, v.stakeholders, "stakeholder")
		v.required(where, "title", p.Title)
		v.span(where, p.Since, p.Until)
		v.citations(where, p.Citations)
	}
	for i, p := range d.Participations {
		where := fmt.Sprintf("participations[%d] (%s%s %s %s)", i, p.Stakeholder, p.Person, p.Role, p.Event)
		v.ref(where, "event", p.Event, v.events, "event")
		switch {
		case (p.Stakeholder == "") == (p.Person == ""):
			v.fail(where, "give exactly one of stakeholder and person")
		case p.Stakeholder != "":
			v.ref(where, "stakeholder", p.Stakeholder, v.stakeholders, "stakeholder")
		default:
			v.ref(where, "person", p.Person, v.people, "person")
		}
		v.enum(where, "role", p.Role, roleOK)
		v.citations(where, p.Citations)
	}
}

func (v *validator) required(where, field, value string) {
	if strings.TrimSpace(value) == "" {
		v.fail(where, "%s is required", field)
	}
}

func (v *validator) slug(where, slug string, seen map[string]bool) {
	switch {
	case !slugPattern.MatchString(slug):
		v.fail(where, "slug %q must be lower-case letters and digits joined by single hyphens", slug)
	case seen[slug]:
		v.fail(where, "slug %q is used twice", slug)
	}
	seen[slug] = true
}

func (v *validator) ref(where, field, slug string, known map[string]bool, what string) {
	if !known[slug] {
		v.fail(where, "%s %q names no %s in the data", field, slug, what)
	}
}

func (v *validator) date(where, field, value string) {
	if value == "" {
		return
	}
	if _, err := domain.ParseDate(value); err != nil {
		v.fail(where, "%s: %s", field, domain.ErrorMessage(err))
	}
}

func (v *validator) span(where, since, until string) {
	v.date(where, "since", since)
	v.date(where, "until", until)
	if since != "" && until != "" && until < since {
		v.fail(where, "until %s is before since %s", until, since)
	}
}

func (v *validator) enum(where, field, value string, ok func(string) bool) {
	if !ok(value) {
		v.fail(where, "%s %q is not one of the allowed values", field, value)
	}
}

func (v *validator) citations(where string, cs []domain.Citation) {
	if len(cs) == 0 {
		v.fail(where, "at least one citation is required: every fact needs a source")
	}
	for _, c := range cs {
		if _, ok := v.sources[c.Source]; !ok {
			v.fail(where, "citation names source %q, which is not in the data", c.Source)
		}
		if strings.TrimSpace(c.Quote) == "" {
			v.fail(where, "citation of %q needs the quoted passage", c.Source)
		}
	}
}

func kindOK(s string) bool      { return domain.StakeholderKind(s).IsValid() }
func sectorOK(s string) bool    { return domain.Sector(s).IsValid() }
func focusOK(s string) bool     { return domain.FocusArea(s).IsValid() }
func tieTypeOK(s string) bool   { return domain.TieType(s).IsValid() }
func eventKindOK(s string) bool { return domain.EventKind(s).IsValid() }
func roleOK(s string) bool      { return domain.ParticipationRole(s).IsValid() }

// EvidencedFrom returns the publication date of the earliest cited source that has one, or "".
func (d *Dataset) EvidencedFrom(cs []domain.Citation) string {
	earliest := ""
	for _, c := range cs {
		for _, s := range d.Sources {
			if s.Key == c.Source && s.Date != "" && (earliest == "" || s.Date < earliest) {
				earliest = s.Date
			}
		}
	}
	return earliest
}
