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
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	c := &checker{}
	checkEdits(c, in.AddCitations, in.RemoveSources)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleEditor, "updatePerson", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		rec, ok, err := get[dataset.PersonRecord](ctx, tx, dataset.KindPerson, in.Slug)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("input.slug", dataset.KindPerson, in.Slug)
		}
		if in.Name != nil {
			rec.Name = strings.TrimSpace(*in.Name)
		}
		setFrom(&rec.Honorific, in.Honorific)
		c := &checker{}
		c.person("input.", rec)
		if c.err != nil {
			return c.err
		}
		if err := addSources(ctx, tx, in.NewSources); err != nil {
			return err
		}
		if rec.Citations, err = editCitations(ctx, tx, rec.Citations, in.AddCitations, in.RemoveSources); err != nil {
			return err
		}
		return tx.Put(ctx, rec)
	})
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
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	c := &checker{}
	checkEdits(c, in.AddCitations, in.RemoveSources)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	key := dataset.PositionKey(in.Person, strings.TrimSpace(in.Title), in.Stakeholder)
	change, err := s.run(ctx, auth.RoleEditor, "updatePosition", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		rec, ok, err := get[dataset.PositionRecord](ctx, tx, dataset.KindPosition, key)
		if err != nil {
			return err
		}
		if !ok {
			return domain.FieldErrorf(domain.CodeNotFound, "input.title", "%q holds no position titled %q at %q",
				clip(in.Person), clip(in.Title), clip(in.Stakeholder))
		}
		setFrom(&rec.Since, in.Since)
		setFrom(&rec.Until, in.Until)
		c := &checker{}
		c.position("input.", rec)
		if c.err != nil {
			return c.err
		}
		if err := addSources(ctx, tx, in.NewSources); err != nil {
			return err
		}
		if rec.Citations, err = editCitations(ctx, tx, rec.Citations, in.AddCitations, in.RemoveSources); err != nil {
			return err
		}
		return tx.Put(ctx, rec)
	})
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
