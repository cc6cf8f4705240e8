package curation

import (
	"context"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// CreatePerson adds a person named by a source in a public role.
func (s *Service) CreatePerson(ctx context.Context, in CreatePersonInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	rec := dataset.PersonRecord{Slug: in.Slug, Name: strings.TrimSpace(in.Name), Honorific: deref(in.Honorific)}
	c := &checker{}
	c.person("input.", rec)
	c.citations("input.citations", in.Citations, true)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleEditor, "createPerson", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindPerson, in.Slug)}, added: in.NewSources, cites: in.Citations}
		if err := f.begin(ctx, tx); err != nil {
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
		return putNew(ctx, tx, "input.slug", r)
	})
	return Result{Key: in.Slug, Change: change}, err
}

func (c *checker) person(p string, r dataset.PersonRecord) {
	c.slug(p+"slug", r.Slug)
	c.text(p+"name", r.Name, maxName, true)
	c.text(p+"honorific", r.Honorific, maxShort, false)
}

// UpdatePerson changes a person.
func (s *Service) UpdatePerson(ctx context.Context, in UpdatePersonInput) (Result, error) {
	change, err := update(ctx, s, "updatePerson", in.ClientMutationID, dataset.KindPerson, in.Slug,
		func() error { return notFound("input.slug", dataset.KindPerson, in.Slug) },
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.PersonRecord) error {
			if in.Name != nil {
				r.Name = strings.TrimSpace(*in.Name)
			}
			setFrom(&r.Honorific, in.Honorific)
			c := &checker{}
			c.person("input.", *r)
			return c.err
		},
		func(r *dataset.PersonRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: in.Slug, Change: change}, err
}

// DeletePerson deletes a person with their positions and participations.
func (s *Service) DeletePerson(ctx context.Context, in DeletePersonInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	change, err := s.run(ctx, auth.RoleAdmin, "deletePerson", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return deleteNode(ctx, tx, dataset.KindPerson, in.Slug)
	})
	return Result{Key: in.Slug, Change: change}, err
}

// CreatePosition records a position a person holds at a stakeholder.
func (s *Service) CreatePosition(ctx context.Context, in CreatePositionInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	rec := dataset.PositionRecord{Person: in.Person, Stakeholder: in.Stakeholder, Title: strings.TrimSpace(in.Title),
		Since: string(deref(in.Since)), Until: string(deref(in.Until))}
	c := &checker{}
	c.position("input.", rec)
	c.citations("input.citations", in.Citations, true)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleEditor, "createPosition", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindPosition, rec.RecordKey())}, added: in.NewSources,
			reads: []dataset.Ref{ref(dataset.KindPerson, in.Person), ref(dataset.KindStakeholder, in.Stakeholder)}, cites: in.Citations}
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "input.person", dataset.KindPerson, in.Person); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "input.stakeholder", dataset.KindStakeholder, in.Stakeholder); err != nil {
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
		return putNew(ctx, tx, "input.title", r)
	})
	return Result{Key: in.Person, Change: change}, err
}

func (c *checker) position(p string, r dataset.PositionRecord) {
	c.slug(p+"person", r.Person)
	c.slug(p+"stakeholder", r.Stakeholder)
	c.text(p+"title", r.Title, maxName, true)
	c.span(p, r.Since, r.Until)
}

// UpdatePosition changes a position's dates and sources.
func (s *Service) UpdatePosition(ctx context.Context, in UpdatePositionInput) (Result, error) {
	key := dataset.PositionKey(in.Person, strings.TrimSpace(in.Title), in.Stakeholder)
	change, err := update(ctx, s, "updatePosition", in.ClientMutationID, dataset.KindPosition, key,
		func() error {
			return domain.FieldErrorf(domain.CodeNotFound, "input.title", "%q holds no position titled %q at %q",
				clip(in.Person), clip(in.Title), clip(in.Stakeholder))
		},
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.PositionRecord) error {
			setFrom(&r.Since, in.Since)
			setFrom(&r.Until, in.Until)
			c := &checker{}
			c.position("input.", *r)
			return c.err
		},
		func(r *dataset.PositionRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: in.Person, Change: change}, err
}

// DeletePosition deletes a position.
func (s *Service) DeletePosition(ctx context.Context, in DeletePositionInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	key := dataset.PositionKey(in.Person, strings.TrimSpace(in.Title), in.Stakeholder)
	change, err := s.run(ctx, auth.RoleAdmin, "deletePosition", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return tx.Delete(ctx, dataset.KindPosition, key)
	})
	return Result{Key: key, Change: change}, err
}
