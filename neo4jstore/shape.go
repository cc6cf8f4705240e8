package neo4jstore

import (
	"fmt"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The shapes below (Cypher map projections) are how every query returns nodes and ties, so one decoder
// reads each. They are assembled from fixed fragments (most once, at start-up); only parameters ever carry
// values.

// citationsOf writes the citations stored on a node or relationship: the parallel lists citeSources
// (document keys) and citeQuotes. The documents themselves come from the store's document cache (see
// documents.go), so a row carries no per-citation lookups.
func citationsOf(v string) string {
	return fmt.Sprintf(`citeSources: %[1]s.citeSources, citeQuotes: %[1]s.citeQuotes`, v)
}

// stakeholderOf and tieOf write every stored property of a stakeholder and a tie, for the reads that take
// no selection (the batch reads behind list resolvers, networks); the read planner (readplan.go) writes
// only what a selection asks.
func stakeholderOf(v string) string {
	return fmt.Sprintf(`%[1]s {.slug, .name, .acronym, .aliases, .kind, .sector, .country, .focusAreas, .mandates, .description, .collective, %[2]s}`,
		v, citationsOf(v))
}

func tieOf(v string) string {
	return fmt.Sprintf(`%[1]s {.key, type: type(%[1]s), .role, .focusAreas, .description, .since, .until, .evidencedFrom, .independentSources, .strongestSource, %[2]s}`,
		v, citationsOf(v))
}

func personOf(v string) string {
	return fmt.Sprintf(`%[1]s {.slug, .name, .honorific, %[2]s}`, v, citationsOf(v))
}

func eventOf(v string) string {
	return fmt.Sprintf(`%[1]s {.slug, .name, .kind, .date, .location, .country, .description, %[2]s}`,
		v, citationsOf(v))
}

// Decoders. Values come from the shapes above, so a missing or mistyped value is a programming
// error; they read leniently and leave zero values rather than fail a whole page.

type row = map[string]any

func str(m row, k string) string {
	s, _ := m[k].(string)
	return s
}

func optStr(m row, k string) *string {
	if s, ok := m[k].(string); ok {
		return &s
	}
	return nil
}

func optDate(m row, k string) *domain.Date {
	if s, ok := m[k].(string); ok && s != "" {
		d := domain.Date(s)
		return &d
	}
	return nil
}

func optEnum[T ~string](m row, k string) *T {
	if s, ok := m[k].(string); ok && s != "" {
		v := T(s)
		return &v
	}
	return nil
}

func strs(m row, k string) []string {
	list, _ := m[k].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func enums[T ~string](m row, k string) []T {
	ss := strs(m, k)
	out := make([]T, len(ss))
	for i, s := range ss {
		out[i] = T(s)
	}
	return out
}

func sub(m row, k string) row {
	r, _ := m[k].(map[string]any)
	return r
}

func rows(m row, k string) []row {
	list, _ := m[k].([]any)
	out := make([]row, 0, len(list))
	for _, v := range list {
		if r, ok := v.(map[string]any); ok {
			out = append(out, r)
		}
	}
	return out
}

// decodeSources reads the citations of a node or relationship in its shape. Only Key and Quote are set here;
// the store fills in the documents before it returns (Store.attachDocuments).
func decodeSources(m row) []domain.Source {
	keys, quotes := strs(m, "citeSources"), strs(m, "citeQuotes")
	out := make([]domain.Source, len(keys))
	for i, k := range keys {
		out[i].Key = k
		if i < len(quotes) {
			q := quotes[i]
			out[i].Quote = &q
		}
	}
	return out
}

func decodeStakeholder(m row) *domain.Stakeholder {
	if m == nil {
		return nil
	}
	collective, _ := m["collective"].(bool)
	return &domain.Stakeholder{
		Slug: str(m, "slug"), Name: str(m, "name"), Acronym: optStr(m, "acronym"), Aliases: strs(m, "aliases"),
		Kind: domain.StakeholderKind(str(m, "kind")), Sector: domain.Sector(str(m, "sector")),
		Country: optStr(m, "country"), FocusAreas: enums[domain.FocusArea](m, "focusAreas"),
		Mandates: strs(m, "mandates"), Description: optStr(m, "description"), Collective: collective,
		Sources: decodeSources(m),
	}
}

func decodePerson(m row) *domain.Person {
	if m == nil {
		return nil
	}
	return &domain.Person{Slug: str(m, "slug"), Name: str(m, "name"), Honorific: optStr(m, "honorific"),
		Sources: decodeSources(m)}
}

func decodeEvent(m row) *domain.Event {
	if m == nil {
		return nil
	}
	return &domain.Event{Slug: str(m, "slug"), Name: str(m, "name"), Kind: domain.EventKind(str(m, "kind")),
		Date: optDate(m, "date"), Location: optStr(m, "location"), Country: optStr(m, "country"),
		Description: optStr(m, "description"), Sources: decodeSources(m)}
}

// decodeEvidence reads what loading computed of a tie's sources.
func decodeEvidence(m row) domain.Evidence {
	n, _ := m["independentSources"].(int64)
	return domain.Evidence{IndependentSources: int(n), StrongestSource: optEnum[domain.SourceKind](m, "strongestSource")}
}

func decodeSpan(m row) domain.Span {
	return domain.Span{Since: optDate(m, "since"), Until: optDate(m, "until"), EvidencedFrom: optDate(m, "evidencedFrom")}
}

// listParam passes the given values, or nil for an empty list so the query's `IS NULL` test skips the filter.
func listParam[T ~string](vs []T) any {
	if len(vs) == 0 {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func optParam[T ~string](v *T) any {
	if v == nil {
		return nil
	}
	return string(*v)
}
