package curation

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The limits of a record's fields. A name longer than any real one is a mistake (or an attack), and the
// graph shows names in lists, labels and exports.
const (
	maxSlug        = 100
	maxName        = 300
	maxShort       = 100
	maxDescription = 5000
	maxQuote       = 2000
	maxURL         = 2000
	maxList        = 50
)

func invalid(field, format string, args ...any) error {
	return domain.FieldErrorf(domain.CodeInvalid, field, format, args...)
}

// checker collects the first problem with an input: the one error a mutation answers.
type checker struct{ err error }

func (c *checker) fail(field, format string, args ...any) {
	if c.err == nil {
		c.err = invalid(field, format, args...)
	}
}

func (c *checker) slug(field, v string) {
	switch {
	case v == "":
		c.fail(field, "is required")
	case len(v) > maxSlug:
		c.fail(field, "is longer than %d characters", maxSlug)
	case !dataset.IsSlug(v):
		c.fail(field, "%q must be lower-case letters and digits joined by single hyphens", clip(v))
	}
}

// text checks a free-text field: at most max characters, and present when required.
func (c *checker) text(field, v string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		c.fail(field, "is required and cannot be blank")
	case utf8.RuneCountInString(v) > max:
		c.fail(field, "is longer than %d characters", max)
	case !utf8.ValidString(v):
		c.fail(field, "is not valid UTF-8")
	}
}

func (c *checker) texts(field string, vs []string, max int) {
	if len(vs) > maxList {
		c.fail(field, "has more than %d entries", maxList)
		return
	}
	for i, v := range vs {
		c.text(fmt.Sprintf("%s[%d]", field, i), v, max, true)
	}
}

func (c *checker) country(field, v string) {
	if v != "" && !dataset.IsCountry(v) {
		c.fail(field, "%q must be an ISO 3166-1 alpha-2 code in capitals, such as MY", clip(v))
	}
}

func (c *checker) date(field, v string) {
	if v == "" {
		return
	}
	if _, err := domain.ParseDate(v); err != nil {
		c.fail(field, "%s", domain.ErrorMessage(err))
	}
}

// span checks a record's since and until; a date of lower precision (a year) is compared by what it
// gives, so 2024 is not before 2024-05.
func (c *checker) span(prefix, since, until string) {
	c.date(prefix+"since", since)
	c.date(prefix+"until", until)
	if since != "" && until != "" && until < since && !strings.HasPrefix(since, until) {
		c.fail(prefix+"until", "%s is before since %s", until, since)
	}
}

func (c *checker) url(field, v string) {
	switch {
	case v == "":
	case len(v) > maxURL:
		c.fail(field, "is longer than %d characters", maxURL)
	case !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://"):
		c.fail(field, "%q must start with http:// or https://", clip(v))
	}
}

// citations checks a record's citations: at least one (unless optional), each with its passage, and no
// passage twice (a source may be cited for several passages).
func (c *checker) citations(field string, cs []*CitationInput, required bool) {
	if required && len(cs) == 0 {
		c.fail(field, "at least one citation is required: every fact needs a source")
	}
	if len(cs) > maxList {
		c.fail(field, "has more than %d citations", maxList)
	}
	seen := map[CitationInput]bool{}
	for i, ci := range cs {
		at := fmt.Sprintf("%s[%d]", field, i)
		if ci == nil {
			c.fail(at, "is null")
			continue
		}
		c.text(at+".source", ci.Source, maxSlug, true)
		c.text(at+".quote", ci.Quote, maxQuote, true)
		if seen[*ci] {
			c.fail(at, "repeats a citation: give each passage once")
		}
		seen[*ci] = true
	}
}

// source checks a source record; prefix is the input path of its fields.
func (c *checker) source(prefix string, r dataset.SourceRecord) {
	c.slugOrKey(prefix+"key", r.Key)
	c.text(prefix+"title", r.Title, maxName, true)
	c.text(prefix+"publisher", r.Publisher, maxName, false)
	c.date(prefix+"date", r.Date)
	c.url(prefix+"url", r.URL)
	if r.Story != "" {
		c.slug(prefix+"story", r.Story)
	}
	if r.Kind != "" {
		c.enum(prefix+"kind", r.Kind, func(v string) bool { return domain.SourceKind(v).IsValid() })
	}
}

// slugOrKey checks a source key: the slug pattern, as the data files use.
func (c *checker) slugOrKey(field, v string) { c.slug(field, v) }

func (c *checker) stakeholder(p string, r dataset.StakeholderRecord) {
	c.slug(p+"slug", r.Slug)
	c.text(p+"name", r.Name, maxName, true)
	c.text(p+"acronym", r.Acronym, maxShort, false)
	c.texts(p+"aliases", r.Aliases, maxName)
	c.enum(p+"kind", r.Kind, func(v string) bool { return domain.StakeholderKind(v).IsValid() })
	c.enum(p+"sector", r.Sector, func(v string) bool { return domain.Sector(v).IsValid() })
	c.focusAreas(p+"focusAreas", r.FocusAreas)
	c.country(p+"country", r.Country)
	c.texts(p+"mandates", r.Mandates, maxName)
	c.text(p+"description", r.Description, maxDescription, false)
}

func (c *checker) enum(field, v string, ok func(string) bool) {
	if !ok(v) {
		c.fail(field, "%q is not one of the allowed values", clip(v))
	}
}

func (c *checker) focusAreas(field string, vs []string) {
	for i, v := range vs {
		c.enum(fieldAt(field, i), v, func(v string) bool { return domain.FocusArea(v).IsValid() })
	}
}

// recordCitations checks the citations of a record read from a file: at least one, each with its passage.
func (c *checker) recordCitations(field string, cs []domain.Citation) {
	in := make([]*CitationInput, len(cs))
	for i, x := range cs {
		in[i] = &CitationInput{Source: x.Source, Quote: x.Quote}
	}
	c.citations(field, in, true)
}

func (c *checker) tie(prefix string, r dataset.TieRecord) {
	c.enum(prefix+"type", r.Type, func(v string) bool { return domain.TieType(v).IsValid() })
	c.focusAreas(prefix+"focusAreas", r.FocusAreas)
	if domain.TieType(r.Type) == domain.TieCoParticipates {
		c.fail(prefix+"type", "CO_PARTICIPATES ties are derived from shared events and cannot be stored")
	}
	c.slug(prefix+"from", r.From)
	c.slug(prefix+"to", r.To)
	if r.From == r.To {
		c.fail(prefix+"to", "a stakeholder cannot be tied to itself")
	}
	c.text(prefix+"role", r.Role, maxShort, false)
	c.text(prefix+"description", r.Description, maxDescription, false)
	c.span(prefix, r.Since, r.Until)
}

// clip shortens a value quoted in an error.
func clip(s string) string { return dataset.Clip(s) }
