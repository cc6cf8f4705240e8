package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// DatasetFile is one dataset JSON file given to CheckFiles.
type DatasetFile struct {
	Name string
	Data []byte
}

// Finding is one problem CheckFiles found, at the file and line of the record it is about.
type Finding struct {
	File string
	Line int // 0 when the problem is about the data set as a whole
	// Where names the record, such as `stakeholders[3] (ijm-malaysia)`, counted across the files.
	Where  string
	Reason string
}

func (f Finding) String() string {
	at := f.File
	if f.Line > 0 {
		at = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if f.Where == "" {
		return at + ": " + f.Reason
	}
	return at + ": " + f.Where + ": " + f.Reason
}

// CheckReport is what CheckFiles found.
type CheckReport struct {
	// Dataset is the files read as one data set; nil when a file could not be decoded.
	Dataset  *dataset.Dataset
	Findings []Finding
	// Unlisted counts the problems past dataset.MaxProblems of each kind, found but not listed.
	Unlisted int
}

// CheckFiles reads dataset JSON files as one data set (a file may cite the sources and tie the
// stakeholders of another), and finds everything wrong with it: what Validate refuses and
// what Review flags. Each finding names the file and line where its record starts. A file that does
// not decode is reported at the line of the fault, and the others are not checked further.
func CheckFiles(files []DatasetFile) (*CheckReport, error) {
	var all dataset.Dataset
	places := map[string][]Finding{} // list -> the file and line of each record, in merged order
	rep := &CheckReport{}
	for _, f := range files {
		if len(f.Data) > maxImportSize {
			return nil, domain.Errorf(domain.CodeInvalid, "%s is larger than %d MiB", f.Name, maxImportSize>>20)
		}
		d, faults := decodeDataset(f, places, nil, &rep.Unlisted)
		if d == nil {
			rep.Findings = append(rep.Findings, faults...)
			continue
		}
		all.Append(d)
	}
	if len(rep.Findings) > 0 || rep.Unlisted > 0 {
		return rep, nil
	}
	rep.Dataset = &all
	add := func(ps *dataset.Problems) {
		for _, p := range ps.List {
			f := Finding{Where: p.Where, Reason: p.Reason}
			if at := places[p.Records]; p.Index < len(at) {
				f.File, f.Line = at[p.Index].File, at[p.Index].Line
			}
			rep.Findings = append(rep.Findings, f)
		}
		rep.Unlisted += ps.Unlisted
	}
	if err := all.Validate(); err != nil {
		var ps *dataset.Problems
		if !errors.As(err, &ps) {
			return nil, err
		}
		add(ps)
	}
	if ps := all.Review(); ps != nil {
		add(ps)
	}
	return rep, nil
}

// decodeDataset decodes one file record by record, refusing unknown fields as an import does, and notes
// the line each record starts on (appended to places, by list). A record that does not decode is a
// finding at its own line, and the rest of the file is still read, so one run lists every such record.
// With given, it also notes the fields each record gives (by list, lower-cased, as encoding/json matches
// them regardless of case).
func decodeDataset(f DatasetFile, places map[string][]Finding, given map[string][]map[string]bool, unlisted *int) (*dataset.Dataset, []Finding) {
	var d dataset.Dataset
	lists := map[string]func(*json.Decoder) error{
		"sources":        decodeInto(&d.Sources),
		"stakeholders":   decodeInto(&d.Stakeholders),
		"people":         decodeInto(&d.People),
		"events":         decodeInto(&d.Events),
		"ties":           decodeInto(&d.Ties),
		"positions":      decodeInto(&d.Positions),
		"participations": decodeInto(&d.Participations),
	}
	var faults []Finding
	refused := 0 // records and fields that did not decode, listed or not
	lines := lineCounter{data: f.Data, line: 1}
	fault := func(offset int64, err error) []Finding {
		if errors.Is(err, io.EOF) { // the file ends inside the dataset
			err = io.ErrUnexpectedEOF
			offset = int64(len(f.Data))
		}
		line, reason := jsonFault(f.Data, offset, err)
		*unlisted += refused - len(faults)
		return append(faults, Finding{File: f.Name, Line: line, Reason: reason})
	}
	seen := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	if open, err := dec.Token(); err != nil {
		return nil, fault(dec.InputOffset(), err)
	} else if open != json.Delim('{') {
		return nil, append(faults, Finding{File: f.Name, Line: 1, Reason: "a dataset is a JSON object"})
	}
	for dec.More() {
		keyAt := skipSeparators(f.Data, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, fault(dec.InputOffset(), err)
		}
		key, _ := tok.(string)
		// Matched as encoding/json matches fields, regardless of case, so check reads what import reads.
		list := ""
		for name := range lists {
			if strings.EqualFold(name, key) {
				list = name
			}
		}
		decode, known := lists[list]
		problem := fmt.Sprintf("unknown field %q", key)
		if known && seen[list] {
			known, problem = false, fmt.Sprintf("%s is given twice: give each list once", key)
		}
		seen[list] = true
		if !known {
			refused++
			if len(faults) < dataset.MaxProblems {
				faults = append(faults, Finding{File: f.Name, Line: lines.at(keyAt), Reason: problem})
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fault(dec.InputOffset(), err)
			}
			continue
		}
		open, err := dec.Token()
		if err != nil {
			return nil, fault(dec.InputOffset(), err)
		}
		if open == nil {
			continue
		}
		if open != json.Delim('[') {
			*unlisted += refused - len(faults)
			return nil, append(faults, Finding{File: f.Name, Line: lineAt(f.Data, dec.InputOffset()),
				Reason: fmt.Sprintf("%s must be a list", key)})
		}
		for i := 0; dec.More(); i++ {
			start := skipSeparators(f.Data, dec.InputOffset())
			line := lines.at(start)
			places[list] = append(places[list], Finding{File: f.Name, Line: line})
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, fault(dec.InputOffset(), err)
			}
			if given != nil {
				var fields map[string]json.RawMessage
				_ = json.Unmarshal(raw, &fields)
				names := make(map[string]bool, len(fields))
				for k := range fields {
					names[strings.ToLower(k)] = true
				}
				given[list] = append(given[list], names)
			}
			rec := json.NewDecoder(bytes.NewReader(raw))
			rec.DisallowUnknownFields()
			if err := decode(rec); err != nil {
				refused++
				if len(faults) >= dataset.MaxProblems {
					continue
				}
				_, reason := jsonFault(raw, rec.InputOffset(), err)
				faults = append(faults, Finding{File: f.Name, Line: line, Where: fmt.Sprintf("%s[%d] of this file", list, i), Reason: reason})
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return nil, fault(dec.InputOffset(), err)
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, fault(dec.InputOffset(), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		*unlisted += refused - len(faults)
		return nil, append(faults, Finding{File: f.Name, Line: lineAt(f.Data, dec.InputOffset()), Reason: "unexpected data after the dataset"})
	}
	if refused > 0 {
		*unlisted += refused - len(faults)
		return nil, faults
	}
	return &d, nil
}

// lineCounter finds the lines of offsets that only grow, counting each newline once, so locating every
// record of a large file costs one pass over it.
type lineCounter struct {
	data   []byte
	offset int64
	line   int
}

func (c *lineCounter) at(offset int64) int {
	offset = min(max(offset, c.offset), int64(len(c.data)))
	c.line += bytes.Count(c.data[c.offset:offset], []byte("\n"))
	c.offset = offset
	return c.line
}

// decodeInto returns a function that decodes one record and appends it to list.
func decodeInto[T any](list *[]T) func(*json.Decoder) error {
	return func(dec *json.Decoder) error {
		var v T
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*list = append(*list, v)
		return nil
	}
}

// skipSeparators moves offset past the white space and comma before the next value.
func skipSeparators(data []byte, offset int64) int64 {
	for offset < int64(len(data)) {
		switch data[offset] {
		case ' ', '\t', '\r', '\n', ',':
			offset++
		default:
			return offset
		}
	}
	return offset
}

// MaxImportSize is the largest dataset file import and check read.
const MaxImportSize = maxImportSize
