package dataset

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var (
	slugPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// MaxProblems is how many problems an error lists; the others are only counted. A file with more is
// wrong throughout, and listing them all could cost far more than the file: a problem's line is some
// twenty times the three bytes (`"",`) that make an unknown focus area, so a 64 MiB import could have
// asked for gigabytes.
const MaxProblems = 100

// Problem is one thing wrong with one record.
type Problem struct {
	// Records names the list the record is in (sources, stakeholders, people, events, ties, positions
	// or participations) and Index its place there, so a caller can point at where the record came from.
	Records string
	Index   int
	// Where names the record for people, such as `stakeholders[3] (ijm-malaysia)`.
	Where string
	// Reason says what is wrong.
	Reason string
}

func (p Problem) String() string { return p.Where + ": " + p.Reason }

// Problems is the cause of the error Validate returns: the first MaxProblems problems found, in the order
// of the records, and how many more there were.
type Problems struct {
	List     []Problem
	Unlisted int
}

// Error lists the problems one a line.
func (ps *Problems) Error() string {
	lines := make([]string, len(ps.List), len(ps.List)+1)
	for i, p := range ps.List {
		lines[i] = p.String()
	}
	if ps.Unlisted > 0 {
		lines = append(lines, fmt.Sprintf("and %d more problem(s)", ps.Unlisted))
	}
	return strings.Join(lines, "\n")
}

// Validate checks every record and every reference between records. It returns nil when the dataset can
// be loaded, or an Error with CodeInvalid listing the problems found (at most MaxProblems of them), whose
// cause is the *Problems.
func (d *Dataset) Validate() error {
	v := &validator{sources: map[string]string{}, stakeholders: map[string]bool{}, people: map[string]bool{},
		events: map[string]bool{}, ties: map[[4]string]int{}, positions: map[[4]string]int{},
		participations: map[[4]string]int{}}
	v.check(d)
	if len(v.problems.List) == 0 {
		return nil
	}
	return &domain.Error{Code: domain.CodeInvalid,
		Message: fmt.Sprintf("%d problem(s) in the data, nothing was written:\n%s",
			len(v.problems.List)+v.problems.Unlisted, v.problems.Error()),
		Err: &v.problems}
}

type validator struct {
	problems     Problems
	sources      map[string]string // key -> date
	stakeholders map[string]bool
	people       map[string]bool
	events       map[string]bool
	// ties, positions and participations map what identifies a record to the index of the first record
	// that gave it.
	ties, positions, participations map[[4]string]int
}

// subject names the record a problem is about.
type subject struct {
	list  string
	index int
	where string
}

// at names the index'th record of list; label says which it is, such as its slug.
func at(list string, index int, label ...string) subject {
	for i, l := range label {
		label[i] = clip(l)
	}
	return subject{list, index, fmt.Sprintf("%s[%d] (%s)", list, index, strings.Join(label, " "))}
}

// IsSlug reports whether s is a slug: lower-case letters and digits joined by single hyphens.
func IsSlug(s string) bool { return slugPattern.MatchString(s) }

// IsCountry reports whether s is an ISO 3166-1 alpha-2 code in capitals.
func IsCountry(s string) bool { return countryPattern.MatchString(s) }

// Clip shortens a value quoted in a message to what identifies it to a reader (see clip).
func Clip(s string) string { return clip(s) }

// clip shortens a value quoted in a problem to what identifies it to a reader. A record's name is
// repeated in each of its problems, so a long one multiplied: a 32 KB dataset of one stakeholder with a
// 16 KB slug and five thousand unknown focus areas made an 82 MB message and allocated 410 MB.
func clip(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func (v *validator) fail(r subject, format string, args ...any) {
	if len(v.problems.List) == MaxProblems {
		v.problems.Unlisted++ // not formatted: counting costs nothing
		return
	}
	v.problems.List = append(v.problems.List, Problem{Records: r.list, Index: r.index, Where: r.where,
		Reason: fmt.Sprintf(format, args...)})
}

func (v *validator) check(d *Dataset) {
	for i, s := range d.Sources {
		where := at("sources", i, s.Key)
		v.required(where, "key", s.Key)
		v.required(where, "title", s.Title)
		v.date(where, "date", s.Date)
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			v.fail(where, "url %q must start with http:// or https://", clip(s.URL))
		}
		if s.Kind != "" {
			v.enum(where, "kind", s.Kind, sourceKindOK)
		}
		if s.Story != "" && !slugPattern.MatchString(s.Story) {
			v.fail(where, "story %q must be lower-case letters and digits joined by single hyphens", clip(s.Story))
		}
		if _, dup := v.sources[s.Key]; dup {
			v.fail(where, "key %q is used twice", clip(s.Key))
		}
		v.sources[s.Key] = s.Date
	}
	for i, s := range d.Stakeholders {
		where := at("stakeholders", i, s.Slug)
		v.slug(where, s.Slug, v.stakeholders)
		v.required(where, "name", s.Name)
		v.enum(where, "kind", s.Kind, kindOK)
		v.enum(where, "sector", s.Sector, sectorOK)
		for _, f := range s.FocusAreas {
			v.enum(where, "focusAreas", f, focusOK)
		}
		if s.Country != "" && !countryPattern.MatchString(s.Country) {
			v.fail(where, "country %q must be an ISO 3166-1 alpha-2 code in capitals, such as MY", clip(s.Country))
		}
		v.citations(where, s.Citations)
	}
	for i, p := range d.People {
		where := at("people", i, p.Slug)
		v.slug(where, p.Slug, v.people)
		v.required(where, "name", p.Name)
		v.citations(where, p.Citations)
	}
	for i, e := range d.Events {
		where := at("events", i, e.Slug)
		v.slug(where, e.Slug, v.events)
		v.required(where, "name", e.Name)
		v.enum(where, "kind", e.Kind, eventKindOK)
		v.date(where, "date", e.Date)
		if e.Country != "" && !countryPattern.MatchString(e.Country) {
			v.fail(where, "country %q must be an ISO 3166-1 alpha-2 code in capitals, such as MY", clip(e.Country))
		}
		v.citations(where, e.Citations)
	}
	for i, t := range d.Ties {
		where := at("ties", i, t.From, t.Type, t.To)
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
		if tieTypeOK(t.Type) {
			from, to := t.From, t.To
			if !domain.TieType(t.Type).Directed() && to < from {
				from, to = to, from
			}
			v.once(where, v.ties, [4]string{from, t.Type, to}, "tie")
		}
	}
	for i, p := range d.Positions {
		where := at("positions", i, p.Person, "at", p.Stakeholder)
		v.ref(where, "person", p.Person, v.people, "person")
		v.ref(where, "stakeholder", p.Stakeholder, v.stakeholders, "stakeholder")
		v.required(where, "title", p.Title)
		v.span(where, p.Since, p.Until)
		v.citations(where, p.Citations)
		v.once(where, v.positions, [4]string{p.Person, p.Title, p.Stakeholder}, "position")
	}
	for i, p := range d.Participations {
		where := at("participations", i, p.Stakeholder+p.Person, p.Role, p.Event)
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
		v.once(where, v.participations, [4]string{p.Stakeholder, p.Person, p.Role, p.Event}, "participation")
	}
}

// once reports a record that gives again what an earlier record of its list gave: the same tie (a
// partnership either way round), position or participation. The store keeps one of each, merging records
// by these fields, so the later record would silently replace the earlier one's dates and citations.
func (v *validator) once(where subject, seen map[[4]string]int, key [4]string, what string) {
	if first, dup := seen[key]; dup {
		v.fail(where, "already given as %s[%d]: give each %s once, with all its citations", where.list, first, what)
		return
	}
	seen[key] = where.index
}

func (v *validator) required(where subject, field, value string) {
	if strings.TrimSpace(value) == "" {
		v.fail(where, "%s is required", field)
	}
}

func (v *validator) slug(where subject, slug string, seen map[string]bool) {
	switch {
	case !slugPattern.MatchString(slug):
		v.fail(where, "slug %q must be lower-case letters and digits joined by single hyphens", clip(slug))
	case seen[slug]:
		v.fail(where, "slug %q is used twice", clip(slug))
	}
	seen[slug] = true
}

func (v *validator) ref(where subject, field, slug string, known map[string]bool, what string) {
	if !known[slug] {
		v.fail(where, "%s %q names no %s in the data", field, clip(slug), what)
	}
}

func (v *validator) date(where subject, field, value string) {
	if value == "" {
		return
	}
	if _, err := domain.ParseDate(value); err != nil {
		v.fail(where, "%s: %s", field, domain.ErrorMessage(err))
	}
}

func (v *validator) span(where subject, since, until string) {
	v.date(where, "since", since)
	v.date(where, "until", until)
	if since != "" && until != "" && until < since {
		v.fail(where, "until %s is before since %s", until, since)
	}
}

func (v *validator) enum(where subject, field, value string, ok func(string) bool) {
	if !ok(value) {
		v.fail(where, "%s %q is not one of the allowed values", field, clip(value))
	}
}

func (v *validator) citations(where subject, cs []domain.Citation) {
	if len(cs) == 0 {
		v.fail(where, "at least one citation is required: every fact needs a source")
	}
	for _, c := range cs {
		if _, ok := v.sources[c.Source]; !ok {
			v.fail(where, "citation names source %q, which is not in the data", clip(c.Source))
		}
		if strings.TrimSpace(c.Quote) == "" {
			v.fail(where, "citation of %q needs the quoted passage", clip(c.Source))
		}
	}
}

func kindOK(s string) bool       { return domain.StakeholderKind(s).IsValid() }
func sectorOK(s string) bool     { return domain.Sector(s).IsValid() }
func focusOK(s string) bool      { return domain.FocusArea(s).IsValid() }
func tieTypeOK(s string) bool    { return domain.TieType(s).IsValid() }
func eventKindOK(s string) bool  { return domain.EventKind(s).IsValid() }
func roleOK(s string) bool       { return domain.ParticipationRole(s).IsValid() }
func sourceKindOK(s string) bool { return domain.SourceKind(s).IsValid() }

// SourceIndex is a dataset's sources by key. Build it once (Dataset.SourceIndex) for all the records
// whose citations it resolves.
type SourceIndex map[string]SourceRecord

// SourceIndex indexes d's sources by key.
func (d *Dataset) SourceIndex() SourceIndex {
	ix := make(SourceIndex, len(d.Sources))
	for _, s := range d.Sources {
		ix[s.Key] = s
	}
	return ix
}

// Evidence weighs the sources cs cites (see domain.EvidenceOf).
func (ix SourceIndex) Evidence(cs []domain.Citation) domain.Evidence {
	weights := make([]domain.SourceWeight, 0, len(cs))
	for _, c := range cs {
		s := ix[c.Source]
		weights = append(weights, domain.SourceWeight{Key: c.Source, Story: s.Story, Kind: domain.SourceKind(s.Kind)})
	}
	return domain.EvidenceOf(weights)
}

// EvidencedFrom returns the publication date of the earliest cited source that has one, or "".
func (ix SourceIndex) EvidencedFrom(cs []domain.Citation) string {
	earliest := ""
	for _, c := range cs {
		if date := ix[c.Source].Date; date != "" && (earliest == "" || date < earliest) {
			earliest = date
		}
	}
	return earliest
}
