package curation

import (
	"context"
	"slices"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// MergeStakeholders folds the stakeholder duplicate into keep. Every tie, position and participation
// of the duplicate moves to keep; a tie that becomes one keep already has is united with it (the sources
// of both, the focus areas of both, the earlier start), and a tie between the two disappears. keep gains
// the duplicate's name, acronym and aliases as aliases, its citations, and any field keep lacks. The
// duplicate is deleted, and its slug resolves to keep from then on. Merging again changes nothing.
func (s *Service) MergeStakeholders(ctx context.Context, in MergeStakeholdersInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	c := &checker{}
	c.slug("input.keep", in.Keep)
	c.slug("input.duplicate", in.Duplicate)
	if in.Keep == in.Duplicate {
		c.fail("input.duplicate", "is the stakeholder to keep: a stakeholder cannot be merged into itself")
	}
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleAdmin, "mergeStakeholders", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		keep, ok, err := get[dataset.StakeholderRecord](ctx, tx, dataset.KindStakeholder, in.Keep)
		if err != nil {
			return err
		}
		if !ok {
			return invalid("input.keep", "%q names no stakeholder", clip(in.Keep))
		}
		dup, ok, err := get[dataset.StakeholderRecord](ctx, tx, dataset.KindStakeholder, in.Duplicate)
		if err != nil {
			return err
		}
		if !ok {
			if to, err := tx.RedirectOf(ctx, in.Duplicate); err != nil || to == in.Keep {
				return err // merged already: a retry
			}
			return invalid("input.duplicate", "%q names no stakeholder", clip(in.Duplicate))
		}
		attached, err := tx.Attached(ctx, dataset.KindStakeholder, in.Duplicate)
		if err != nil {
			return err
		}
		for _, r := range attached {
			if err := move(ctx, tx, r, in.Duplicate, in.Keep); err != nil {
				return err
			}
		}
		if err := tx.Delete(ctx, dataset.KindStakeholder, in.Duplicate); err != nil {
			return err
		}
		if err := tx.Put(ctx, absorb(keep, dup)); err != nil {
			return err
		}
		return tx.Redirect(ctx, in.Duplicate, in.Keep)
	})
	return Result{Key: in.Keep, Change: change}, err
}

// move re-attaches a tie, position or participation of the stakeholder dup to keep, uniting it with
// what keep already has.
func move(ctx context.Context, tx dataset.Tx, r dataset.Record, dup, keep string) error {
	swap := func(slug string) string {
		if slug == dup {
			return keep
		}
		return slug
	}
	var moved dataset.Record
	switch r := r.(type) {
	case dataset.TieRecord:
		t := r
		t.From, t.To = tieEnds(domain.TieType(t.Type), swap(t.From), swap(t.To))
		if t.From == t.To {
			return tx.Delete(ctx, dataset.KindTie, r.RecordKey()) // the two were tied to each other
		}
		if stored, ok, err := get[dataset.TieRecord](ctx, tx, dataset.KindTie, t.RecordKey()); err != nil {
			return err
		} else if ok {
			t = uniteTies(stored, t)
		}
		moved = t
	case dataset.PositionRecord:
		p := r
		p.Stakeholder = keep
		if stored, ok, err := get[dataset.PositionRecord](ctx, tx, dataset.KindPosition, p.RecordKey()); err != nil {
			return err
		} else if ok {
			p.Citations = unitePassages(stored.Citations, p.Citations)
			p.Since, p.Until = firstOf(stored.Since, p.Since), firstOf(stored.Until, p.Until)
		}
		moved = p
	case dataset.ParticipationRecord:
		p := r
		p.Stakeholder = keep
		if stored, ok, err := get[dataset.ParticipationRecord](ctx, tx, dataset.KindParticipation, p.RecordKey()); err != nil {
			return err
		} else if ok {
			p.Citations = unitePassages(stored.Citations, p.Citations)
			p.Description = firstOf(stored.Description, p.Description)
		}
		moved = p
	default:
		return nil
	}
	if err := tx.Delete(ctx, r.RecordKind(), r.RecordKey()); err != nil {
		return err
	}
	return tx.Put(ctx, moved)
}

// uniteTies is the tie keep already had, with what the duplicate's tie adds.
func uniteTies(kept, other dataset.TieRecord) dataset.TieRecord {
	out := kept
	out.Citations = unitePassages(kept.Citations, other.Citations)
	out.FocusAreas = strList(append(slices.Clone(kept.FocusAreas), other.FocusAreas...))
	out.Role = firstOf(kept.Role, other.Role)
	out.Description = firstOf(kept.Description, other.Description)
	if other.Since != "" && (out.Since == "" || other.Since < out.Since) {
		out.Since = other.Since
	}
	out.Until = firstOf(kept.Until, other.Until)
	return out
}

// absorb is keep with the duplicate's names as aliases, its citations, and the fields keep lacks.
func absorb(keep, dup dataset.StakeholderRecord) dataset.StakeholderRecord {
	out := keep
	out.Aliases = slices.Clone(keep.Aliases)
	for _, name := range append([]string{dup.Name, dup.Acronym}, dup.Aliases...) {
		if name != "" && name != keep.Name && name != keep.Acronym && !slices.Contains(out.Aliases, name) {
			out.Aliases = append(out.Aliases, name)
		}
	}
	out.FocusAreas = strList(append(slices.Clone(keep.FocusAreas), dup.FocusAreas...))
	out.Mandates = slices.Clone(keep.Mandates)
	for _, m := range dup.Mandates {
		if !slices.Contains(out.Mandates, m) {
			out.Mandates = append(out.Mandates, m)
		}
	}
	out.Acronym = firstOf(keep.Acronym, dup.Acronym)
	if out.Acronym == dup.Acronym {
		out.Aliases = slices.DeleteFunc(out.Aliases, func(a string) bool { return a == dup.Acronym })
	}
	out.Country = firstOf(keep.Country, dup.Country)
	out.Description = firstOf(keep.Description, dup.Description)
	out.Citations = unitePassages(keep.Citations, dup.Citations)
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
