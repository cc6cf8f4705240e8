package exchange

import (
	"encoding/xml"
	"io"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// GraphML: a directed graph (see the package comment on direction), node id = slug, edge id = tie key,
// every attribute declared as a <key> with attr.type and a <desc>. Nodes also carry "label" (the name),
// which Gephi shows as the node label. Empty values are left out; "collective" and "directed" are always
// written. NetworkX's read_graphml returns a DiGraph, or a MultiDiGraph keyed by tie key when two ties
// join the same ordered pair (force_multigraph=True always gives the latter).

type graphmlDoc struct {
	XMLName        xml.Name     `xml:"graphml"`
	Xmlns          string       `xml:"xmlns,attr"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
	Keys           []graphmlKey `xml:"key"`
	Graph          graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
	Desc     string `xml:"desc"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// graphmlLabel is the node attribute Gephi (and yEd's property mapper) show as the label.
var graphmlLabel = attribute{"label", "string", "The stakeholder's name again, as the label Gephi shows."}

func writeGraphML(w io.Writer, n *domain.Network) error {
	nodeAttrs := append([]attribute{graphmlLabel}, stakeholderAttributes...)
	doc := graphmlDoc{
		Xmlns:          "http://graphml.graphdrawing.org/xmlns",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Graph:          graphmlGraph{ID: "stakeholders", EdgeDefault: "directed"},
	}
	// Key ids are prefixed by n_ or e_: node and edge attributes share names, and Gephi would take a key
	// id such as "d3" for yEd's label.
	for _, a := range nodeAttrs {
		doc.Keys = append(doc.Keys, graphmlKey{ID: "n_" + a.Name, For: "node", AttrName: a.Name, AttrType: a.Type, Desc: a.Desc})
	}
	edgeAttrs := edgeAttributes(n)
	for _, a := range edgeAttrs {
		doc.Keys = append(doc.Keys, graphmlKey{ID: "e_" + a.Name, For: "edge", AttrName: a.Name, AttrType: a.Type, Desc: a.Desc})
	}
	for _, s := range n.Stakeholders {
		values := stakeholderValues(s)
		values["label"] = s.Name
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlNode{ID: s.Slug, Data: graphmlValues("n_", nodeAttrs, values)})
	}
	for _, t := range n.Ties {
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlEdge{ID: keyOf(t), Source: t.From, Target: t.To,
			Data: graphmlValues("e_", edgeAttrs, tieValues(t))})
	}
	return writeXML(w, doc)
}

func graphmlValues(prefix string, attrs []attribute, values map[string]string) []graphmlData {
	var out []graphmlData
	for _, a := range attrs {
		if v := values[a.Name]; v != "" {
			out = append(out, graphmlData{Key: prefix + a.Name, Value: v})
		}
	}
	return out
}

// writeXML writes the XML declaration and doc, indented by two spaces, ending with a newline.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
