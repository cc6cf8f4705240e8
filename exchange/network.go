package exchange

import (
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// NetworkFromDataset builds the network of d's stakeholders and ties as the store would return it:
// sources resolved from citations, partnerships turned to run from the slug that sorts first, tie keys
// and evidencedFrom dates derived the way loading derives them, stakeholders sorted by slug and ties by
// key. People, events and their links are left out. d should have passed Validate.
func NetworkFromDataset(d *dataset.Dataset) *domain.Network {
	docs := d.SourceIndex()
	cite := func(cs []domain.Citation) []domain.Source {
		var out []domain.Source
		for _, c := range cs {
			doc := docs[c.Source]
			out = append(out, domain.Source{Key: c.Source, Title: doc.Title, Publisher: optional(doc.Publisher),
				Date: optionalDate(doc.Date), URL: optional(doc.URL), Kind: optionalKind(doc.Kind),
				Story: optional(doc.Story), Quote: optional(c.Quote)})
		}
		return out
	}
	n := &domain.Network{}
	for _, r := range d.Stakeholders {
		n.Stakeholders = append(n.Stakeholders, &domain.Stakeholder{
			Slug: r.Slug, Name: r.Name, Acronym: optional(r.Acronym), Aliases: nonEmpty(r.Aliases),
			Kind: domain.StakeholderKind(r.Kind), Sector: domain.Sector(r.Sector), Country: optional(r.Country),
			FocusAreas: focusAreas(r.FocusAreas), Mandates: nonEmpty(r.Mandates),
			Description: optional(r.Description), Collective: r.Collective, Sources: cite(r.Citations),
		})
	}
	for _, r := range d.Ties {
		typ := domain.TieType(r.Type)
		from, to := orient(typ, r.From, r.To)
		n.Ties = append(n.Ties, &domain.NetworkTie{
			Key: tieKey(from, typ, to), Type: typ, From: from, To: to, Role: optional(r.Role),
			FocusAreas: focusAreas(r.FocusAreas), Description: optional(r.Description),
			Span: domain.Span{Since: optionalDate(r.Since), Until: optionalDate(r.Until),
				EvidencedFrom: optionalDate(docs.EvidencedFrom(r.Citations))},
			Evidence: docs.Evidence(r.Citations), Sources: cite(r.Citations),
		})
	}
	return sorted(n)
}

// tieKey is the key the store gives a tie between two stakeholders (see neo4jstore's load).
func tieKey(from string, typ domain.TieType, to string) string { return domain.TieKey(from, typ, to) }

// orient turns a partnership to run from the slug that sorts first, as the store keeps it.
func orient(typ domain.TieType, from, to string) (string, string) {
	if !typ.Directed() && to < from {
		return to, from
	}
	return from, to
}

// keyOf returns the tie's key, deriving it when a hand-built network left it empty.
func keyOf(t *domain.NetworkTie) string {
	if t.Key != "" {
		return t.Key
	}
	return tieKey(t.From, t.Type, t.To)
}

// sorted returns a shallow copy of n with stakeholders sorted by slug and ties by key.
func sorted(n *domain.Network) *domain.Network {
	out := &domain.Network{Stakeholders: slices.Clone(n.Stakeholders), Ties: slices.Clone(n.Ties)}
	slices.SortStableFunc(out.Stakeholders, func(a, b *domain.Stakeholder) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortStableFunc(out.Ties, func(a, b *domain.NetworkTie) int { return strings.Compare(keyOf(a), keyOf(b)) })
	return out
}

// datasetFromNetwork turns n back into dataset records: documents keyed and listed once, sorted by key,
// and every fact citing them with its own quote. n must already be sorted.
func datasetFromNetwork(n *domain.Network) *dataset.Dataset {
	d := &dataset.Dataset{Sources: []dataset.SourceRecord{}, Stakeholders: []dataset.StakeholderRecord{},
		People: []dataset.PersonRecord{}, Events: []dataset.EventRecord{}, Ties: []dataset.TieRecord{},
		Positions: []dataset.PositionRecord{}, Participations: []dataset.ParticipationRecord{}}
	seen := map[string]bool{}
	cite := func(ss []domain.Source) []domain.Citation {
		out := []domain.Citation{}
		for _, s := range ss {
			if !seen[s.Key] {
				seen[s.Key] = true
				d.Sources = append(d.Sources, dataset.SourceRecord{Key: s.Key, Title: s.Title,
					Publisher: deref(s.Publisher), Date: derefDate(s.Date), URL: deref(s.URL),
					Kind: string(deref(s.Kind)), Story: deref(s.Story)})
			}
			out = append(out, domain.Citation{Source: s.Key, Quote: deref(s.Quote)})
		}
		return out
	}
	for _, s := range n.Stakeholders {
		d.Stakeholders = append(d.Stakeholders, dataset.StakeholderRecord{
			Slug: s.Slug, Name: s.Name, Acronym: deref(s.Acronym), Aliases: s.Aliases, Kind: string(s.Kind),
			Sector: string(s.Sector), Country: deref(s.Country), FocusAreas: strs(s.FocusAreas),
			Mandates: s.Mandates, Description: deref(s.Description), Collective: s.Collective,
			Citations: cite(s.Sources),
		})
	}
	for _, t := range n.Ties {
		d.Ties = append(d.Ties, dataset.TieRecord{
			Type: string(t.Type), From: t.From, To: t.To, Role: deref(t.Role), FocusAreas: strs(t.FocusAreas),
			Description: deref(t.Description), Since: derefDate(t.Since), Until: derefDate(t.Until),
			Citations: cite(t.Sources),
		})
	}
	slices.SortStableFunc(d.Sources, func(a, b dataset.SourceRecord) int { return strings.Compare(a.Key, b.Key) })
	return d
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalDate(s string) *domain.Date {
	if s == "" {
		return nil
	}
	d := domain.Date(s)
	return &d
}

func optionalKind(s string) *domain.SourceKind {
	if s == "" {
		return nil
	}
	k := domain.SourceKind(s)
	return &k
}

func deref[T ~string](s *T) T {
	if s == nil {
		return ""
	}
	return *s
}

func derefDate(d *domain.Date) string {
	if d == nil {
		return ""
	}
	return string(*d)
}

func nonEmpty(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}

func focusAreas(list []string) []domain.FocusArea {
	if len(list) == 0 {
		return nil
	}
	out := make([]domain.FocusArea, len(list))
	for i, f := range list {
		out[i] = domain.FocusArea(f)
	}
	return out
}

func strs[T ~string](list []T) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}
