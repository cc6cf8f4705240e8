package curation

import (
	"context"
	"slices"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// tieEnds returns a tie's ends in the order it is stored: a tie without direction from the lesser slug.
func tieEnds(t domain.TieType, from, to string) (string, string) {
	if !t.Directed() && to < from {
		return to, from
	}
	return from, to
}

// CreateTie adds a tie with at least one source. Creating a tie that is stored with these values and
// sources already changes nothing, so a client may retry; a stored tie with other values is a conflict,
// to be changed with UpdateTie.
func (s *Service) CreateTie(ctx context.Context, in CreateTieInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	tie := &in.StakeholderTieInput
	c := &checker{}
	c.newTie("input.", tie)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	key := tie.record().RecordKey()
	change, err := s.run(ctx, auth.RoleEditor, "createTie", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindTie, key)}, added: in.NewSources,
			reads: []dataset.Ref{ref(dataset.KindStakeholder, in.From), ref(dataset.KindStakeholder, in.To)}, cites: in.Citations}
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "input.from", dataset.KindStakeholder, in.From); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "input.to", dataset.KindStakeholder, in.To); err != nil {
			return err
		}
		if err := addSources(ctx, tx, in.NewSources); err != nil {
			return err
		}
		return makeTie(ctx, tx, "input.", tie)
	})
	return Result{Key: key, Change: change}, err
}

// record is the tie to create, its ends in the order it is stored, without its citations.
func (in *StakeholderTieInput) record() dataset.TieRecord {
	from, to := tieEnds(in.Type, in.From, in.To)
	return dataset.TieRecord{Type: string(in.Type), From: from, To: to, Role: deref(in.Role),
		FocusAreas: strList(in.FocusAreas), Description: deref(in.Description), Since: string(deref(in.Since)),
		Until: string(deref(in.Until))}
}

// newTie checks a tie to create, given at the input field p ("input." or "input.ties[0].").
func (c *checker) newTie(p string, in *StakeholderTieInput) {
	r := in.record()
	c.tie(p, dataset.TieRecord{Type: r.Type, From: in.From, To: in.To, Role: r.Role, Description: r.Description,
		Since: r.Since, Until: r.Until})
	c.citations(p+"citations", in.Citations, true)
}

// makeTie creates the tie in, given at the input field p, whose ends the caller found stored. A tie
// stored with these values and sources already is left as it is; one stored with others is a conflict.
func makeTie(ctx context.Context, tx dataset.Tx, p string, in *StakeholderTieInput) error {
	r := in.record()
	var err error
	if r.Citations, err = cite(ctx, tx, p+"citations", in.Citations); err != nil {
		return err
	}
	stored, ok, err := get[dataset.TieRecord](ctx, tx, dataset.KindTie, r.RecordKey())
	if err != nil {
		return err
	}
	if ok {
		if !sameTie(stored, r) {
			return domain.FieldErrorf(domain.CodeConflict, p+"type",
				"this %s tie between %q and %q is stored with other values or sources: change it with updateTie",
				in.Type, clip(in.From), clip(in.To))
		}
		return nil
	}
	return tx.Put(ctx, r)
}

// sameTie reports whether stored already says all that r says: the same values, and r's sources among
// its own with the same passages.
func sameTie(stored, r dataset.TieRecord) bool {
	cs := r.Citations
	r.Citations = stored.Citations
	if len(dataset.Diff(stored, r)) > 0 {
		return false
	}
	for _, c := range cs {
		if !slices.Contains(stored.Citations, c) {
			return false
		}
	}
	return true
}

// storedTie reads the tie an update names, or answers NOT_FOUND.
func storedTie(ctx context.Context, tx dataset.Tx, t domain.TieType, from, to string) (dataset.TieRecord, error) {
	from, to = tieEnds(t, from, to)
	key := domain.TieKey(from, t, to)
	rec, ok, err := get[dataset.TieRecord](ctx, tx, dataset.KindTie, key)
	if err == nil && !ok {
		err = domain.FieldErrorf(domain.CodeNotFound, "input.type", "no %s tie is stored between %q and %q", t, clip(from), clip(to))
	}
	return rec, err
}

// UpdateTie changes a tie's details and sources.
func (s *Service) UpdateTie(ctx context.Context, in UpdateTieInput) (Result, error) {
	from, to := tieEnds(in.Type, in.From, in.To)
	key := domain.TieKey(from, in.Type, to)
	change, err := update(ctx, s, "updateTie", in.ClientMutationID, dataset.KindTie, key,
		func() error {
			return domain.FieldErrorf(domain.CodeNotFound, "input.type", "no %s tie is stored between %q and %q", in.Type, clip(from), clip(to))
		},
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.TieRecord) error {
			setFrom(&r.Role, in.Role)
			if in.FocusAreas != nil {
				r.FocusAreas = strList(in.FocusAreas)
			}
			setFrom(&r.Description, in.Description)
			setFrom(&r.Since, in.Since)
			setFrom(&r.Until, in.Until)
			c := &checker{}
			c.tie("input.", *r)
			return c.err
		},
		func(r *dataset.TieRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: key, Change: change}, err
}

// EndTie records that a tie ended, with the sources that report it.
func (s *Service) EndTie(ctx context.Context, in EndTieInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	c := &checker{}
	c.date("input.until", string(in.Until))
	c.citations("input.citations", in.Citations, false)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	from, to := tieEnds(in.Type, in.From, in.To)
	key := domain.TieKey(from, in.Type, to)
	change, err := s.run(ctx, auth.RoleEditor, "endTie", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindTie, key)}, added: in.NewSources, cites: in.Citations}
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		rec, err := storedTie(ctx, tx, in.Type, in.From, in.To)
		if err != nil {
			return err
		}
		rec.Until = string(in.Until)
		c := &checker{}
		c.span("input.", rec.Since, rec.Until)
		if c.err != nil {
			return c.err
		}
		if err := addSources(ctx, tx, in.NewSources); err != nil {
			return err
		}
		if rec.Citations, err = editCitationsAt(ctx, tx, "input.citations", rec.Citations, in.Citations); err != nil {
			return err
		}
		return tx.Put(ctx, rec)
	})
	return Result{Key: key, Change: change}, err
}

// editCitationsAt attaches the citations of the input field named field.
func editCitationsAt(ctx context.Context, tx dataset.Tx, field string, cs []domain.Citation, add []*CitationInput) ([]domain.Citation, error) {
	added, err := cite(ctx, tx, field, add)
	if err != nil {
		return nil, err
	}
	return unitePassages(cs, added), nil
}

// DeleteTie deletes a tie recorded in error.
func (s *Service) DeleteTie(ctx context.Context, in DeleteTieInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	from, to := tieEnds(in.Type, in.From, in.To)
	key := domain.TieKey(from, in.Type, to)
	change, err := s.run(ctx, auth.RoleAdmin, "deleteTie", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return tx.Delete(ctx, dataset.KindTie, key)
	})
	return Result{Key: key, Change: change}, err
}
