package curation

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The inputs of the mutations, bound by name to the schema's input types (schema/curation.graphqls).
// In an update, a field left out keeps its value: nil for a field that cannot be cleared, an unset
// Omittable for one that can, where a set Omittable holding nil clears it.

// CitationInput cites a passage of a source.
type CitationInput struct {
	Source string
	Quote  string
}

// SourceInput is a source added along with the fact it supports.
type SourceInput struct {
	Key       string
	Title     string
	Publisher *string
	Date      *domain.Date
	URL       *string
	Kind      *domain.SourceKind
	Story     *string
}

// CreateSourceInput adds a source.
type CreateSourceInput struct {
	ClientMutationID *string
	Key              string
	Title            string
	Publisher        *string
	Date             *domain.Date
	URL              *string
	Kind             *domain.SourceKind
	Story            *string
}

// UpdateSourceInput changes a source.
type UpdateSourceInput struct {
	ClientMutationID *string
	Key              string
	Title            *string
	Publisher        graphql.Omittable[*string]
	Date             graphql.Omittable[*domain.Date]
	URL              graphql.Omittable[*string]
	Kind             graphql.Omittable[*domain.SourceKind]
	Story            graphql.Omittable[*string]
}

// DeleteSourceInput deletes a source no record cites.
type DeleteSourceInput struct {
	ClientMutationID *string
	Key              string
}

// CreateStakeholderInput adds a stakeholder.
type CreateStakeholderInput struct {
	ClientMutationID *string
	Slug             string
	Name             string
	Acronym          *string
	Aliases          []string
	Kind             domain.StakeholderKind
	Sector           domain.Sector
	Country          *string
	FocusAreas       []domain.FocusArea
	Mandates         []string
	Description      *string
	Collective       *bool
	Citations        []*CitationInput
	NewSources       []*SourceInput
	Ties             []*StakeholderTieInput
}

// StakeholderTieInput is a tie made with a new stakeholder, one of whose ends it is.
type StakeholderTieInput struct {
	Type        domain.TieType
	From        string
	To          string
	Role        *string
	FocusAreas  []domain.FocusArea
	Description *string
	Since       *domain.Date
	Until       *domain.Date
	Citations   []*CitationInput
}

// UpdateStakeholderInput changes a stakeholder.
type UpdateStakeholderInput struct {
	ClientMutationID *string
	Slug             string
	Name             *string
	Acronym          graphql.Omittable[*string]
	Aliases          []string
	Kind             *domain.StakeholderKind
	Sector           *domain.Sector
	Country          graphql.Omittable[*string]
	FocusAreas       []domain.FocusArea
	Mandates         []string
	Description      graphql.Omittable[*string]
	Collective       *bool
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// DeleteStakeholderInput deletes a stakeholder.
type DeleteStakeholderInput struct {
	ClientMutationID *string
	Slug             string
}

// MergeStakeholdersInput folds a duplicate into the stakeholder to keep.
type MergeStakeholdersInput struct {
	ClientMutationID *string
	Keep             string
	Duplicate        string
}

// CreateTieInput adds a tie.
type CreateTieInput struct {
	ClientMutationID *string
	StakeholderTieInput
	NewSources []*SourceInput
}

// UpdateTieInput changes a tie.
type UpdateTieInput struct {
	ClientMutationID *string
	Type             domain.TieType
	From             string
	To               string
	Role             graphql.Omittable[*string]
	FocusAreas       []domain.FocusArea
	Description      graphql.Omittable[*string]
	Since            graphql.Omittable[*domain.Date]
	Until            graphql.Omittable[*domain.Date]
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// EndTieInput records that a tie ended.
type EndTieInput struct {
	ClientMutationID *string
	Type             domain.TieType
	From             string
	To               string
	Until            domain.Date
	Citations        []*CitationInput
	NewSources       []*SourceInput
}

// DeleteTieInput deletes a tie.
type DeleteTieInput struct {
	ClientMutationID *string
	Type             domain.TieType
	From             string
	To               string
}

// CreatePersonInput adds a person.
type CreatePersonInput struct {
	ClientMutationID *string
	Slug             string
	Name             string
	Honorific        *string
	Citations        []*CitationInput
	NewSources       []*SourceInput
}

// UpdatePersonInput changes a person.
type UpdatePersonInput struct {
	ClientMutationID *string
	Slug             string
	Name             *string
	Honorific        graphql.Omittable[*string]
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// DeletePersonInput deletes a person.
type DeletePersonInput struct {
	ClientMutationID *string
	Slug             string
}

// CreatePositionInput records a position.
type CreatePositionInput struct {
	ClientMutationID *string
	Person           string
	Stakeholder      string
	Title            string
	Since            *domain.Date
	Until            *domain.Date
	Citations        []*CitationInput
	NewSources       []*SourceInput
}

// UpdatePositionInput changes a position.
type UpdatePositionInput struct {
	ClientMutationID *string
	Person           string
	Stakeholder      string
	Title            string
	Since            graphql.Omittable[*domain.Date]
	Until            graphql.Omittable[*domain.Date]
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// DeletePositionInput deletes a position.
type DeletePositionInput struct {
	ClientMutationID *string
	Person           string
	Stakeholder      string
	Title            string
}

// CreateEventInput adds an event.
type CreateEventInput struct {
	ClientMutationID *string
	Slug             string
	Name             string
	Kind             domain.EventKind
	Date             *domain.Date
	Location         *string
	Country          *string
	Description      *string
	Citations        []*CitationInput
	NewSources       []*SourceInput
}

// UpdateEventInput changes an event.
type UpdateEventInput struct {
	ClientMutationID *string
	Slug             string
	Name             *string
	Kind             *domain.EventKind
	Date             graphql.Omittable[*domain.Date]
	Location         graphql.Omittable[*string]
	Country          graphql.Omittable[*string]
	Description      graphql.Omittable[*string]
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// DeleteEventInput deletes an event.
type DeleteEventInput struct {
	ClientMutationID *string
	Slug             string
}

// CreateParticipationInput records a participation.
type CreateParticipationInput struct {
	ClientMutationID *string
	Event            string
	Stakeholder      *string
	Person           *string
	Role             domain.ParticipationRole
	Description      *string
	Citations        []*CitationInput
	NewSources       []*SourceInput
}

// UpdateParticipationInput changes a participation.
type UpdateParticipationInput struct {
	ClientMutationID *string
	Event            string
	Stakeholder      *string
	Person           *string
	Role             domain.ParticipationRole
	Description      graphql.Omittable[*string]
	AddCitations     []*CitationInput
	RemoveSources    []string
	NewSources       []*SourceInput
}

// DeleteParticipationInput deletes a participation.
type DeleteParticipationInput struct {
	ClientMutationID *string
	Event            string
	Stakeholder      *string
	Person           *string
	Role             domain.ParticipationRole
}
