package domain

// Span is when a tie held: Since and Until when sources give them, and EvidencedFrom, the publication date
// of the earliest source that shows the tie, which stands in for an unknown start.
type Span struct {
	Since         *Date
	Until         *Date
	EvidencedFrom *Date
}

// Evidence is how well a tie is documented: how many independent sources show it (documents carrying the
// same story count once) and the weightiest kind among them, nil when none is classified.
type Evidence struct {
	IndependentSources int
	StrongestSource    *SourceKind
}

// EvidenceOf weighs sources: each a document's key, its story ("" when it is its own) and its kind (""
// when not classified).
func EvidenceOf(sources []SourceWeight) Evidence {
	var e Evidence
	stories := map[string]bool{}
	for _, s := range sources {
		story := s.Story
		if story == "" {
			story = s.Key
		}
		if !stories[story] {
			stories[story] = true
			e.IndependentSources++
		}
		if s.Kind != "" && s.Kind.IsValid() && (e.StrongestSource == nil || s.Kind.Rank() < e.StrongestSource.Rank()) {
			k := s.Kind
			e.StrongestSource = &k
		}
	}
	return e
}

// SourceWeight is what EvidenceOf needs of a source.
type SourceWeight struct {
	Key, Story string
	Kind       SourceKind
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
}
