package domain

import (
	"fmt"
	"slices"
)

// TieCoParticipates is the type of the ties of an affiliation view: the two stakeholders took part in the
// same events. Such a tie is derived from participations, never stored, and so not one of TieTypes.
const TieCoParticipates TieType = "CO_PARTICIPATES"

// AffiliationFilter asks a network view for its affiliation network: the stakeholders linked by the
// events they took part in together, each link weighted by how many events they shared, as the weighted
// projection of the stakeholder-event bipartite graph onto the stakeholders. Only events of EventKinds,
// participations in Roles and events dated From to To count, the dates compared as an events list compares
// them (EventFilter); empty fields do not narrow.
type AffiliationFilter struct {
	EventKinds []EventKind
	Roles      []ParticipationRole
	From       *Date
	To         *Date
}

// Check reports bounds out of order.
func (f *AffiliationFilter) Check() error {
	if f == nil {
		return nil
	}
	if f.From != nil && f.To != nil && *f.To < *f.From {
		return Errorf(CodeInvalid, "affiliation.to (%s) is before affiliation.from (%s)", *f.To, *f.From)
	}
	return nil
}

// Key renders f by value for cache keys, "" for no affiliation view.
func (f *AffiliationFilter) Key() string {
	if f == nil {
		return ""
	}
	date := func(d *Date) string {
		if d == nil {
			return ""
		}
		return string(*d)
	}
	kinds, roles := slices.Clone(f.EventKinds), slices.Clone(f.Roles)
	slices.Sort(kinds)
	slices.Sort(roles)
	return fmt.Sprintf("affiliation k%v r%v %s..%s", slices.Compact(kinds), slices.Compact(roles), date(f.From), date(f.To))
}
