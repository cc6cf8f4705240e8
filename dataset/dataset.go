// Package dataset is the shape in which stakeholder-graph data arrives from outside (the seed network and
// imports): plain records that cite their sources by key, and the validation every record passes before
// anything is written.
package dataset

import "github.com/stakeholder-graph/stakeholder-graph/domain"

// Dataset is a set of records to load together. Records refer to each other by slug and to documents by key.
type Dataset struct {
	Sources        []SourceRecord        `json:"sources"`
	Stakeholders   []StakeholderRecord   `json:"stakeholders"`
	People         []PersonRecord        `json:"people"`
	Events         []EventRecord         `json:"events"`
	Ties           []TieRecord           `json:"ties"`
	Positions      []PositionRecord      `json:"positions"`
	Participations []ParticipationRecord `json:"participations"`
}

// SourceRecord is a document facts are drawn from.
type SourceRecord struct {
	Key       string `json:"key"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
	// Kind is what the document is (domain.SourceKind), empty when not classified.
	Kind string `json:"kind,omitempty"`
	// Story is shared by the records of documents that carry the same story, which count once as
	// evidence; empty when the document is its own story.
	Story string `json:"story,omitempty"`
}

// StakeholderRecord is one stakeholder.
type StakeholderRecord struct {
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Acronym     string            `json:"acronym,omitempty"`
	Aliases     []string          `json:"aliases,omitempty"`
	Kind        string            `json:"kind"`
	Sector      string            `json:"sector"`
	Country     string            `json:"country,omitempty"`
	FocusAreas  []string          `json:"focusAreas,omitempty"`
	Mandates    []string          `json:"mandates,omitempty"`
	Description string            `json:"description,omitempty"`
	Collective  bool              `json:"collective,omitempty"`
	Citations   []domain.Citation `json:"citations"`
}

// PersonRecord is one person.
type PersonRecord struct {
	Slug      string            `json:"slug"`
	Name      string            `json:"name"`
	Honorific string            `json:"honorific,omitempty"`
	Citations []domain.Citation `json:"citations"`
}

// EventRecord is one event.
type EventRecord struct {
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Kind        string            `json:"kind"`
	Date        string            `json:"date,omitempty"`
	Location    string            `json:"location,omitempty"`
	Country     string            `json:"country,omitempty"`
	Description string            `json:"description,omitempty"`
	Citations   []domain.Citation `json:"citations"`
}

// TieRecord is a tie from one stakeholder to another. For PARTNERS_WITH the order does not matter.
type TieRecord struct {
	Type        string            `json:"type"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	Role        string            `json:"role,omitempty"`
	FocusAreas  []string          `json:"focusAreas,omitempty"`
	Description string            `json:"description,omitempty"`
	Since       string            `json:"since,omitempty"`
	Until       string            `json:"until,omitempty"`
	Citations   []domain.Citation `json:"citations"`
}

// PositionRecord is a position a person holds at a stakeholder.
type PositionRecord struct {
	Person      string            `json:"person"`
	Stakeholder string            `json:"stakeholder"`
	Title       string            `json:"title"`
	Since       string            `json:"since,omitempty"`
	Until       string            `json:"until,omitempty"`
	Citations   []domain.Citation `json:"citations"`
}

// ParticipationRecord is a stakeholder's or person's part in an event. Exactly one of Stakeholder and
// Person is set.
type ParticipationRecord struct {
	Event       string            `json:"event"`
	Stakeholder string            `json:"stakeholder,omitempty"`
	Person      string            `json:"person,omitempty"`
	Role        string            `json:"role"`
	Description string            `json:"description,omitempty"`
	Citations   []domain.Citation `json:"citations"`
}

// Append adds the records of other to d, as one data set: records of one file may refer to those of
// another. Validate the result.
func (d *Dataset) Append(other *Dataset) {
	d.Sources = append(d.Sources, other.Sources...)
	d.Stakeholders = append(d.Stakeholders, other.Stakeholders...)
	d.People = append(d.People, other.People...)
	d.Events = append(d.Events, other.Events...)
	d.Ties = append(d.Ties, other.Ties...)
	d.Positions = append(d.Positions, other.Positions...)
	d.Participations = append(d.Participations, other.Participations...)
}
