package exchange

import (
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// ReadItems reads a dataset JSON file for import, record by record: each with the file and line it starts
// on and the fields it gives, in load order (sources first, participations last). Records are not
// validated here; the import checks each against the graph and rejects it alone. A file that does not
// decode answers its findings instead.
func ReadItems(f DatasetFile) ([]dataset.Item, []Finding, error) {
	if len(f.Data) > maxImportSize {
		return nil, nil, domain.Errorf(domain.CodeInvalid, "%s is larger than %d MiB", f.Name, maxImportSize>>20)
	}
	places := map[string][]Finding{}
	given := map[string][]map[string]bool{}
	unlisted := 0
	d, faults := decodeDataset(f, places, given, &unlisted)
	if d == nil {
		return nil, faults, nil
	}
	var items []dataset.Item
	add := func(list string, i int, r dataset.Record) {
		it := dataset.Item{Record: r, File: f.Name}
		if at := places[list]; i < len(at) {
			it.Line = at[i].Line
		}
		if g := given[list]; i < len(g) {
			it.Given = canonical(r, g[i])
		}
		items = append(items, it)
	}
	for i, r := range d.Sources {
		add("sources", i, r)
	}
	for i, r := range d.Stakeholders {
		add("stakeholders", i, r)
	}
	for i, r := range d.People {
		add("people", i, r)
	}
	for i, r := range d.Events {
		add("events", i, r)
	}
	for i, r := range d.Ties {
		add("ties", i, r)
	}
	for i, r := range d.Positions {
		add("positions", i, r)
	}
	for i, r := range d.Participations {
		add("participations", i, r)
	}
	return items, nil, nil
}

// canonical maps the lower-cased names a record gave to the record's own field names.
func canonical(r dataset.Record, lower map[string]bool) map[string]bool {
	out := make(map[string]bool, len(lower))
	for _, name := range dataset.FieldNames(r) {
		if lower[strings.ToLower(name)] {
			out[name] = true
		}
	}
	return out
}
