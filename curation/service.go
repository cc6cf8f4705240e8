// Package curation changes the graph: the mutations curators make through the API and the records
// imports bring, each checked in full before anything is written, made in one transaction, allowed by the
// caller's role, and recorded in the audit trail with what it changed. The store does the writing
// through a dataset.Tx; this package decides what to write.
package curation

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"slices"
	"strconv"
	"sync"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Store runs curation transactions (package neo4jstore implements it).
type Store interface {
	// Curate runs work in one write transaction and records what it changed as one change by actor;
	// it returns the change, or nil when work changed nothing. work may run more than once.
	Curate(ctx context.Context, actor dataset.Actor, operation, clientMutationID string,
		work func(ctx context.Context, tx dataset.Tx) error) (*dataset.Change, error)
}

// Trail reads the audit trail (package neo4jstore implements it).
type Trail interface {
	// Changes reads up to limit changes that match f, newest first, from before the change numbered
	// before (from the newest when before is 0).
	Changes(ctx context.Context, f dataset.ChangeFilter, before int64, limit int) ([]*dataset.Change, error)
}

// Service makes changes to the graph.
type Service struct {
	store Store

	mu        sync.Mutex
	listeners []func(*dataset.Change)
}

// New returns a service that writes through store.
func New(store Store) *Service { return &Service{store: store} }

// OnChange registers f to be called with every change this service commits, after the commit.
func (s *Service) OnChange(f func(*dataset.Change)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, f)
}

// Result is what a mutation did: the key of the record it is about, and the change it recorded (nil
// when the graph already was as asked).
type Result struct {
	Key    string
	Change *dataset.Change
}

// Actor returns who the request in ctx comes from, when its role allows what needs role need: an
// UNAUTHENTICATED error for an anonymous caller, FORBIDDEN for one whose role is too low. Neither says
// anything about the records the request names.
func Actor(ctx context.Context, need auth.Role) (dataset.Actor, error) {
	p, ok := auth.PrincipalOf(ctx)
	if !ok || !p.Authenticated() {
		return dataset.Actor{}, domain.Errorf(domain.CodeUnauthenticated,
			"sign in: this needs the %s role; send an API key or a token as `Authorization: Bearer <token>`", need)
	}
	if !p.Role.Allows(need) {
		return dataset.Actor{}, domain.Errorf(domain.CodeForbidden, "this needs the %s role; your credential has %s", need, p.Role)
	}
	return dataset.Actor{Subject: p.Subject, Role: string(p.Role), RequestID: domain.RequestIDOf(ctx)}, nil
}

// run checks the caller's role, then runs work as one change of operation.
func (s *Service) run(ctx context.Context, need auth.Role, operation string, clientMutationID *string,
	work func(ctx context.Context, tx dataset.Tx) error) (*dataset.Change, error) {
	actor, err := Actor(ctx, need)
	if err != nil {
		return nil, err
	}
	return s.Apply(ctx, actor, operation, deref(clientMutationID), work)
}

// Apply runs work as one change by actor, whose role the caller has checked, and tells the listeners.
func (s *Service) Apply(ctx context.Context, actor dataset.Actor, operation, clientMutationID string,
	work func(ctx context.Context, tx dataset.Tx) error) (*dataset.Change, error) {
	change, err := s.store.Curate(ctx, actor, operation, clientMutationID, work)
	if err != nil || change == nil {
		return nil, err
	}
	s.mu.Lock()
	listeners := slices.Clone(s.listeners)
	s.mu.Unlock()
	for _, f := range listeners {
		f(change)
	}
	return change, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// get reads a record of a known type.
func get[R dataset.Record](ctx context.Context, tx dataset.Tx, kind dataset.Kind, key string) (R, bool, error) {
	var zero R
	r, err := tx.Get(ctx, kind, key)
	if err != nil || r == nil {
		return zero, false, err
	}
	typed, ok := r.(R)
	return typed, ok, nil
}

// mustExist answers a BAD_USER_INPUT error naming field when the record kind/key does not exist.
func mustExist(ctx context.Context, tx dataset.Tx, field string, kind dataset.Kind, key string) error {
	r, err := tx.Get(ctx, kind, key)
	if err != nil {
		return err
	}
	if r == nil {
		return invalid(field, "%q names no %s", clip(key), what(kind))
	}
	return nil
}

// notFound answers the NOT_FOUND error of a mutation whose target does not exist.
func notFound(field string, kind dataset.Kind, key string) error {
	return domain.FieldErrorf(domain.CodeNotFound, field, "no %s has the key %q", what(kind), clip(key))
}

func what(kind dataset.Kind) string {
	switch kind {
	case dataset.KindSource:
		return "source"
	case dataset.KindStakeholder:
		return "stakeholder"
	case dataset.KindPerson:
		return "person"
	case dataset.KindEvent:
		return "event"
	case dataset.KindTie:
		return "tie"
	case dataset.KindPosition:
		return "position"
	}
	return "participation"
}

// checkNewSources checks the sources an input adds, before the transaction.
func checkNewSources(c *checker, in []*SourceInput) {
	if len(in) > maxList {
		c.fail("input.newSources", "has more than %d sources", maxList)
	}
	for i, si := range in {
		if si == nil {
			continue
		}
		c.source(fieldAt("input.newSources", i)+".", sourceRecord(si))
	}
}

// addSources writes the sources an input adds. A source already stored with the same values is left as
// it is (a retried mutation); one stored with other values is a conflict.
func addSources(ctx context.Context, tx dataset.Tx, in []*SourceInput) error {
	for i, si := range in {
		if si == nil {
			continue
		}
		rec := sourceRecord(si)
		if err := putNew(ctx, tx, fieldAt("input.newSources", i)+".key", rec); err != nil {
			return err
		}
	}
	return nil
}

// footprint is what a change touches, named before it starts: the records it writes, the sources it
// adds, the records it only reads, the sources its citations cite, and the slugs whose redirects it
// checks.
type footprint struct {
	writes    []dataset.Ref
	added     []*SourceInput
	reads     []dataset.Ref
	cites     []*CitationInput
	redirects []string
}

// ref names a record.
func ref(kind dataset.Kind, key string) dataset.Ref { return dataset.Ref{Kind: kind, Key: key} }

// begin claims what the change writes, the records and the sources it adds, so that it runs beside
// changes to other records (dataset.Tx.Claim), and reads at once everything it touches (Preload).
func (f footprint) begin(ctx context.Context, tx dataset.Tx) error {
	writes := slices.Clone(f.writes)
	for _, si := range f.added {
		if si != nil {
			writes = append(writes, ref(dataset.KindSource, si.Key))
		}
	}
	if err := tx.Claim(writes...); err != nil {
		return err
	}
	reads := append(writes, f.reads...)
	for _, ci := range f.cites {
		if ci != nil {
			reads = append(reads, ref(dataset.KindSource, ci.Source))
		}
	}
	return tx.Preload(ctx, reads, f.redirects)
}

// putNew creates r, or leaves it when the same record is stored; a different record under its key is a
// CONFLICT on field.
func putNew(ctx context.Context, tx dataset.Tx, field string, r dataset.Record) error {
	stored, err := tx.Get(ctx, r.RecordKind(), r.RecordKey())
	if err != nil {
		return err
	}
	if stored != nil {
		if len(dataset.Diff(stored, r)) > 0 {
			return domain.FieldErrorf(domain.CodeConflict, field,
				"%q is taken by another %s: change that one with an update, or choose another key", clip(r.RecordKey()), what(r.RecordKind()))
		}
		return nil
	}
	return tx.Put(ctx, r)
}

func sourceRecord(si *SourceInput) dataset.SourceRecord {
	return dataset.SourceRecord{Key: si.Key, Title: si.Title, Publisher: deref(si.Publisher), Date: string(deref(si.Date)),
		URL: deref(si.URL), Kind: string(deref(si.Kind)), Story: deref(si.Story)}
}

// cite turns citation inputs into citations, checking that each names a stored source.
func cite(ctx context.Context, tx dataset.Tx, field string, in []*CitationInput) ([]domain.Citation, error) {
	out := make([]domain.Citation, 0, len(in))
	for i, ci := range in {
		if err := mustExist(ctx, tx, fieldAt(field, i)+".source", dataset.KindSource, ci.Source); err != nil {
			return nil, err
		}
		out = append(out, domain.Citation{Source: ci.Source, Quote: ci.Quote})
	}
	return out, nil
}

// editCitations attaches the citations add (a passage already cited is not repeated; a source may be
// cited for several passages) and detaches every citation of the sources remove names. A record keeps at
// least one citation.
func editCitations(ctx context.Context, tx dataset.Tx, cs []domain.Citation, add []*CitationInput, remove []string) ([]domain.Citation, error) {
	added, err := cite(ctx, tx, "input.addCitations", add)
	if err != nil {
		return nil, err
	}
	out := unitePassages(cs, added)
	for i, key := range remove {
		n := len(out)
		out = slices.DeleteFunc(out, func(c domain.Citation) bool { return c.Source == key })
		if len(out) == n {
			return nil, invalid(fieldAt("input.removeSources", i), "%q is not cited here", clip(key))
		}
	}
	if len(out) == 0 {
		return nil, invalid("input.removeSources", "would leave no source: every fact keeps at least one")
	}
	return out, nil
}

// unitePassages adds the citations of b that a lacks (the same source and passage).
func unitePassages(a, b []domain.Citation) []domain.Citation {
	out := slices.Clone(a)
	for _, c := range b {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func checkEdits(c *checker, add []*CitationInput, remove []string) {
	c.citations("input.addCitations", add, false)
	if len(remove) > maxList {
		c.fail("input.removeSources", "has more than %d keys", maxList)
	}
}

func fieldAt(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func strList[T ~string](vs []T) []string {
	if len(vs) == 0 {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// setFrom applies an omittable input to a string field: left out keeps it, null clears it.
func setFrom[T ~string](field *string, o graphql.Omittable[*T]) {
	if v, ok := o.ValueOK(); ok {
		*field = string(deref(v))
	}
}

// setTo applies a plain optional input to a field: nil keeps it.
func setTo[T ~string](field *string, v *T) {
	if v != nil {
		*field = string(*v)
	}
}

// ReadOnly is a service for a deployment that takes no changes: every mutation is refused.
var ReadOnly = New(readOnlyStore{})

type readOnlyStore struct{}

func (readOnlyStore) Curate(context.Context, dataset.Actor, string, string, func(context.Context, dataset.Tx) error) (*dataset.Change, error) {
	return nil, domain.Errorf(domain.CodeUnavailable, "this deployment takes no changes")
}

// sourceEdits are the parts of an update's input that change a record's sources.
type sourceEdits struct {
	add    []*CitationInput
	remove []string
	added  []*SourceInput
}

// update is the shape every update has, run as one change of operation by an editor: check the source
// edits, read the record kind/key (answering missing() when there is none), let apply change its fields
// and check them, add the new sources, edit the citations and write the record.
func update[R dataset.Record](ctx context.Context, s *Service, operation string, clientMutationID *string,
	kind dataset.Kind, key string, missing func() error, edits sourceEdits,
	apply func(r *R) error, citations func(r *R) *[]domain.Citation) (*dataset.Change, error) {
	if _, err := Actor(ctx, auth.RoleEditor); err != nil {
		return nil, err
	}
	c := &checker{}
	checkEdits(c, edits.add, edits.remove)
	checkNewSources(c, edits.added)
	if c.err != nil {
		return nil, c.err
	}
	return s.run(ctx, auth.RoleEditor, operation, clientMutationID, func(ctx context.Context, tx dataset.Tx) error {
		f := footprint{writes: []dataset.Ref{ref(kind, key)}, added: edits.added, cites: edits.add}
		if err := f.begin(ctx, tx); err != nil {
			return err
		}
		rec, ok, err := get[R](ctx, tx, kind, key)
		if err != nil {
			return err
		}
		if !ok {
			return missing()
		}
		if err := apply(&rec); err != nil {
			return err
		}
		if err := addSources(ctx, tx, edits.added); err != nil {
			return err
		}
		cs := citations(&rec)
		if *cs, err = editCitations(ctx, tx, *cs, edits.add, edits.remove); err != nil {
			return err
		}
		return tx.Put(ctx, rec)
	})
}
