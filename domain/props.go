package domain

// Props names the properties of an object a reader will use, by their GraphQL field names, so a store may
// leave the others out of what it reads. Nil means every property. Stores read the keys (slug, key) and
// whatever they filter or order by regardless.
type Props []string

// Has reports whether p includes the named property (nil includes all).
func (p Props) Has(name string) bool {
	if p == nil {
		return true
	}
	for _, n := range p {
		if n == name {
			return true
		}
	}
	return false
}

// PartnershipProps are the properties a read of partnerships needs of the tie and of the stakeholders at
// its ends.
type PartnershipProps struct {
	Tie, Stakeholder Props
}
