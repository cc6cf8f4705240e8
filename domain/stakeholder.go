package domain

// Stakeholder is an organisation, body or (when Collective) an unnamed group taking part in the response to
// trafficking in persons.
type Stakeholder struct {
	Slug        string
	Name        string
	Acronym     *string
	Aliases     []string
	Kind        StakeholderKind
	Sector      Sector
	Country     *string
	FocusAreas  []FocusArea
	Mandates    []string
	Description *string
	Collective  bool
	Sources     []Source
	// Planned holds the lists read together with it by the read planner, by list key.
	Planned Planned
}

// ID returns the stakeholder's global ID.
func (s *Stakeholder) ID() string { return GlobalID(NodeStakeholder, s.Slug) }

// StakeholderFilter narrows a list of stakeholders. Empty fields do not narrow.
type StakeholderFilter struct {
	Kinds           []StakeholderKind
	Sectors         []Sector
	FocusAreas      []FocusArea
	Country         *string
	NameContains    *string
	MandateContains *string
	Collective      *bool
}

// StakeholderOrder is the order of a list of stakeholders.
type StakeholderOrder struct {
	Field     StakeholderOrderField
	Direction OrderDirection
}

// PartnerFilter narrows the partners of a stakeholder.
type PartnerFilter struct {
	Kinds      []StakeholderKind
	FocusAreas []FocusArea
	AsOf       *Date
	Evidence   *EvidenceFilter
}

// TieFilter narrows the ties of a stakeholder.
type TieFilter struct {
	Types     []TieType
	Direction *TieDirection
	AsOf      *Date
	Evidence  *EvidenceFilter
}
