package dataset

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// MaxQuoteWords is the longest quotation a citation may carry: enough for the sentence that supports a
// fact, short of republishing the source's text.
const MaxQuoteWords = 60

// Review finds what Validate lets through but a curator should not publish: a quotation longer than
// MaxQuoteWords, a source address that is not a web address, and two stakeholders that are probably the
// same organisation (the same acronym in the same country, or names that differ only in case,
// punctuation, spacing or a leading "the"). `stakeholder-graph check` runs it with Validate; an import
// does not, since a near-duplicate may be two real organisations the importer knows apart. Problems come
// in record order, at most MaxProblems of them with the rest counted.
func (d *Dataset) Review() *Problems {
	v := &validator{}
	for i, s := range d.Sources {
		// An address without http:// or https:// is Validate's to report.
		if strings.HasPrefix(s.URL, "http://") || strings.HasPrefix(s.URL, "https://") {
			if reason := badAddress(s.URL); reason != "" {
				v.fail(at("sources", i, s.Key), "url %q %s", clip(s.URL), reason)
			}
		}
	}
	byAcronym := map[[2]string]int{}
	byName := map[string]int{}
	for i, s := range d.Stakeholders {
		where := at("stakeholders", i, s.Slug)
		if a := strings.ToUpper(strings.TrimSpace(s.Acronym)); a != "" {
			key := [2]string{a, s.Country}
			if first, seen := byAcronym[key]; seen {
				v.fail(where, "probably the same organisation as stakeholders[%d] (%s): both are %s in %s",
					first, clip(d.Stakeholders[first].Slug), clip(a), countryName(s.Country))
			} else {
				byAcronym[key] = i
			}
		}
		if n := comparableName(s.Name); n != "" {
			if first, seen := byName[n]; seen {
				v.fail(where, "probably the same organisation as stakeholders[%d] (%s): the names %q and %q differ only in case, punctuation or a leading \"the\"",
					first, clip(d.Stakeholders[first].Slug), clip(d.Stakeholders[first].Name), clip(s.Name))
			} else {
				byName[n] = i
			}
		}
		v.quotes(where, s.Citations)
	}
	for i, p := range d.People {
		v.quotes(at("people", i, p.Slug), p.Citations)
	}
	for i, e := range d.Events {
		v.quotes(at("events", i, e.Slug), e.Citations)
	}
	for i, t := range d.Ties {
		v.quotes(at("ties", i, t.From, t.Type, t.To), t.Citations)
	}
	for i, p := range d.Positions {
		v.quotes(at("positions", i, p.Person, "at", p.Stakeholder), p.Citations)
	}
	for i, p := range d.Participations {
		v.quotes(at("participations", i, p.Stakeholder+p.Person, p.Role, p.Event), p.Citations)
	}
	if len(v.problems.List) == 0 {
		return nil
	}
	return &v.problems
}

func (v *validator) quotes(where subject, cs []domain.Citation) {
	for _, c := range cs {
		if n := len(strings.Fields(c.Quote)); n > MaxQuoteWords {
			v.fail(where, "the quotation from %q has %d words; quote at most %d, the words that support the fact",
				clip(c.Source), n, MaxQuoteWords)
		}
	}
}

// badAddress says what is wrong with a source's address, or "" when it is a web address.
func badAddress(s string) string {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return "contains a space"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not an address: " + strings.TrimPrefix(err.Error(), "parse "+`"`+s+`": `)
	case u.Hostname() == "" || !strings.Contains(u.Hostname(), "."):
		return "names no web host"
	}
	return ""
}

// comparableName reduces an organisation's name to what tells it apart: lower case, letters and digits
// only, single spaces, without a leading "the".
func comparableName(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// "Women's" and "Womens", "U.N." and "UN" are the same name
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

func countryName(code string) string {
	if code == "" {
		return "no country"
	}
	return code
}
