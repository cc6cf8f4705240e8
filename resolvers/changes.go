package resolvers

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/curation"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
)

// changeOf maps a committed change to its GraphQL type; nil stays nil (nothing changed).
func changeOf(c *dataset.Change) *gqlmodel.Change {
	if c == nil {
		return nil
	}
	out := &gqlmodel.Change{Seq: int(c.Seq), At: c.At, Actor: c.Actor.Subject,
		Role: gqlmodel.Role(strings.ToUpper(c.Actor.Role)), Operation: c.Operation,
		RequestID: optional(c.Actor.RequestID), ClientMutationID: optional(c.ClientMutationID),
		Entries: make([]*gqlmodel.ChangeEntry, len(c.Entries))}
	for i, e := range c.Entries {
		entry := &gqlmodel.ChangeEntry{Kind: gqlmodel.RecordKind(e.Kind), Key: e.Key, Action: gqlmodel.ChangeAction(e.Action),
			Fields: make([]*gqlmodel.FieldChange, len(e.Fields))}
		for j, f := range e.Fields {
			entry.Fields[j] = &gqlmodel.FieldChange{Field: f.Field, Before: f.Before, After: f.After}
		}
		out.Entries[i] = entry
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// changePage reads a page of the audit trail for an admin.
func (r *Resolver) changePage(ctx context.Context, f dataset.ChangeFilter, first *int, after *string) (*gqlmodel.ChangeConnection, error) {
	if _, err := curation.Actor(ctx, auth.RoleAdmin); err != nil {
		return nil, err
	}
	if r.Trail == nil {
		return nil, domain.Errorf(domain.CodeUnavailable, "this deployment keeps no audit trail")
	}
	page := pageRequest(first, after)
	if err := checkFirst(page); err != nil {
		return nil, err
	}
	var before int64
	if page.After != "" {
		var err error
		if before, err = changeCursorSeq(page.After); err != nil {
			return nil, err
		}
	}
	changes, err := r.Trail.Changes(ctx, f, before, page.First+1)
	if err != nil {
		return nil, err
	}
	conn := &gqlmodel.ChangeConnection{PageInfo: &gqlmodel.PageInfo{HasPreviousPage: page.After != ""}}
	if len(changes) > page.First {
		changes, conn.PageInfo.HasNextPage = changes[:page.First], true
	}
	for _, c := range changes {
		node := changeOf(c)
		conn.Nodes = append(conn.Nodes, node)
		conn.Edges = append(conn.Edges, &gqlmodel.ChangeEdge{Cursor: changeCursor(c.Seq), Node: node})
	}
	if conn.Nodes == nil {
		conn.Nodes, conn.Edges = []*gqlmodel.Change{}, []*gqlmodel.ChangeEdge{}
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &conn.Edges[0].Cursor, &conn.Edges[n-1].Cursor
	}
	return conn, nil
}

func changeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("change:" + strconv.FormatInt(seq, 10)))
}

func changeCursorSeq(cursor string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err == nil {
		if n, ok := strings.CutPrefix(string(raw), "change:"); ok {
			if seq, err := strconv.ParseInt(n, 10, 64); err == nil && seq > 0 {
				return seq, nil
			}
		}
	}
	return 0, domain.FieldErrorf(domain.CodeInvalid, "after", "%q is not a cursor of the audit trail", cursor)
}

// changeFilter maps the GraphQL filter of the audit trail.
func changeFilter(f *gqlmodel.ChangeFilter) dataset.ChangeFilter {
	var out dataset.ChangeFilter
	if f == nil {
		return out
	}
	if f.Since != nil {
		out.Since = *f.Since
	}
	if f.Until != nil {
		out.Until = *f.Until
	}
	if f.Actor != nil {
		out.Actor = *f.Actor
	}
	if f.Target != nil {
		out.TargetKind, out.TargetKey = dataset.Kind(f.Target.Kind), f.Target.Key
	}
	return out
}

// curation returns the curation service, or a service that refuses every change when the deployment
// has none.
func (r *Resolver) curation() *curation.Service {
	if r.Curation == nil {
		return curation.ReadOnly
	}
	return r.Curation
}

// tieByKey reads the tie a mutation answers with, as much as its payload selects: nothing without
// `tie`, and the tie's ends only when it selects them (a read of their own). A tie the mutation's change
// wrote answers as the change stored it, without a read.
func (r *Resolver) tieByKey(ctx context.Context, key string, change *dataset.Change) (*domain.NetworkTie, error) {
	if !selects(ctx, "tie") {
		return &domain.NetworkTie{Key: key}, nil
	}
	t := writtenTie(change, key)
	if t == nil {
		ties, err := r.Store.TiesByKey(ctx, []string{key})
		if err != nil {
			return nil, err
		}
		if t = ties[key]; t == nil {
			return nil, domain.Errorf(domain.CodeNotFound, "no tie has the key %q", key)
		}
	}
	if !selects(ctx, "tie", "from") && !selects(ctx, "tie", "to") {
		return t, nil
	}
	if err := linkEnds(ctx, r.Store, []*domain.NetworkTie{t}, nil); err != nil {
		return nil, err
	}
	return t, nil
}

// writtenTie is a copy of the tie with this key as change stored it (the payload's resolvers fill in
// its ends), or nil when the change did not write it.
func writtenTie(change *dataset.Change, key string) *domain.NetworkTie {
	if change == nil || change.Ties[key] == nil {
		return nil
	}
	t := *change.Ties[key]
	return &t
}

// stakeholderBySlug reads the stakeholder a mutation answers with, unless its payload selects none: in
// one statement with what the payload selects of it, as the query stakeholder(slug:) reads.
func (r *Resolver) stakeholderBySlug(ctx context.Context, slug string) (*domain.Stakeholder, error) {
	if !selects(ctx, "stakeholder") {
		return &domain.Stakeholder{Slug: slug}, nil
	}
	return r.Store.Stakeholder(ctx, slug, r.selectionAt(ctx, "Stakeholder", "stakeholder"))
}
