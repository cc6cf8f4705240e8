package domain

// Span is when a tie held: Since and Until when sources give them, and EvidencedFrom, the publication date
// of the earliest source that shows the tie, which stands in for an unknown start.
type Span struct {
	Since         *Date
	Until         *Date
	EvidencedFrom *Date
}

// Partnership is a partnership seen from Stakeholder, with Partner the other side.
type Partnership struct {
	Stakeholder *Stakeholder
	Partner     *Stakeholder
	FocusAreas  []FocusArea
	Description *string
	Span
	Evidence
	Sources []Source
}

// Tie is a tie of any type between two stakeholders, seen from Stakeholder.
type Tie struct {
	Type        TieType
	Stakeholder *Stakeholder
	Other       *Stakeholder
	Direction   TieDirection
	Role        *string
	FocusAreas  []FocusArea
	Description *string
	Span
	Evidence
	Sources []Source
}

// PartnershipFilter narrows the partnerships of the whole network. Kinds applies to the stakeholder the
// partnership is seen from, PartnerKinds to the partner.
type PartnershipFilter struct {
	Kinds        []StakeholderKind
	PartnerKinds []StakeholderKind
	FocusAreas   []FocusArea
	AsOf         *Date
	Evidence     *EvidenceFilter
}
