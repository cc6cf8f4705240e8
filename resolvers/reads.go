package resolvers

import (
	"context"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Reads that several resolvers share: stakeholders and ties by slug or key, in the order asked, each list
// read with one store call.

// stakeholders loads stakeholders by slug, in order, leaving out unknown slugs, with what the field being
// resolved selects of them.
func (r *Resolver) stakeholders(ctx context.Context, slugs []string) ([]*domain.Stakeholder, error) {
	groups, err := stakeholderGroups(ctx, r.Store, [][]string{slugs}, r.fieldSelection(ctx, "Stakeholder"))
	if err != nil {
		return nil, err
	}
	return groups[0], nil
}

// stakeholderGroups loads the stakeholders of several lists of slugs with one lookup, each list in order
// and without unknown slugs.
func stakeholderGroups(ctx context.Context, store domain.Store, groups [][]string, sel *domain.Selection) ([][]*domain.Stakeholder, error) {
	var all []string
	for _, slugs := range groups {
		all = append(all, slugs...)
	}
	found, err := stakeholdersBySlug(ctx, store, all, sel)
	if err != nil {
		return nil, err
	}
	out := make([][]*domain.Stakeholder, len(groups))
	for i, slugs := range groups {
		out[i] = make([]*domain.Stakeholder, 0, len(slugs))
		for _, s := range found[:len(slugs)] {
			if s != nil {
				out[i] = append(out[i], s)
			}
		}
		found = found[len(slugs):]
	}
	return out, nil
}

// tiesByKey reads the ties with these keys of the view f selects, in the order given: stored ties, or the
// derived ties of an affiliation view.
func (r *Resolver) tiesByKey(ctx context.Context, keys []string, f domain.NetworkFilter) ([]*domain.NetworkTie, error) {
	var found map[string]*domain.NetworkTie
	var err error
	if f.Affiliation != nil {
		found, err = r.Store.AffiliationTies(ctx, keys, f)
	} else {
		found, err = r.Store.TiesByKey(ctx, keys)
	}
	if err != nil {
		return nil, err
	}
	out := make([]*domain.NetworkTie, 0, len(keys))
	for _, k := range keys {
		if t, ok := found[k]; ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// tiesWithEnds reads the ties with these keys of the view f selects, keyed by key, with their ends when withEnds is set (as
// ends reads them).
func (r *Resolver) tiesWithEnds(ctx context.Context, keys []string, f domain.NetworkFilter, withEnds bool, ends *domain.Selection) (map[string]*domain.NetworkTie, error) {
	ties, err := r.tiesByKey(ctx, keys, f)
	if err != nil {
		return nil, err
	}
	if withEnds {
		if err := linkEnds(ctx, r.Store, ties, ends); err != nil {
			return nil, err
		}
	}
	out := make(map[string]*domain.NetworkTie, len(ties))
	for _, t := range ties {
		out[t.Key] = t
	}
	return out, nil
}

// linkEnds sets the ends of ties that lack them, with one lookup for all, reading what sel selects.
func linkEnds(ctx context.Context, store domain.Store, ties []*domain.NetworkTie, sel *domain.Selection) error {
	var slugs []string
	for _, t := range ties {
		if t.FromNode == nil {
			slugs = append(slugs, t.From)
		}
		if t.ToNode == nil {
			slugs = append(slugs, t.To)
		}
	}
	if len(slugs) == 0 {
		return nil
	}
	found, err := stakeholdersBySlug(ctx, store, slugs, sel)
	if err != nil {
		return err
	}
	// By slug, not by position: a tie listed twice asks for its ends twice and is filled the first time.
	bySlug := make(map[string]*domain.Stakeholder, len(slugs))
	for i, slug := range slugs {
		bySlug[slug] = found[i]
	}
	for _, t := range ties {
		if t.FromNode == nil {
			t.FromNode = bySlug[t.From]
		}
		if t.ToNode == nil {
			t.ToNode = bySlug[t.To]
		}
	}
	return nil
}

// linkLoadedEnds sets the ends of a network's ties from its own stakeholders.
func linkLoadedEnds(n *domain.Network) []*domain.NetworkTie {
	bySlug := make(map[string]*domain.Stakeholder, len(n.Stakeholders))
	for _, s := range n.Stakeholders {
		bySlug[s.Slug] = s
	}
	for _, t := range n.Ties {
		t.FromNode, t.ToNode = bySlug[t.From], bySlug[t.To]
	}
	return n.Ties
}

func stakeholderSlug(s *domain.Stakeholder) string { return s.Slug }

func personSlug(p *domain.Person) string { return p.Slug }

func eventSlug(e *domain.Event) string { return e.Slug }

// seenFrom returns the stakeholder a list read field by field is seen from, for its items' stakeholder
// field: a copy without the lists the planner read with it, which answer its own fields, not the items'.
func seenFrom(s *domain.Stakeholder) *domain.Stakeholder {
	c := *s
	c.Planned = nil
	return &c
}
