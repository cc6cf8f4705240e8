package domain

// Person is someone a source names as working in the network.
type Person struct {
	Slug      string
	Name      string
	Honorific *string
	Sources   []Source
	// Planned holds the lists read together with it by the read planner, by list key.
	Planned Planned
}

// ID returns the person's global ID.
func (p *Person) ID() string { return GlobalID(NodePerson, p.Slug) }

// Position is a position a person holds, or held, at a stakeholder.
type Position struct {
	Person      *Person
	Stakeholder *Stakeholder
	Title       string
	Span
	Sources []Source
}

// PersonFilter narrows a list of people.
type PersonFilter struct {
	NameContains    *string
	StakeholderSlug *string
}
