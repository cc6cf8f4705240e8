package domain

// Event is a gathering or activity that brings stakeholders together.
type Event struct {
	Slug        string
	Name        string
	Kind        EventKind
	Date        *Date
	Location    *string
	Country     *string
	Description *string
	Sources     []Source
	// Planned holds the lists read together with it by the read planner, by list key.
	Planned Planned
}

// ID returns the event's global ID.
func (e *Event) ID() string { return GlobalID(NodeEvent, e.Slug) }

// Participant is what can take part in an event: a *Stakeholder or a *Person.
type Participant interface {
	IsParticipant()
}

// IsParticipant marks a stakeholder as something that can take part in an event.
func (*Stakeholder) IsParticipant() {}

// IsParticipant marks a person as something that can take part in an event.
func (*Person) IsParticipant() {}

// Participation is one stakeholder's or person's part in one event.
type Participation struct {
	Event       *Event
	Participant Participant
	Role        ParticipationRole
	Description *string
	Sources     []Source
}

// EventFilter narrows a list of events.
type EventFilter struct {
	Kinds   []EventKind
	From    *Date
	To      *Date
	Country *string
}

// SearchResult is what full-text search finds: a *Stakeholder, *Person or *Event.
type SearchResult interface {
	IsSearchResult()
}

// IsSearchResult marks a stakeholder as findable.
func (*Stakeholder) IsSearchResult() {}

// IsSearchResult marks a person as findable.
func (*Person) IsSearchResult() {}

// IsSearchResult marks an event as findable.
func (*Event) IsSearchResult() {}

// SearchHit is one search result with its relevance score.
type SearchHit struct {
	Score float64
	Node  SearchResult
}
