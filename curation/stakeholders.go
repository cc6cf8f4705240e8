package curation

import (
	"context"
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// CreateStakeholder adds a stakeholder. Creating one already stored with the same values changes
// nothing; a slug taken by another, or by a stakeholder merged away, is a conflict.
func (s *Service) CreateStakeholder(ctx context.Context, in CreateStakeholderInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	rec := dataset.StakeholderRecord{Slug: in.Slug, Name: strings.TrimSpace(in.Name), Acronym: deref(in.Acronym),
		Aliases: in.Aliases, Kind: string(in.Kind), Sector: string(in.Sector), Country: deref(in.Country),
		FocusAreas: strList(in.FocusAreas), Mandates: in.Mandates, Description: deref(in.Description),
		Collective: deref(in.Collective)}
	c := &checker{}
	c.stakeholder("input.", rec)
	c.citations("input.citations", in.Citations, true)
	checkNewSources(c, in.NewSources)
	others := checkStakeholderTies(c, in.Slug, in.Ties)
	if c.err != nil {
		return Result{}, c.err
	}
	f := footprint{writes: []dataset.Ref{ref(dataset.KindStakeholder, in.Slug)}, added: in.NewSources,
		cites: slices.Clone(in.Citations), redirects: []string{in.Slug}}
	for i, t := range in.Ties {
		f.writes = append(f.writes, ref(dataset.KindTie, t.record().RecordKey()))
		f.reads = append(f.reads, ref(dataset.KindStakeholder, others[i]))
		f.cites = append(f.cites, t.Citations...)
	}
	change, err := s.run(ctx, auth.RoleEditor, "createStakeholder", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		if err := slugFree(ctx, tx, in.Slug); err != nil {
			return err
		}
		if err := addSources(ctx, tx, in.NewSources); err != nil {
			return err
		}
		r := rec
		var err error
		if r.Citations, err = cite(ctx, tx, "input.citations", in.Citations); err != nil {
			return err
		}
		if err := putNew(ctx, tx, "input.slug", r); err != nil {
			return err
		}
		for i, t := range in.Ties {
			p := fieldAt("input.ties", i) + "."
			field := p + "to"
			if others[i] == t.From {
				field = p + "from"
			}
			if err := mustExist(ctx, tx, field, dataset.KindStakeholder, others[i]); err != nil {
				return err
			}
			if err := makeTie(ctx, tx, p, t); err != nil {
				return err
			}
		}
		return nil
	})
	return Result{Key: in.Slug, Change: change}, err
}

// checkStakeholderTies checks the ties made with a new stakeholder, and returns the other end of each.
func checkStakeholderTies(c *checker, slug string, ties []*StakeholderTieInput) []string {
	if len(ties) > maxList {
		c.fail("input.ties", "has more than %d ties", maxList)
		return nil
	}
	others := make([]string, len(ties))
	for i, t := range ties {
		p := fieldAt("input.ties", i) + "."
		if t == nil {
			c.fail(p[:len(p)-1], "is null")
			continue
		}
		c.newTie(p, t)
		switch slug {
		case t.From:
			others[i] = t.To
		case t.To:
			others[i] = t.From
		default:
			c.fail(p+"from", "one end of the tie must be the new stakeholder %q", clip(slug))
		}
	}
	return others
}

// slugFree refuses the slug of a stakeholder merged into another, which still resolves to that one.
func slugFree(ctx context.Context, tx dataset.Tx, slug string) error {
	to, err := tx.RedirectOf(ctx, slug)
	if err != nil {
		return err
	}
	if to != "" {
		return domain.FieldErrorf(domain.CodeConflict, "input.slug",
			"%q belonged to a stakeholder merged into %q, and still leads there: choose another slug", clip(slug), to)
	}
	return nil
}

// UpdateStakeholder changes a stakeholder.
func (s *Service) UpdateStakeholder(ctx context.Context, in UpdateStakeholderInput) (Result, error) {
	change, err := update(ctx, s, "updateStakeholder", in.ClientMutationID, dataset.KindStakeholder, in.Slug,
		func() error { return notFound("input.slug", dataset.KindStakeholder, in.Slug) },
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.StakeholderRecord) error {
			if in.Name != nil {
				r.Name = strings.TrimSpace(*in.Name)
			}
			setFrom(&r.Acronym, in.Acronym)
			if in.Aliases != nil {
				r.Aliases = in.Aliases
			}
			setTo(&r.Kind, in.Kind)
			setTo(&r.Sector, in.Sector)
			setFrom(&r.Country, in.Country)
			if in.FocusAreas != nil {
				r.FocusAreas = strList(in.FocusAreas)
			}
			if in.Mandates != nil {
				r.Mandates = in.Mandates
			}
			setFrom(&r.Description, in.Description)
			if in.Collective != nil {
				r.Collective = *in.Collective
			}
			c := &checker{}
			c.stakeholder("input.", *r)
			return c.err
		},
		func(r *dataset.StakeholderRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: in.Slug, Change: change}, err
}

// DeleteStakeholder deletes a stakeholder with its ties, positions and participations, each recorded.
func (s *Service) DeleteStakeholder(ctx context.Context, in DeleteStakeholderInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	change, err := s.run(ctx, auth.RoleAdmin, "deleteStakeholder", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return deleteNode(ctx, tx, dataset.KindStakeholder, in.Slug)
	})
	return Result{Key: in.Slug, Change: change}, err
}

// deleteNode deletes what is attached to a stakeholder, person or event, then the node itself.
func deleteNode(ctx context.Context, tx dataset.Tx, kind dataset.Kind, slug string) error {
	attached, err := tx.Attached(ctx, kind, slug)
	if err != nil {
		return err
	}
	for _, r := range attached {
		if err := tx.Delete(ctx, r.RecordKind(), r.RecordKey()); err != nil {
			return err
		}
	}
	return tx.Delete(ctx, kind, slug)
}
