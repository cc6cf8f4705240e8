package domain

import "strings"

// Directed reports whether a tie of this type points from one stakeholder to the other. Partnerships,
// co-organising and disputes have no direction; the other types point from the member, the unit, the
// secretariat, the funder, the trainer, the chair, the host, the sanctioning or the criticising side.
func (t TieType) Directed() bool {
	return t != TiePartnersWith && t != TieCoOrganises && t != TieDisputes
}

// Cooperative reports whether t is a tie of working together, as opposed to one stakeholder sanctioning,
// criticising or disputing with another.
func (t TieType) Cooperative() bool {
	return t != TieSanctions && t != TieCriticises && t != TieDisputes
}

// UndirectedTieTypes lists the tie types that have no direction.
var UndirectedTieTypes = func() []TieType {
	var out []TieType
	for _, t := range TieTypes {
		if !t.Directed() {
			out = append(out, t)
		}
	}
	return out
}()

// NetworkTie is one tie between two stakeholders in a whole-network view: From and To are stakeholder
// slugs (for a partnership the order carries no meaning).
type NetworkTie struct {
	Key         string
	Type        TieType
	From        string
	To          string
	Role        *string
	FocusAreas  []FocusArea
	Description *string
	Span
	Evidence
	Sources []Source
	// FromNode and ToNode are the ends, set when a reader asks for them; nil otherwise.
	FromNode, ToNode *Stakeholder
}

// Directed reports whether the tie points from From to To.
func (t *NetworkTie) Directed() bool { return t.Type.Directed() }

// Network is a set of stakeholders and the ties among them: the whole graph or a filtered view of it.
// Every tie's ends are in Stakeholders.
type Network struct {
	Stakeholders []*Stakeholder
	Ties         []*NetworkTie
}

// NetworkFilter selects a view of the network: the stakeholders that match every given condition, and the
// ties among them of the given types in force on AsOf. Empty fields do not narrow.
type NetworkFilter struct {
	Kinds      []StakeholderKind
	Sectors    []Sector
	FocusAreas []FocusArea
	Country    *string
	TieTypes   []TieType
	AsOf       *Date
}

// TieKey is the stable key of the tie of type t from one stakeholder to another. A partnership has no
// direction, so its key puts the slug that sorts first first. The key is a valid XML name token (GraphML
// and GEXF use it as the edge id).
func TieKey(from string, t TieType, to string) string {
	if !t.Directed() && to < from {
		from, to = to, from
	}
	return from + ":" + string(t) + ":" + to
}

// ParseTieKey splits a key made by TieKey into its parts.
func ParseTieKey(key string) (from string, t TieType, to string, ok bool) {
	parts := strings.Split(key, ":")
	if len(parts) != 3 || !TieType(parts[1]).IsValid() || parts[0] == "" || parts[2] == "" {
		return "", "", "", false
	}
	return parts[0], TieType(parts[1]), parts[2], true
}
