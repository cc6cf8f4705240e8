package resolvers

import (
	"slices"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
)

// graphChangeOf is what a subscription selecting kinds and tie types is pushed of change c: the
// stakeholders and ties it touched, or nil when it touched none of those selected.
func graphChangeOf(c *dataset.Change, kinds []gqlmodel.GraphChangeKind, types []domain.TieType) *gqlmodel.GraphChange {
	g := &gqlmodel.GraphChange{Seq: int(c.Seq), At: c.At, Operation: c.Operation,
		Stakeholders: []*gqlmodel.StakeholderChange{}, Ties: []*gqlmodel.TieChange{}}
	merge := c.Operation == "mergeStakeholders"
	wanted := func(k gqlmodel.GraphChangeKind) bool { return len(kinds) == 0 || slices.Contains(kinds, k) }
	for _, e := range c.Entries {
		kind := gqlmodel.GraphChangeKindChanged
		switch {
		case merge && e.Kind != dataset.KindStakeholder && e.Action != dataset.ActionUpdated:
			kind = gqlmodel.GraphChangeKindMerged // a tie moved to the kept stakeholder
		case merge && e.Action == dataset.ActionDeleted:
			kind = gqlmodel.GraphChangeKindMerged // the duplicate, folded into the kept one
		case e.Action == dataset.ActionCreated:
			kind = gqlmodel.GraphChangeKindCreated
		case e.Action == dataset.ActionDeleted:
			kind = gqlmodel.GraphChangeKindDeleted
		}
		if !wanted(kind) {
			continue
		}
		switch e.Kind {
		case dataset.KindStakeholder:
			if len(types) == 0 {
				g.Stakeholders = append(g.Stakeholders, &gqlmodel.StakeholderChange{Slug: e.Key, Kind: kind})
			}
		case dataset.KindTie:
			from, t, to, ok := domain.ParseTieKey(e.Key)
			if ok && (len(types) == 0 || slices.Contains(types, t)) {
				g.Ties = append(g.Ties, &gqlmodel.TieChange{Key: e.Key, Type: t, From: from, To: to, Kind: kind})
			}
		}
	}
	if len(g.Stakeholders) == 0 && len(g.Ties) == 0 {
		return nil
	}
	return g
}
