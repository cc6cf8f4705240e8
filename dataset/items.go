package dataset

// Item is one record read from a file for import: where it came from, and which of its fields the file
// gave, so that a field the file leaves out keeps its stored value.
type Item struct {
	Record Record
	// File and Line say where the record starts; Line is 0 when unknown.
	File string
	Line int
	// Given holds the JSON names of the fields the file gave; nil means every field.
	Given map[string]bool
}

// Items lists d's records in the order they load (sources, stakeholders, people, events, ties, positions,
// participations), each with every field given and no place.
func (d *Dataset) Items() []Item {
	var out []Item
	add := func(r Record) { out = append(out, Item{Record: r}) }
	for _, r := range d.Sources {
		add(r)
	}
	for _, r := range d.Stakeholders {
		add(r)
	}
	for _, r := range d.People {
		add(r)
	}
	for _, r := range d.Events {
		add(r)
	}
	for _, r := range d.Ties {
		add(r)
	}
	for _, r := range d.Positions {
		add(r)
	}
	for _, r := range d.Participations {
		add(r)
	}
	return out
}
