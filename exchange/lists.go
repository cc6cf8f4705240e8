package exchange

import (
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The separators of lists joined into one string (see the package comment).
const (
	itemSep   = ';'
	sourceSep = '|'
)

// joinItems joins a list of values (aliases, focus areas, mandates) with ";".
func joinItems(items []string) string { return join(items, itemSep, ";") }

// joinSources joins one source column (one entry per source) with " | ".
func joinSources(entries []string) string { return join(entries, sourceSep, " | ") }

func join(items []string, sep rune, glue string) string {
	escaped := make([]string, len(items))
	for i, s := range items {
		s = strings.ReplaceAll(s, `\`, `\\`)
		escaped[i] = strings.ReplaceAll(s, string(sep), `\`+string(sep))
	}
	return strings.Join(escaped, glue)
}

// splitItems splits a joined list, dropping empty items.
func splitItems(s string) []string {
	var out []string
	for _, item := range split(s, itemSep) {
		if item != "" {
			out = append(out, item)
		}
	}
	return out
}

// splitSources splits a joined source column. Empty entries are kept, since entries line up by position;
// a blank column has no entries.
func splitSources(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return split(s, sourceSep)
}

// split cuts s at every sep not escaped by a backslash, removes the escapes and trims each piece.
func split(s string, sep rune) []string {
	var out []string
	var b strings.Builder
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			b.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped = true
		case r == sep:
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	if escaped {
		b.WriteRune('\\')
	}
	return append(out, strings.TrimSpace(b.String()))
}

// sourceColumns are a fact's sources as parallel lists, one entry per source, "" where a source lacks a
// value.
type sourceColumns struct {
	Keys, Titles, Publishers, Dates, URLs, Kinds, Stories, Quotes []string
}

func sourceColumnsOf(ss []domain.Source) sourceColumns {
	var c sourceColumns
	for _, s := range ss {
		c.Keys = append(c.Keys, s.Key)
		c.Titles = append(c.Titles, s.Title)
		c.Publishers = append(c.Publishers, deref(s.Publisher))
		c.Dates = append(c.Dates, derefDate(s.Date))
		c.URLs = append(c.URLs, deref(s.URL))
		c.Kinds = append(c.Kinds, string(deref(s.Kind)))
		c.Stories = append(c.Stories, deref(s.Story))
		c.Quotes = append(c.Quotes, deref(s.Quote))
	}
	return c
}

// joined returns the columns as name -> joined value, named as GraphML, GEXF and the CSV header
// (through csvName) name them.
func (c sourceColumns) joined() map[string]string {
	return map[string]string{
		"sourceKeys": joinSources(c.Keys), "sourceTitles": joinSources(c.Titles),
		"sourcePublishers": joinSources(c.Publishers), "sourceDates": joinSources(c.Dates),
		"sourceUrls": joinSources(c.URLs), "sourceKinds": joinSources(c.Kinds),
		"sourceStories": joinSources(c.Stories), "sourceQuotes": joinSources(c.Quotes),
	}
}
