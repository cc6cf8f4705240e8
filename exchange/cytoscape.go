package exchange

import (
	"encoding/json"
	"io"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Cytoscape.js: {"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}, which
// cy.add / cy.json and Cytoscape desktop (File > Import > Network from File, .cyjs) read. Node id = slug,
// edge id = tie key; the other fields use the attribute names of GraphML, with lists as JSON arrays and
// sources as parallel arrays, so Cytoscape desktop can make list columns of them.

type cytoscapeDoc struct {
	Elements cytoscapeElements `json:"elements"`
}

type cytoscapeElements struct {
	Nodes []cytoscapeNode `json:"nodes"`
	Edges []cytoscapeEdge `json:"edges"`
}

type cytoscapeNode struct {
	Data cytoscapeNodeData `json:"data"`
}

type cytoscapeEdge struct {
	Data cytoscapeEdgeData `json:"data"`
}

type cytoscapeNodeData struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Acronym     string   `json:"acronym,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	Kind        string   `json:"kind"`
	Sector      string   `json:"sector"`
	Country     string   `json:"country,omitempty"`
	FocusAreas  []string `json:"focusAreas,omitempty"`
	Mandates    []string `json:"mandates,omitempty"`
	Description string   `json:"description,omitempty"`
	Collective  bool     `json:"collective"`
	cytoscapeSources
}

type cytoscapeEdgeData struct {
	ID            string   `json:"id"`
	Source        string   `json:"source"`
	Target        string   `json:"target"`
	Type          string   `json:"type"`
	Directed      bool     `json:"directed"`
	Role          string   `json:"role,omitempty"`
	FocusAreas    []string `json:"focusAreas,omitempty"`
	Description   string   `json:"description,omitempty"`
	Since         string   `json:"since,omitempty"`
	Until         string   `json:"until,omitempty"`
	EvidencedFrom string   `json:"evidencedFrom,omitempty"`
	// Weight and Events are an affiliation view's: the events the two took part in together.
	Weight int      `json:"weight,omitempty"`
	Events []string `json:"events,omitempty"`
	cytoscapeSources
}

type cytoscapeSources struct {
	SourceKeys       []string `json:"sourceKeys"`
	SourceTitles     []string `json:"sourceTitles"`
	SourcePublishers []string `json:"sourcePublishers"`
	SourceDates      []string `json:"sourceDates"`
	SourceURLs       []string `json:"sourceUrls"`
	SourceKinds      []string `json:"sourceKinds"`
	SourceStories    []string `json:"sourceStories"`
	SourceQuotes     []string `json:"sourceQuotes"`
}

func cytoscapeSourcesOf(ss []domain.Source) cytoscapeSources {
	c := sourceColumnsOf(ss)
	return cytoscapeSources{SourceKeys: nonNil(c.Keys), SourceTitles: nonNil(c.Titles),
		SourcePublishers: nonNil(c.Publishers), SourceDates: nonNil(c.Dates), SourceURLs: nonNil(c.URLs),
		SourceKinds: nonNil(c.Kinds), SourceStories: nonNil(c.Stories), SourceQuotes: nonNil(c.Quotes)}
}

func writeCytoscape(w io.Writer, n *domain.Network) error {
	doc := cytoscapeDoc{Elements: cytoscapeElements{Nodes: []cytoscapeNode{}, Edges: []cytoscapeEdge{}}}
	for _, s := range n.Stakeholders {
		doc.Elements.Nodes = append(doc.Elements.Nodes, cytoscapeNode{Data: cytoscapeNodeData{
			ID: s.Slug, Name: s.Name, Acronym: deref(s.Acronym), Aliases: s.Aliases, Kind: string(s.Kind),
			Sector: string(s.Sector), Country: deref(s.Country), FocusAreas: strs(s.FocusAreas),
			Mandates: s.Mandates, Description: deref(s.Description), Collective: s.Collective,
			cytoscapeSources: cytoscapeSourcesOf(s.Sources),
		}})
	}
	for _, t := range n.Ties {
		doc.Elements.Edges = append(doc.Elements.Edges, cytoscapeEdge{Data: cytoscapeEdgeData{
			ID: keyOf(t), Source: t.From, Target: t.To, Type: string(t.Type), Directed: t.Type.Directed(),
			Role: deref(t.Role), FocusAreas: strs(t.FocusAreas), Description: deref(t.Description),
			Since: derefDate(t.Since), Until: derefDate(t.Until), EvidencedFrom: derefDate(t.EvidencedFrom),
			Weight: t.SharedEvents, Events: t.EventSlugs,
			cytoscapeSources: cytoscapeSourcesOf(t.Sources),
		}})
	}
	return writeJSON(w, doc)
}

// writeJSON writes v indented by one space, as the seed files are, without escaping <, > and &.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
