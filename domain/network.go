package domain

import (
	"slices"
	"strings"
)

// Directed reports whether a tie of this type points from one stakeholder to the other. Partnerships,
// co-organising and disputes have no direction; the other types point from the member, the unit, the
// secretariat, the funder, the trainer, the chair, the host, the sanctioning or the criticising side.
func (t TieType) Directed() bool {
	return t != TiePartnersWith && t != TieCoOrganises && t != TieDisputes && t != TieCoParticipates
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
	// SharedEvents is how many events the two took part in together, for a tie of an affiliation view
	// (CO_PARTICIPATES), and EventSlugs those events; 0 and nil for a stored tie.
	SharedEvents int
	EventSlugs   []string
	// FromNode and ToNode are the ends, set when a reader asks for them; nil otherwise.
	FromNode, ToNode *Stakeholder
}

// Directed reports whether the tie points from From to To.
func (t *NetworkTie) Directed() bool { return t.Type.Directed() }

// Weight is the tie's weight: the events shared, for an affiliation tie; 1 for a stored tie.
func (t *NetworkTie) Weight() int {
	if t.SharedEvents > 0 {
		return t.SharedEvents
	}
	return 1
}

// Network is a set of stakeholders and the ties among them: the whole graph or a filtered view of it.
// Every tie's ends are in Stakeholders.
type Network struct {
	Stakeholders []*Stakeholder
	Ties         []*NetworkTie
}

// NetworkDelta is how a view of the network changed between two graph versions: the stakeholders whose
// record changed (Touched), the ties whose record changed with neither end touched (Ties, by key), and,
// as the view holds them now, those of them in the view, with every tie of the view at a touched
// stakeholder (Network, read as lean as Store.Network without detail). The view now is the view then
// without the touched stakeholders, their ties and the ties of Ties, plus Network.
type NetworkDelta struct {
	Touched []string
	Ties    []string
	Network *Network
}

// NetworkFilter selects a view of the network: the stakeholders that match every given condition, and the
// ties among them of the given types in force on AsOf with the evidence Evidence asks for; or, with
// Affiliation, the affiliation network among them instead of their ties. Empty fields do not narrow, except
// TieTypes (the cooperative types when empty) and Evidence (see EvidenceFilter).
type NetworkFilter struct {
	Kinds       []StakeholderKind
	Sectors     []Sector
	FocusAreas  []FocusArea
	Country     *string
	TieTypes    []TieType
	AsOf        *Date
	Evidence    *EvidenceFilter
	Affiliation *AffiliationFilter
}

// Check reports a filter a network cannot be read with: an asOf that is not a full date, or evidence
// that cannot be met.
func (f *NetworkFilter) Check() error {
	if err := CheckAsOf(f.AsOf); err != nil {
		return err
	}
	if f.Affiliation != nil && slices.ContainsFunc(f.TieTypes, func(t TieType) bool { return t != TieCoParticipates }) {
		return Errorf(CodeInvalid, "an affiliation view links stakeholders by shared events (CO_PARTICIPATES), not by stored ties: give stored tieTypes or affiliation, not both")
	}
	if err := f.Affiliation.Check(); err != nil {
		return err
	}
	return f.Evidence.Check()
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
	if len(parts) != 3 || !TieType(parts[1]).IsValid() && TieType(parts[1]) != TieCoParticipates || parts[0] == "" || parts[2] == "" {
		return "", "", "", false
	}
	return parts[0], TieType(parts[1]), parts[2], true
}
