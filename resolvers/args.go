package resolvers

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
)

// pageRequest turns the connection arguments into a page request. first has a schema default, so it is
// only nil when a client passes null explicitly.
func pageRequest(first *int, after *string) domain.PageRequest {
	p := domain.PageRequest{First: 20}
	if first != nil {
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	return p
}

// slugOf picks the slug of a lookup by global ID or slug: exactly one must be given.
func slugOf(t domain.NodeType, id, slug *string) (string, error) {
	switch {
	case (id == nil) == (slug == nil):
		return "", domain.Errorf(domain.CodeInvalid, "give exactly one of id and slug")
	case slug != nil:
		return *slug, nil
	default:
		return domain.ParseGlobalIDOf(*id, t)
	}
}

// filterOf returns the network filter an argument gives, checked (see NetworkFilter.Check).
func filterOf(f *domain.NetworkFilter) (domain.NetworkFilter, error) {
	if f == nil {
		return domain.NetworkFilter{}, nil
	}
	return *f, f.Check()
}

// checkTieArgs checks the arguments that narrow a stakeholder's ties: asOf must be a full date, and the
// evidence asked for must be possible.
func checkTieArgs(asOf *domain.Date, evidence *domain.EvidenceFilter) error {
	if err := domain.CheckAsOf(asOf); err != nil {
		return err
	}
	return evidence.Check()
}

// valueOf returns the filter an argument gives, the whole network when it gives none.
func valueOf(f *domain.NetworkFilter) domain.NetworkFilter {
	if f == nil {
		return domain.NetworkFilter{}
	}
	return *f
}

// between checks that an Int argument is within bounds, and gives def when it is absent.
func between(name string, v *int, def, lo, hi int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	if n < lo || n > hi {
		return 0, domain.Errorf(domain.CodeInvalid, "%s must be between %d and %d, not %d", name, lo, hi, n)
	}
	return n, nil
}

// argsKey renders arguments by value, so equal arguments share a loader whatever pointers hold them.
func argsKey(args ...any) string {
	key := ""
	for _, a := range args {
		switch v := a.(type) {
		case *domain.Date:
			if v != nil {
				a = *v
			}
		case *domain.TieDirection:
			if v != nil {
				a = *v
			}
		case *domain.EvidenceFilter:
			a = v.Key()
		}
		key += fmt.Sprintf("%v|", a)
	}
	return key
}

// needsPage reports whether the connection field being resolved selects anything but its totalCount, so a
// count-only query costs one count and no page. (A query that passes a cursor still reads the page, so a
// bad cursor is reported.)
func needsPage(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name != "totalCount" && f.Name != "__typename" {
			return true
		}
	}
	return false
}

// checkFirst checks a page size when no page is read (the store checks it otherwise).
func checkFirst(p domain.PageRequest) error {
	if p.First < 0 || p.First > domain.MaxPageSize {
		return domain.Errorf(domain.CodeInvalid, "first must be between 0 and %d, not %d", domain.MaxPageSize, p.First)
	}
	return nil
}

// countAlongside starts a connection's count while its page is read, when the query selects totalCount;
// nil otherwise (the TotalCount resolver then counts, if asked at all).
func countAlongside(ctx context.Context, count func(context.Context) (int, error)) *gqlmodel.Total {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return gqlmodel.CountAlongside(ctx, count)
		}
	}
	return nil
}
