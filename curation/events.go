package curation

import (
	"context"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// CreateEvent adds an event.
func (s *Service) CreateEvent(ctx context.Context, in CreateEventInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	rec := dataset.EventRecord{Slug: in.Slug, Name: strings.TrimSpace(in.Name), Kind: string(in.Kind),
		Date: string(deref(in.Date)), Location: deref(in.Location), Country: deref(in.Country), Description: deref(in.Description)}
	c := &checker{}
	c.event("input.", rec)
	c.citations("input.citations", in.Citations, true)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleEditor, "createEvent", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindEvent, in.Slug)}, added: in.NewSources, cites: in.Citations}
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

func (c *checker) event(p string, r dataset.EventRecord) {
	c.slug(p+"slug", r.Slug)
	c.text(p+"name", r.Name, maxName, true)
	c.enum(p+"kind", r.Kind, func(v string) bool { return domain.EventKind(v).IsValid() })
	c.date(p+"date", r.Date)
	c.text(p+"location", r.Location, maxName, false)
	c.country(p+"country", r.Country)
	c.text(p+"description", r.Description, maxDescription, false)
}

// UpdateEvent changes an event.
func (s *Service) UpdateEvent(ctx context.Context, in UpdateEventInput) (Result, error) {
	change, err := update(ctx, s, "updateEvent", in.ClientMutationID, dataset.KindEvent, in.Slug,
		func() error { return notFound("input.slug", dataset.KindEvent, in.Slug) },
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.EventRecord) error {
			if in.Name != nil {
				r.Name = strings.TrimSpace(*in.Name)
			}
			setTo(&r.Kind, in.Kind)
			setFrom(&r.Date, in.Date)
			setFrom(&r.Location, in.Location)
			setFrom(&r.Country, in.Country)
			setFrom(&r.Description, in.Description)
			c := &checker{}
			c.event("input.", *r)
			return c.err
		},
		func(r *dataset.EventRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: in.Slug, Change: change}, err
}

// DeleteEvent deletes an event with its participations.
func (s *Service) DeleteEvent(ctx context.Context, in DeleteEventInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	change, err := s.run(ctx, auth.RoleAdmin, "deleteEvent", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return deleteNode(ctx, tx, dataset.KindEvent, in.Slug)
	})
	return Result{Key: in.Slug, Change: change}, err
}

// participant checks that exactly one of a stakeholder and a person is given and returns the record's
// participant fields.
func participant(stakeholder, person *string) (string, string, error) {
	switch {
	case (stakeholder == nil) == (person == nil):
		return "", "", invalid("input.stakeholder", "give exactly one of stakeholder and person")
	case stakeholder != nil:
		return *stakeholder, "", nil
	}
	return "", *person, nil
}

// CreateParticipation records a stakeholder's or person's part in an event.
func (s *Service) CreateParticipation(ctx context.Context, in CreateParticipationInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	sh, person, err := participant(in.Stakeholder, in.Person)
	if err != nil {
		return Result{}, err
	}
	rec := dataset.ParticipationRecord{Event: in.Event, Stakeholder: sh, Person: person, Role: string(in.Role),
		Description: deref(in.Description)}
	c := &checker{}
	c.slug("input.event", in.Event)
	c.slug(participantField(rec), sh+person)
	c.text("input.description", rec.Description, maxDescription, false)
	c.citations("input.citations", in.Citations, true)
	checkNewSources(c, in.NewSources)
	if c.err != nil {
		return Result{}, c.err
	}
	kind := dataset.KindStakeholder
	if person != "" {
		kind = dataset.KindPerson
	}
	change, err := s.run(ctx, auth.RoleEditor, "createParticipation", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(dataset.KindParticipation, rec.RecordKey())}, added: in.NewSources,
			reads: []dataset.Ref{ref(dataset.KindEvent, in.Event), ref(kind, sh+person)}, cites: in.Citations}
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "input.event", dataset.KindEvent, in.Event); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, participantField(rec), kind, sh+person); err != nil {
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
		return putNew(ctx, tx, "input.role", r)
	})
	return Result{Key: in.Event, Change: change}, err
}

func participantField(r dataset.ParticipationRecord) string {
	if r.Person != "" {
		return "input.person"
	}
	return "input.stakeholder"
}

// UpdateParticipation changes a participation's description and sources.
func (s *Service) UpdateParticipation(ctx context.Context, in UpdateParticipationInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	sh, person, err := participant(in.Stakeholder, in.Person)
	if err != nil {
		return Result{}, err
	}
	missing := func() error {
		return domain.FieldErrorf(domain.CodeNotFound, "input.role", "%q took no part in %q as %s", clip(sh+person), clip(in.Event), in.Role)
	}
	key := dataset.ParticipationKey(sh+person, in.Role, in.Event)
	change, err := update(ctx, s, "updateParticipation", in.ClientMutationID, dataset.KindParticipation, key, missing,
		sourceEdits{in.AddCitations, in.RemoveSources, in.NewSources},
		func(r *dataset.ParticipationRecord) error {
			if r.Person != person { // a stakeholder and a person with the same slug
				return missing()
			}
			setFrom(&r.Description, in.Description)
			c := &checker{}
			c.text("input.description", r.Description, maxDescription, false)
			return c.err
		},
		func(r *dataset.ParticipationRecord) *[]domain.Citation { return &r.Citations })
	return Result{Key: in.Event, Change: change}, err
}

// DeleteParticipation deletes a participation.
func (s *Service) DeleteParticipation(ctx context.Context, in DeleteParticipationInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	sh, person, err := participant(in.Stakeholder, in.Person)
	if err != nil {
		return Result{}, err
	}
	key := dataset.ParticipationKey(sh+person, in.Role, in.Event)
	change, err := s.run(ctx, auth.RoleAdmin, "deleteParticipation", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		return tx.Delete(ctx, dataset.KindParticipation, key)
	})
	return Result{Key: key, Change: change}, err
}
