package querygen

import (
	"slices"
	"strings"
	"unicode"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
)

// Values are the real values arguments are drawn from, so that lookups find something and filters and
// searches match some of the graph and not always none of it.
type Values struct {
	// Stakeholders, People and Events are slugs; IDs are made from them.
	Stakeholders, People, Events []string
	// Words are words of names, acronyms and aliases, for searches and name filters.
	Words []string
	// Mandates are words of stakeholders' mandates, for mandate filters.
	Mandates []string
	// Countries are ISO 3166-1 alpha-2 codes.
	Countries []string
	// Dates are dates the data holds (ties' and positions' starts and ends, events, sources), at their
	// precision, for dates where answers change.
	Dates []string
}

// FromDataset returns the values of a data set: the seed network, or a generated one.
func FromDataset(d *dataset.Dataset) Values {
	var v Values
	for _, s := range d.Stakeholders {
		v.Stakeholders = append(v.Stakeholders, s.Slug)
		v.Words = append(v.Words, Words(s.Name, 3)...)
		v.Words = append(v.Words, Words(s.Acronym, 2)...)
		for _, a := range s.Aliases {
			v.Words = append(v.Words, Words(a, 2)...)
		}
		for _, m := range s.Mandates {
			v.Mandates = append(v.Mandates, Words(m, 4)...)
		}
		if s.Country != "" {
			v.Countries = append(v.Countries, s.Country)
		}
	}
	for _, p := range d.People {
		v.People = append(v.People, p.Slug)
		v.Words = append(v.Words, Words(p.Name, 3)...)
	}
	for _, e := range d.Events {
		v.Events = append(v.Events, e.Slug)
		v.Words = append(v.Words, Words(e.Name, 3)...)
		v.Dates = append(v.Dates, e.Date)
		if e.Country != "" {
			v.Countries = append(v.Countries, e.Country)
		}
	}
	for _, t := range d.Ties {
		v.Dates = append(v.Dates, t.Since, t.Until)
	}
	for _, p := range d.Positions {
		v.Dates = append(v.Dates, p.Since, p.Until)
	}
	for _, s := range d.Sources {
		v.Dates = append(v.Dates, s.Date)
	}
	return v
}

// Words returns the words of s of at least n letters or digits: how FromDataset draws words from names (3),
// acronyms and aliases (2) and mandates (4), for callers that read the values from elsewhere.
func Words(s string, n int) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= n {
			out = append(out, w)
		}
	}
	return out
}

// normalised returns v sorted and without duplicates or empty strings, so that the queries depend on the
// values and not on the order they came in, with a few words where v has none.
func (v Values) normalised() Values {
	clean := func(s []string, fallback ...string) []string {
		s = slices.DeleteFunc(slices.Clone(s), func(x string) bool { return x == "" })
		if len(s) == 0 {
			s = fallback
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	return Values{
		Stakeholders: clean(v.Stakeholders),
		People:       clean(v.People),
		Events:       clean(v.Events),
		Words:        clean(v.Words, "trafficking", "ministry", "council"),
		Mandates:     clean(v.Mandates, "shelter", "enforcement"),
		Countries:    clean(v.Countries, "MY"),
		Dates:        clean(v.Dates),
	}
}
