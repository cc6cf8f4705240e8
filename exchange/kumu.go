package exchange

import (
	"io"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Kumu blueprint: {"elements": [...], "connections": [...]} as Kumu's JSON import documents it. Elements
// have id = slug, label = name, type = kind and tags = focus areas; connections have id = tie key, from,
// to, type = tie type, direction "directed" or "mutual" (partnerships) and tags = focus areas. Everything
// else is a custom field named as Kumu names fields ("Sector", "Source titles"), lists as arrays.

type kumuDoc struct {
	Elements    []kumuElement    `json:"elements"`
	Connections []kumuConnection `json:"connections"`
}

type kumuElement struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Type        string   `json:"type"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Acronym     string   `json:"Acronym,omitempty"`
	Aliases     []string `json:"Aliases,omitempty"`
	Sector      string   `json:"Sector"`
	Country     string   `json:"Country,omitempty"`
	Mandates    []string `json:"Mandates,omitempty"`
	Collective  bool     `json:"Collective"`
	kumuSources
}

type kumuConnection struct {
	ID            string   `json:"id"`
	From          string   `json:"from"`
	To            string   `json:"to"`
	Type          string   `json:"type"`
	Direction     string   `json:"direction"`
	Description   string   `json:"description,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Role          string   `json:"Role,omitempty"`
	Since         string   `json:"Since,omitempty"`
	Until         string   `json:"Until,omitempty"`
	EvidencedFrom string   `json:"Evidenced from,omitempty"`
	// Weight and Events are an affiliation view's: the events the two took part in together.
	Weight int      `json:"Weight,omitempty"`
	Events []string `json:"Events,omitempty"`
	kumuSources
}

type kumuSources struct {
	SourceKeys       []string `json:"Source keys"`
	SourceTitles     []string `json:"Source titles"`
	SourcePublishers []string `json:"Source publishers"`
	SourceDates      []string `json:"Source dates"`
	SourceURLs       []string `json:"Source URLs"`
	SourceKinds      []string `json:"Source kinds"`
	SourceStories    []string `json:"Source stories"`
	SourceQuotes     []string `json:"Source quotes"`
}

func kumuSourcesOf(ss []domain.Source) kumuSources {
	c := sourceColumnsOf(ss)
	return kumuSources{SourceKeys: nonNil(c.Keys), SourceTitles: nonNil(c.Titles),
		SourcePublishers: nonNil(c.Publishers), SourceDates: nonNil(c.Dates), SourceURLs: nonNil(c.URLs),
		SourceKinds: nonNil(c.Kinds), SourceStories: nonNil(c.Stories), SourceQuotes: nonNil(c.Quotes)}
}

func writeKumu(w io.Writer, n *domain.Network) error {
	doc := kumuDoc{Elements: []kumuElement{}, Connections: []kumuConnection{}}
	for _, s := range n.Stakeholders {
		doc.Elements = append(doc.Elements, kumuElement{
			ID: s.Slug, Label: s.Name, Type: string(s.Kind), Description: deref(s.Description),
			Tags: strs(s.FocusAreas), Acronym: deref(s.Acronym), Aliases: s.Aliases, Sector: string(s.Sector),
			Country: deref(s.Country), Mandates: s.Mandates, Collective: s.Collective,
			kumuSources: kumuSourcesOf(s.Sources),
		})
	}
	for _, t := range n.Ties {
		direction := "directed"
		if !t.Type.Directed() {
			direction = "mutual"
		}
		doc.Connections = append(doc.Connections, kumuConnection{
			ID: keyOf(t), From: t.From, To: t.To, Type: string(t.Type), Direction: direction,
			Description: deref(t.Description), Tags: strs(t.FocusAreas), Role: deref(t.Role),
			Since: derefDate(t.Since), Until: derefDate(t.Until), EvidencedFrom: derefDate(t.EvidencedFrom),
			Weight: t.SharedEvents, Events: t.EventSlugs,
			kumuSources: kumuSourcesOf(t.Sources),
		})
	}
	return writeJSON(w, doc)
}
