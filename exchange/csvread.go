package exchange

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The columns an import cannot do without; the others WriteCSV writes are optional.
var (
	nodeRequired = []string{"slug", "name", "kind", "sector", "source_titles", "source_quotes"}
	tieRequired  = []string{"type", "from", "to", "source_titles", "source_quotes"}
)

// ReadCSV reads stakeholders from nodes and ties from ties, in the columns WriteCSV writes, and returns
// them as a dataset that has passed dataset.Validate, with the sources the rows cite. The rules:
//
//   - The first row names the columns, in any order. nodes.csv needs slug, name, kind, sector,
//     source_titles and source_quotes; ties.csv needs type, from, to, source_titles and source_quotes.
//     The other columns WriteCSV writes are optional; any other column is a problem. key, directed and
//     evidenced_from are derived from the rest and ignored.
//   - Cells are trimmed, a line break inside a cell is read as "\n" however it was written ("\r\n",
//     "\r\r\n"), rows whose cells are all empty are skipped and a UTF-8 byte order mark (as
//     spreadsheets save) is ignored. kind, sector, focus_areas and type are read regardless of case,
//     with spaces or hyphens for underscores ("civil society"); country regardless of case.
//   - The files are UTF-8 text; a row with other bytes is a problem.
//   - collective is true or false (or TRUE, 1, 0); empty means false.
//   - A row's sources are the entries of source_titles. Every other source column has as many entries,
//     or is empty. Every source needs a title and a quote: a row without a source is rejected.
//   - A source is the document its source_keys entry names, or, when that entry is empty, the document
//     with that title, publisher, date and URL, under a key derived from them; so the same document cited
//     by many rows is one source. One key given to two different documents is a problem.
//   - A tie given twice (a partnership in either order) is a problem.
//
// Every problem is reported with its file and line, all at once, in an Error with CodeInvalid:
// `ties.csv line 7: from "x" names no stakeholder in the data`. Nothing is returned unless every row is
// good. A row with the wrong number of cells, or source columns that do not line up, is reported for
// that alone, since its other cells cannot be trusted; ties may still name its slug. Broken quoting
// stops the reading of its file, and then only the problems found so far are reported; so does finding
// dataset.MaxProblems problems.
func ReadCSV(nodes, ties io.Reader) (*dataset.Dataset, error) {
	return readCSV(nodes, ties, true).result()
}

// ReadCSVItems reads the two files for an import that checks each record on its own
// (curation.Service.Import): every record, with the file and line it comes from (a source's is the
// first row that cites it). What keeps the files from being read as records (their headers, broken
// quoting, a row whose cells do not match the header or whose source columns do not line up, a value
// that is not UTF-8, true or false, a citation without a quote, a repeated row, a key naming two
// documents) is reported as ReadCSV reports it, and then nothing is returned. What the records say (an
// unknown kind, a tie to a stakeholder in neither the files nor the graph) is left to the import.
func ReadCSVItems(nodes, ties io.Reader) ([]dataset.Item, error) {
	im := readCSV(nodes, ties, false)
	d, err := im.result()
	if err != nil {
		return nil, err
	}
	items := make([]dataset.Item, 0, len(d.Sources)+len(d.Stakeholders)+len(d.Ties))
	add := func(r dataset.Record, at origin) {
		items = append(items, dataset.Item{Record: r, File: at.file, Line: at.line})
	}
	for i, r := range d.Sources {
		add(r, im.sourceAt[i].at)
	}
	for i, r := range d.Stakeholders {
		add(r, im.stakeholderAt[i])
	}
	for i, r := range d.Ties {
		add(r, im.tieAt[i])
	}
	return items, nil
}

// readCSV reads the rows of both files, and checks the data set they make when validate is set.
func readCSV(nodes, ties io.Reader, validate bool) *csvImport {
	im := &csvImport{sourceIndex: map[string]int{}, unreadable: map[origin]bool{}, slugs: map[string]bool{},
		tieLine: map[[3]string]int{}}
	nodeTable := im.open(nodesFile, nodes, nodeHeader, nodeRequired)
	tieTable := im.open(tiesFile, ties, tieHeader, tieRequired)
	if nodeTable != nil && tieTable != nil {
		complete := im.rows(nodeTable, im.stakeholder)
		complete = im.rows(tieTable, im.tie) && complete
		if complete && validate {
			im.validate()
		}
	}
	return im
}

// origin is where a record came from. Line is the line its row starts on; 0 means the whole file.
type origin struct {
	file string
	line int
}

type csvProblem struct {
	at     origin
	reason string
}

// csvImport gathers the records and problems of one import. The *At slices run parallel to the dataset's
// records, so a problem dataset.Validate finds in `ties[4]` can be reported at the row it came from.
type csvImport struct {
	d             dataset.Dataset
	problems      []csvProblem
	unlisted      int               // problems found beyond those kept
	stopped       bool              // whether reading stopped at dataset.MaxProblems problems
	slugs         map[string]bool   // the slugs of the readable rows so far
	tieLine       map[[3]string]int // from, type and to (a partnership either way round) -> line
	err           error             // a failure to read, not a problem with the data
	stakeholderAt []origin
	tieAt         []origin
	sourceAt      []sourceOrigin
	sourceIndex   map[string]int // source key -> index in d.Sources
	unreadable    map[origin]bool
}

// sourceOrigin is the first row that cited a source, and how to name the source there.
type sourceOrigin struct {
	at    origin
	label string // `source "Annual report"`, or `source 2` when it has no title
}

// fail records a problem. Past dataset.MaxProblems it only counts them, for the reason Validate does: a
// file of a million bad one-byte rows would otherwise give a message seventy times its size. rows stops
// reading then.
func (im *csvImport) fail(at origin, format string, args ...any) {
	if len(im.problems) == dataset.MaxProblems {
		im.unlisted++
		return
	}
	im.problems = append(im.problems, csvProblem{at: at, reason: fmt.Sprintf(format, args...)})
}

// csvTable is a CSV file whose header has been read.
type csvTable struct {
	file  string
	r     *csv.Reader
	index map[string]int // column name -> position
	width int
}

// open reads the header row. It returns nil, having reported why, when the rows cannot be read by it.
func (im *csvImport) open(file string, r io.Reader, columns, required []string) *csvTable {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		_, _ = br.Discard(3) // the byte order mark spreadsheets put before UTF-8 CSV
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		im.fail(origin{file, 1}, "the file is empty: its first row must name the columns (%s)", strings.Join(columns, ","))
		return nil
	}
	if err != nil {
		im.readFailed(file, err)
		return nil
	}
	line, _ := cr.FieldPos(0)
	at := origin{file, line}
	t := &csvTable{file: file, r: cr, index: map[string]int{}, width: len(header)}
	ok := true
	for i, name := range header {
		name = strings.TrimSpace(name)
		_, dup := t.index[name]
		switch {
		case name == "":
			im.fail(at, "column %d has no name: name it or remove it", i+1)
		case !slices.Contains(columns, name):
			im.fail(at, "unknown column %q: the columns are %s", name, strings.Join(columns, ", "))
		case dup:
			im.fail(at, "column %q appears twice", name)
		default:
			t.index[name] = i
			continue
		}
		ok = false
	}
	for _, name := range required {
		if _, found := t.index[name]; !found {
			im.fail(at, "column %q is missing", name)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return t
}

// cells are one row's values by column name; a column the file lacks reads as "".
type cells map[string]string

// rows passes every non-blank row to add, with readable false when its cells do not match the header.
// It reports whether the whole file was read: not when its quoting is broken, nor once there are
// dataset.MaxProblems problems.
func (im *csvImport) rows(t *csvTable, add func(at origin, c cells, readable bool)) bool {
	for {
		if len(im.problems) == dataset.MaxProblems {
			// Nothing will be imported, and what the rest holds could not be listed. Reading on would
			// keep a record of every row: a 2.4 KB zip of a million bad rows held 720 MB and allocated 2 GB.
			im.stopped = true
			return false
		}
		record, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			im.readFailed(t.file, err)
			return false
		}
		line, _ := t.r.FieldPos(0)
		at := origin{t.file, line}
		if !slices.ContainsFunc(record, func(s string) bool { return strings.TrimSpace(s) != "" }) {
			continue
		}
		readable := len(record) == t.width
		if !readable {
			im.fail(at, "has %d cells where the header has %d: a value holding a comma, quote or line break must be in double quotes",
				len(record), t.width)
		} else if i := slices.IndexFunc(record, func(s string) bool { return !utf8.ValidString(s) }); i >= 0 {
			// Neo4j holds text as UTF-8, so other bytes would not be stored as read. The likely cause is a
			// spreadsheet saving in its local code page, which garbles every accented letter.
			im.fail(at, "column %d is not UTF-8 text: save the file as UTF-8 (in Excel: CSV UTF-8)", i+1)
			readable = false
		}
		if !readable {
			im.unreadable[at] = true
		}
		c := cells{}
		for name, i := range t.index {
			if i < len(record) {
				c[name] = strings.TrimSpace(lineBreaks(record[i]))
			}
		}
		add(at, c, readable)
	}
}

// crlf is a line break with any carriage returns before it.
var crlf = regexp.MustCompile(`\r+\n`)

// lineBreaks writes every line break in a cell as "\n". encoding/csv drops one carriage return before a
// line feed in a quoted cell but keeps the others, and its writer cannot write "\r\n" in a way its reader
// gives back, so a cell read as "a\r\nb" (from "a\r\r\nb") would come back from an export as "a\nb":
// the same data would not import the same twice.
func lineBreaks(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return crlf.ReplaceAllString(s, "\n")
}

func (im *csvImport) readFailed(file string, err error) {
	var parse *csv.ParseError
	if !errors.As(err, &parse) {
		im.err = err
		return
	}
	im.fail(origin{file, parse.Line}, "%v (column %d); the rest of %s was not read", parse.Err, parse.Column, file)
}

// stakeholder adds one nodes.csv row. An unreadable row still adds its slug, so ties naming it are not
// reported as dangling as well.
func (im *csvImport) stakeholder(at origin, c cells, readable bool) {
	r := dataset.StakeholderRecord{Slug: c["slug"]}
	if readable {
		// A repeat is reported here and left out, rather than found by dataset.Validate after the whole
		// file is kept: repeated rows are what a small zip archive can unpack into by the million.
		if im.slugs[r.Slug] {
			im.fail(at, "slug %q is used twice", r.Slug) // as dataset.Validate would say
			return
		}
		im.slugs[r.Slug] = true
		r.Name = c["name"]
		r.Acronym = c["acronym"]
		r.Aliases = splitItems(c["aliases"])
		r.Kind = enumCell(c["kind"])
		r.Sector = enumCell(c["sector"])
		r.Country = strings.ToUpper(c["country"])
		r.FocusAreas = enumCells(splitItems(c["focus_areas"]))
		r.Mandates = splitItems(c["mandates"])
		r.Description = c["description"]
		r.Collective = im.boolean(at, "collective", c["collective"])
		r.Citations = im.citations(at, c)
	}
	im.d.Stakeholders = append(im.d.Stakeholders, r)
	im.stakeholderAt = append(im.stakeholderAt, at)
}

// tie adds one ties.csv row.
func (im *csvImport) tie(at origin, c cells, readable bool) {
	if !readable {
		return
	}
	r := dataset.TieRecord{Type: enumCell(c["type"]), From: c["from"], To: c["to"]}
	// A repeat is reported here and left out, as in stakeholder.
	from, to := orient(domain.TieType(r.Type), r.From, r.To)
	key := [3]string{from, r.Type, to}
	if line, dup := im.tieLine[key]; dup {
		im.fail(at, "the tie %s %s %s is already given on line %d", r.From, r.Type, r.To, line)
		return
	}
	im.tieLine[key] = at.line
	r.Role, r.FocusAreas, r.Description = c["role"], enumCells(splitItems(c["focus_areas"])), c["description"]
	r.Since, r.Until, r.Citations = c["since"], c["until"], im.citations(at, c)
	im.d.Ties = append(im.d.Ties, r)
	im.tieAt = append(im.tieAt, at)
}

// citations turns a row's source columns into citations, adding the documents they name.
func (im *csvImport) citations(at origin, c cells) []domain.Citation {
	titles := splitSources(c["source_titles"])
	columns := map[string][]string{}
	for _, name := range sourceHeader {
		entries := splitSources(c[name])
		switch {
		case len(entries) == 0:
			entries = make([]string, len(titles))
		case len(entries) != len(titles):
			im.fail(at, `%s has %d entries where source_titles has %d: give one entry per source, separated by " | ", leaving an entry empty rather than out`,
				name, len(entries), len(titles))
			im.unreadable[at] = true
		}
		columns[name] = entries
	}
	if im.unreadable[at] {
		return nil
	}
	var out []domain.Citation
	for i, title := range titles {
		label := fmt.Sprintf("source %d", i+1)
		if title != "" {
			label = fmt.Sprintf("source %q", title)
		}
		doc := dataset.SourceRecord{Key: columns["source_keys"][i], Title: title,
			Publisher: columns["source_publishers"][i], Date: columns["source_dates"][i], URL: columns["source_urls"][i],
			Kind: enumCell(columns["source_kinds"][i]), Story: columns["source_stories"][i]}
		if doc.Key == "" {
			doc.Key = sourceKey(doc)
		}
		im.addSource(at, label, doc)
		quote := columns["source_quotes"][i]
		if quote == "" {
			im.fail(at, "%s has no quote: give the passage that supports this row in source_quotes", label)
			quote = "(missing)" // reported just above; this keeps dataset.Validate from reporting it again
		}
		out = append(out, domain.Citation{Source: doc.Key, Quote: quote})
	}
	return out
}

func (im *csvImport) addSource(at origin, label string, doc dataset.SourceRecord) {
	if i, seen := im.sourceIndex[doc.Key]; seen {
		if im.d.Sources[i] != doc {
			first := im.sourceAt[i].at
			im.fail(at, "%s: key %q already names a different document on %s line %d", label, doc.Key, first.file, first.line)
		}
		return
	}
	im.sourceIndex[doc.Key] = len(im.d.Sources)
	im.d.Sources = append(im.d.Sources, doc)
	im.sourceAt = append(im.sourceAt, sourceOrigin{at: at, label: label})
}

// sourceKey derives a stable key for a document from what identifies it: a slug of its title and a hash
// of its title, publisher, date and URL.
func sourceKey(s dataset.SourceRecord) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{s.Title, s.Publisher, s.Date, s.URL}, "\x00")))
	var words []string
	length := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s.Title), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}) {
		if length += len(w) + 1; length > 40 {
			break
		}
		words = append(words, w)
	}
	return strings.Join(append(words, hex.EncodeToString(sum[:4])), "-")
}

func (im *csvImport) boolean(at origin, column, s string) bool {
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		im.fail(at, "%s %q must be true or false", column, s)
	}
	return b
}

// enumCell reads an enum value regardless of case, with spaces or hyphens for underscores.
func enumCell(s string) string {
	return strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '_'
	}), "_"))
}

func enumCells(list []string) []string {
	for i, s := range list {
		list[i] = enumCell(s)
	}
	return list
}
