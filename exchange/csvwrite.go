package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The CSV file names, inside the zip archive and in import problems.
const (
	nodesFile = "nodes.csv"
	tiesFile  = "ties.csv"
)

var sourceHeader = []string{"source_keys", "source_titles", "source_publishers", "source_dates", "source_urls",
	"source_kinds", "source_stories", "source_quotes"}

// nodeHeader and tieHeader are the CSV columns, in the order WriteCSV writes them.
var (
	nodeHeader = append([]string{"slug", "name", "acronym", "aliases", "kind", "sector", "country", "focus_areas",
		"mandates", "description", "collective"}, sourceHeader...)
	tieHeader = append([]string{"key", "type", "from", "to", "directed", "role", "focus_areas", "description",
		"since", "until", "evidenced_from"}, sourceHeader...)
)

// WriteCSV writes n's stakeholders to nodes and its ties to ties as CSV (RFC 4180, UTF-8 without a byte
// order mark, a header row, one row per stakeholder or tie, sorted by slug and tie key). List columns are
// joined with ";" and source columns with " | " (see the package comment); key, directed and
// evidenced_from are derived and only written for reference.
func WriteCSV(nodes, ties io.Writer, n *domain.Network) error {
	if n == nil {
		n = &domain.Network{}
	}
	n = sorted(n)
	var rows [][]string
	for _, s := range n.Stakeholders {
		c := sourceColumnsOf(s.Sources)
		rows = append(rows, append([]string{s.Slug, s.Name, deref(s.Acronym), joinItems(s.Aliases), string(s.Kind),
			string(s.Sector), deref(s.Country), joinItems(strs(s.FocusAreas)), joinItems(s.Mandates),
			deref(s.Description), strconv.FormatBool(s.Collective)}, c.csv()...))
	}
	if err := writeTable(nodes, nodeHeader, rows); err != nil {
		return err
	}
	rows = nil
	header := tieHeader
	if isAffiliation(n) {
		header = append(slices.Clone(tieHeader), "weight", "events") // derived ties: for reading, not re-import
	}
	for _, t := range n.Ties {
		c := sourceColumnsOf(t.Sources)
		row := append([]string{keyOf(t), string(t.Type), t.From, t.To,
			strconv.FormatBool(t.Type.Directed()), deref(t.Role), joinItems(strs(t.FocusAreas)),
			deref(t.Description), derefDate(t.Since), derefDate(t.Until), derefDate(t.EvidencedFrom)}, c.csv()...)
		if len(header) > len(tieHeader) {
			row = append(row, strconv.Itoa(t.Weight()), joinItems(t.EventSlugs))
		}
		rows = append(rows, row)
	}
	return writeTable(ties, header, rows)
}

func (c sourceColumns) csv() []string {
	return []string{joinSources(c.Keys), joinSources(c.Titles), joinSources(c.Publishers), joinSources(c.Dates),
		joinSources(c.URLs), joinSources(c.Kinds), joinSources(c.Stories), joinSources(c.Quotes)}
}

func writeTable(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// zipTime is the modification time of the archive's files, fixed so the same network gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// writeCSVZip writes a zip archive holding nodes.csv and ties.csv.
func writeCSVZip(w io.Writer, n *domain.Network) error {
	zw := zip.NewWriter(w)
	nodes, err := zw.CreateHeader(&zip.FileHeader{Name: nodesFile, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	// A zip entry must be complete before the next begins, so ties.csv waits in a buffer.
	var tiesBuf bytes.Buffer
	if err := WriteCSV(nodes, &tiesBuf, n); err != nil {
		return err
	}
	ties, err := zw.CreateHeader(&zip.FileHeader{Name: tiesFile, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	if _, err := tiesBuf.WriteTo(ties); err != nil {
		return err
	}
	return zw.Close()
}
