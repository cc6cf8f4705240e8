// Package exchange writes a stakeholder network in the file formats researchers use (GraphML, GEXF, CSV,
// Cytoscape.js JSON, Kumu blueprints and the dataset JSON of the seed files) and reads data back from CSV
// and dataset JSON, checking every row before anything is returned.
//
// # What every format carries
//
// Nodes are stakeholders, identified by slug. Edges are ties, identified by the tie key the store uses
// ("from|TYPE|to"), so two ties between the same pair are two parallel edges with distinct ids. Every
// attribute survives: name, acronym, aliases, kind, sector, country, focus areas, mandates, description,
// collective, the tie's type, role, focus areas, description, since, until and evidencedFrom, and every
// source's key, title, publisher, date, URL and quoted passage. Enum values are written as the API names
// them (MINISTRY, PARTNERS_WITH). Output is sorted by slug and tie key, so the same network always gives
// the same bytes.
//
// # Direction
//
// Partnerships have no direction; the other tie types do. NetworkX refuses mixed graphs (a GraphML edge
// with directed="false" or a GEXF edge of type "undirected" inside a directed graph is an error), and
// Gephi's GEXF importer reports the edge type "mutual" as an error. So GraphML and GEXF files are directed graphs in
// which every edge carries a boolean "directed" attribute, false for partnerships; a partnership is
// written once, from the stakeholder whose slug sorts first. To analyse partnerships as undirected in
// NetworkX, select the edges whose "directed" is false. Cytoscape.js edges carry the same "directed"
// field, and Kumu connections use "direction": "mutual" for partnerships and "directed" otherwise.
//
// # Lists
//
// Formats without list values (GraphML, GEXF, CSV) join a list into one string: aliases, focus areas and
// mandates with ";", and the parallel source columns (one entry per source, in the same order in every
// column, an empty entry where a source has no publisher, date or URL) with " | ". A backslash escapes
// the separator or itself inside an entry ("a\;b" is the single item "a;b"). Readers trim spaces around
// entries. Cytoscape.js and Kumu use JSON arrays instead.
//
// # Time
//
// Dates keep the precision their sources give (2015, 2023-02, 2024-07-30). GEXF graphs are dynamic with
// timeformat="date": an edge starts at since, or at evidencedFrom when since is unknown, and ends at
// until; a year or month is widened to its first day for a start and its last day for an end. An edge
// without any of these dates is present at all times. When evidencedFrom falls after until the start is
// left open. The exact dates are also kept as the since, until and evidencedFrom attributes.
//
// # CSV
//
// The CSV format is two tables, nodes.csv (one row per stakeholder) and ties.csv (one row per tie),
// each with a header row; the single-stream form is a zip archive holding both. Sources sit in parallel
// columns (source_keys, source_titles, source_publishers, source_dates, source_urls, source_quotes) so
// that one row stays one fact, which spreadsheets sort and filter well. See ReadCSV for the import rules.
package exchange

import (
	"io"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Format is a file format a network can be written in or data read from.
type Format string

// The formats.
const (
	// FormatGraphML is GraphML, for NetworkX, igraph, yEd and Gephi.
	FormatGraphML Format = "graphml"
	// FormatGEXF is GEXF 1.2 with time spans, for Gephi and NetworkX.
	FormatGEXF Format = "gexf"
	// FormatCSV is a zip archive of nodes.csv and ties.csv, for spreadsheets and re-import.
	FormatCSV Format = "csv"
	// FormatCytoscape is Cytoscape.js elements JSON, for Cytoscape and Cytoscape.js.
	FormatCytoscape Format = "cytoscape"
	// FormatKumu is a Kumu blueprint (JSON), for kumu.io.
	FormatKumu Format = "kumu"
	// FormatJSON is the dataset JSON of the seed files, for re-import.
	FormatJSON Format = "json"
)

// Formats lists every format, in the order help texts show them.
var Formats = []Format{FormatGraphML, FormatGEXF, FormatCSV, FormatCytoscape, FormatKumu, FormatJSON}

type formatInfo struct {
	extension string
	mediaType string
	readable  bool
}

var formats = map[Format]formatInfo{
	FormatGraphML:   {".graphml", "application/graphml+xml", false},
	FormatGEXF:      {".gexf", "application/gexf+xml", false},
	FormatCSV:       {".zip", "application/zip", true},
	FormatCytoscape: {".cyjs", "application/json", false},
	FormatKumu:      {".kumu.json", "application/json", false},
	FormatJSON:      {".json", "application/json", true},
}

// ParseFormat returns the format named s (case and surrounding spaces do not matter).
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := formats[f]; !ok {
		return "", domain.Errorf(domain.CodeInvalid, "unknown format %q: use one of %s", s, formatList(Formats))
	}
	return f, nil
}

// Extension returns the file name extension for the format, with its dot (".graphml").
func (f Format) Extension() string { return formats[f].extension }

// MediaType returns the MIME type to serve the format with, for Content-Type headers.
func (f Format) MediaType() string { return formats[f].mediaType }

// Readable reports whether Read accepts the format (csv and json).
func (f Format) Readable() bool { return formats[f].readable }

// errAffiliationJSON refuses an affiliation view in the json format.
var errAffiliationJSON = domain.Errorf(domain.CodeInvalid, "the json format holds stored facts, and an affiliation view's ties are derived from shared events: export it as graphml, gexf, csv, cytoscape or kumu")

// CanWrite reports whether f can hold the view nf selects: the json format holds stored facts only, so
// not an affiliation view, whose ties are derived from shared events.
func (f Format) CanWrite(nf domain.NetworkFilter) error {
	if f == FormatJSON && nf.Affiliation != nil {
		return errAffiliationJSON
	}
	return nil
}

// Write writes n to w in format f. The output is sorted by slug and tie key; n is not changed.
func Write(w io.Writer, f Format, n *domain.Network) error {
	if n == nil {
		n = &domain.Network{}
	}
	n = sorted(n)
	switch f {
	case FormatGraphML:
		return writeGraphML(w, n)
	case FormatGEXF:
		return writeGEXF(w, n)
	case FormatCSV:
		return writeCSVZip(w, n)
	case FormatCytoscape:
		return writeCytoscape(w, n)
	case FormatKumu:
		return writeKumu(w, n)
	case FormatJSON:
		if isAffiliation(n) {
			return errAffiliationJSON
		}
		return writeDatasetJSON(w, n)
	}
	return domain.Errorf(domain.CodeInvalid, "unknown format %q: use one of %s", f, formatList(Formats))
}

// Read reads a dataset from r in format f (csv: a zip archive holding nodes.csv and ties.csv; json: the
// dataset JSON of the seed files) and validates it. It returns either the whole dataset or an Error with
// CodeInvalid listing every problem found, never part of the data.
func Read(r io.Reader, f Format) (*dataset.Dataset, error) {
	switch f {
	case FormatCSV:
		return readCSVZip(r)
	case FormatJSON:
		return readDatasetJSON(r)
	}
	var readable []Format
	for _, x := range Formats {
		if x.Readable() {
			readable = append(readable, x)
		}
	}
	return nil, domain.Errorf(domain.CodeInvalid, "cannot import format %q: use one of %s", f, formatList(readable))
}

func formatList(fs []Format) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}
