package exchange

import (
	"encoding/xml"
	"io"
	"strconv"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// GEXF 1.2: the namespace is http://www.gexf.net/1.2draft with version="1.2", as Gephi 0.9.2 and
// NetworkX write it (1.2 never dropped "draft" from its namespace; NetworkX finds no graph under any
// other 1.2 namespace). The graph is directed and dynamic with timeformat="date" (see the package
// comment on direction and time). Node id = slug and label = name; edge id = tie key and label = tie
// type. The other values are static attvalues under the attribute names GraphML uses; the tie key is
// only the edge id, since NetworkX fails on an edge attribute called "key".

type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	Xmlns          string    `xml:"xmlns,attr"`
	XSI            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	Mode            string           `xml:"mode,attr"`
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	TimeFormat      string           `xml:"timeformat,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class      string          `xml:"class,attr"`
	Mode       string          `xml:"mode,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfEdge struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Label  string `xml:"label,attr"`
	Start  string `xml:"start,attr,omitempty"`
	End    string `xml:"end,attr,omitempty"`
	// Weight is Gephi's edge weight, given for an affiliation view's ties (the events shared).
	Weight    int            `xml:"weight,attr,omitempty"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func writeGEXF(w io.Writer, n *domain.Network) error {
	nodeAttrs := without(stakeholderAttributes, "name")
	edgeAttrs := without(edgeAttributes(n), "key")
	doc := gexfDoc{
		Xmlns:          "http://www.gexf.net/1.2draft",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
		Version:        "1.2",
		Meta: gexfMeta{Creator: "stakeholder-graph",
			Description: "Stakeholders (nodes) and the ties between them (edges), with the sources of every fact."},
		Graph: gexfGraph{Mode: "dynamic", DefaultEdgeType: "directed", TimeFormat: "date",
			Attributes: []gexfAttributes{gexfDeclare("node", nodeAttrs), gexfDeclare("edge", edgeAttrs)}},
	}
	for _, s := range n.Stakeholders {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: s.Slug, Label: s.Name,
			AttValues: gexfValues(nodeAttrs, stakeholderValues(s))})
	}
	for _, t := range n.Ties {
		start, end := timeSpan(t.Span)
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: keyOf(t), Source: t.From, Target: t.To,
			Label: string(t.Type), Start: start, End: end, Weight: t.SharedEvents, AttValues: gexfValues(edgeAttrs, tieValues(t))})
	}
	return writeXML(w, doc)
}

func gexfDeclare(class string, attrs []attribute) gexfAttributes {
	out := gexfAttributes{Class: class, Mode: "static"}
	for _, a := range attrs {
		typ := a.Type
		if typ == "int" {
			typ = "integer" // GEXF's name for it
		}
		out.Attributes = append(out.Attributes, gexfAttribute{ID: a.Name, Title: a.Name, Type: typ})
	}
	return out
}

func gexfValues(attrs []attribute, values map[string]string) []gexfAttValue {
	var out []gexfAttValue
	for _, a := range attrs {
		if v := values[a.Name]; v != "" {
			out = append(out, gexfAttValue{For: a.Name, Value: v})
		}
	}
	return out
}

func without(attrs []attribute, name string) []attribute {
	var out []attribute
	for _, a := range attrs {
		if a.Name != name {
			out = append(out, a)
		}
	}
	return out
}

// timeSpan returns the days a tie is shown in a dynamic graph: from since (or evidencedFrom when since
// is unknown), widened to the first day of its year or month, to until, widened to the last day. An
// unknown bound is "". A start taken from evidencedFrom that falls after the end is dropped.
func timeSpan(s domain.Span) (start, end string) {
	from, fromEvidence := s.Since, false
	if from == nil && s.EvidencedFrom != nil {
		from, fromEvidence = s.EvidencedFrom, true
	}
	if from != nil {
		start = firstDay(*from)
	}
	if s.Until != nil {
		end = lastDay(*s.Until)
	}
	if fromEvidence && end != "" && start > end {
		start = ""
	}
	return start, end
}

func firstDay(d domain.Date) string {
	switch len(d) {
	case 4:
		return string(d) + "-01-01"
	case 7:
		return string(d) + "-01"
	}
	return string(d)
}

func lastDay(d domain.Date) string {
	switch len(d) {
	case 4:
		return string(d) + "-12-31"
	case 7:
		year, errY := strconv.Atoi(string(d[:4]))
		month, errM := strconv.Atoi(string(d[5:7]))
		if errY != nil || errM != nil {
			return string(d)
		}
		// Day 0 of the next month is the last day of this one.
		return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return string(d)
}
