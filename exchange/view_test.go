package exchange_test

import (
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// graphView is what a reader of an export should find: every node and edge with every attribute, in
// a shape that does not depend on the format. Each format's test reader builds one; the round-trip
// test compares it with the view of the network that was written.
type graphView struct {
	Nodes []nodeView
	Edges []edgeView
}

type nodeView struct {
	ID, Name, Acronym     string
	Aliases               []string
	Kind, Sector, Country string
	FocusAreas, Mandates  []string
	Description           string
	Collective            bool
	Sources               sourcesView
}

type edgeView struct {
	ID, Source, Target, Type                 string
	Directed                                 bool
	Role                                     string
	FocusAreas                               []string
	Description, Since, Until, EvidencedFrom string
	Sources                                  sourcesView
}

// sourcesView holds a fact's sources as parallel lists. A list whose entries are all empty is nil,
// since formats leave such a column out.
type sourcesView struct {
	Keys, Titles, Publishers, Dates, URLs, Quotes []string
}

func (v sourcesView) normal() sourcesView {
	return sourcesView{blankNil(v.Keys), blankNil(v.Titles), blankNil(v.Publishers), blankNil(v.Dates),
		blankNil(v.URLs), blankNil(v.Quotes)}
}

func (g graphView) normal() graphView {
	out := graphView{}
	for _, n := range g.Nodes {
		n.Aliases, n.FocusAreas, n.Mandates = emptyNil(n.Aliases), emptyNil(n.FocusAreas), emptyNil(n.Mandates)
		n.Sources = n.Sources.normal()
		out.Nodes = append(out.Nodes, n)
	}
	for _, e := range g.Edges {
		e.FocusAreas = emptyNil(e.FocusAreas)
		e.Sources = e.Sources.normal()
		out.Edges = append(out.Edges, e)
	}
	slices.SortFunc(out.Nodes, func(a, b nodeView) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(out.Edges, func(a, b edgeView) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func emptyNil(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}

func blankNil(list []string) []string {
	if !slices.ContainsFunc(list, func(s string) bool { return s != "" }) {
		return nil
	}
	return list
}

// viewOf is the view of a network: what every export of it must carry.
func viewOf(n *domain.Network) graphView {
	var g graphView
	for _, s := range n.Stakeholders {
		g.Nodes = append(g.Nodes, nodeView{ID: s.Slug, Name: s.Name, Acronym: str(s.Acronym), Aliases: s.Aliases,
			Kind: string(s.Kind), Sector: string(s.Sector), Country: str(s.Country), FocusAreas: enumNames(s.FocusAreas),
			Mandates: s.Mandates, Description: str(s.Description), Collective: s.Collective, Sources: sourcesOf(s.Sources)})
	}
	for _, t := range n.Ties {
		g.Edges = append(g.Edges, edgeView{ID: t.Key, Source: t.From, Target: t.To, Type: string(t.Type),
			Directed: t.Type.Directed(), Role: str(t.Role), FocusAreas: enumNames(t.FocusAreas),
			Description: str(t.Description), Since: date(t.Since), Until: date(t.Until), EvidencedFrom: date(t.EvidencedFrom),
			Sources: sourcesOf(t.Sources)})
	}
	return g.normal()
}

func sourcesOf(ss []domain.Source) sourcesView {
	var v sourcesView
	for _, s := range ss {
		v.Keys = append(v.Keys, s.Key)
		v.Titles = append(v.Titles, s.Title)
		v.Publishers = append(v.Publishers, str(s.Publisher))
		v.Dates = append(v.Dates, date(s.Date))
		v.URLs = append(v.URLs, str(s.URL))
		v.Quotes = append(v.Quotes, str(s.Quote))
	}
	return v
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func date(d *domain.Date) string {
	if d == nil {
		return ""
	}
	return string(*d)
}

func enumNames[T ~string](list []T) []string {
	var out []string
	for _, v := range list {
		out = append(out, string(v))
	}
	return out
}

// attrs is one node or edge as a JSON reader sees it: NetworkX's read-back, a Cytoscape.js data object
// or a Kumu element.
type attrs map[string]any

func (a attrs) str(k string) string {
	s, _ := a[k].(string)
	return s
}

func (a attrs) boolean(k string) bool {
	b, _ := a[k].(bool)
	return b
}

// list returns a JSON array of strings, or nil when k is missing.
func (a attrs) list(k string) []string {
	var out []string
	items, _ := a[k].([]any)
	for _, v := range items {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

func (a attrs) sources(keys, titles, publishers, dates, urls, quotes string) sourcesView {
	return sourcesView{a.list(keys), a.list(titles), a.list(publishers), a.list(dates), a.list(urls), a.list(quotes)}
}
