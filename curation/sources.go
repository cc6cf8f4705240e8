package curation

import (
	"context"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// CreateSource adds a source; creating one already stored with the same values changes nothing.
func (s *Service) CreateSource(ctx context.Context, in CreateSourceInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	rec := sourceRecord(&SourceInput{Key: in.Key, Title: in.Title, Publisher: in.Publisher, Date: in.Date, URL: in.URL,
		Kind: in.Kind, Story: in.Story})
	c := &checker{}
	c.source("input.", rec)
	if c.err != nil {
		return Result{}, c.err
	}
	change, err := s.run(ctx, auth.RoleEditor, "createSource", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		if err := (footprint{writes: []dataset.Ref{ref(dataset.KindSource, rec.Key)}}).begin(ctx, tx); err != nil {
			return err
		}
		return putNew(ctx, tx, "input.key", rec)
	})
	return Result{Key: rec.Key, Change: change}, err
}

// UpdateSource changes a source; the evidence of every record that cites it is weighed again.
func (s *Service) UpdateSource(ctx context.Context, in UpdateSourceInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return Result{}, err
	}
	change, err := s.run(ctx, auth.RoleEditor, "updateSource", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		rec, ok, err := get[dataset.SourceRecord](ctx, tx, dataset.KindSource, in.Key)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("input.key", dataset.KindSource, in.Key)
		}
		setTo(&rec.Title, in.Title)
		setFrom(&rec.Publisher, in.Publisher)
		setFrom(&rec.Date, in.Date)
		setFrom(&rec.URL, in.URL)
		setFrom(&rec.Kind, in.Kind)
		setFrom(&rec.Story, in.Story)
		c := &checker{}
		c.source("input.", rec)
		if c.err != nil {
			return c.err
		}
		return tx.Put(ctx, rec)
	})
	return Result{Key: in.Key, Change: change}, err
}

// DeleteSource deletes a source that no record cites.
func (s *Service) DeleteSource(ctx context.Context, in DeleteSourceInput) (Result, error) {
	if _, err := Actor(ctx, auth.RoleAdmin); err != nil {
		return Result{}, err
	}
	change, err := s.run(ctx, auth.RoleAdmin, "deleteSource", in.ClientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		citers, err := tx.Attached(ctx, dataset.KindSource, in.Key)
		if err != nil {
			return err
		}
		if len(citers) > 0 {
			return domain.FieldErrorf(domain.CodeConflict, "input.key",
				"%d record(s) cite %q, such as the %s %q: detach it from them first", len(citers), clip(in.Key),
				what(citers[0].RecordKind()), clip(citers[0].RecordKey()))
		}
		return tx.Delete(ctx, dataset.KindSource, in.Key)
	})
	return Result{Key: in.Key, Change: change}, err
}
