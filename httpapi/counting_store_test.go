package httpapi_test

import (
	"context"
	"sync/atomic"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// countingStore counts the calls that read the database, so a test can check that a request was refused
// before any Cypher ran. Measures, the pricing input, is not counted.
type countingStore struct {
	domain.Store
	calls atomic.Int64
}

func (g *countingStore) Stakeholder(ctx context.Context, slug string, sel *domain.Selection) (*domain.Stakeholder, error) {
	g.calls.Add(1)
	return g.Store.Stakeholder(ctx, slug, sel)
}

func (g *countingStore) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o domain.StakeholderOrder, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Stakeholder], error) {
	g.calls.Add(1)
	return g.Store.Stakeholders(ctx, f, o, p, sel)
}

func (g *countingStore) CountStakeholders(ctx context.Context, f domain.StakeholderFilter) (int, error) {
	g.calls.Add(1)
	return g.Store.CountStakeholders(ctx, f)
}

func (g *countingStore) PartnersOf(ctx context.Context, slugs []string, f domain.PartnerFilter) (map[string][]*domain.Partnership, error) {
	g.calls.Add(1)
	return g.Store.PartnersOf(ctx, slugs, f)
}

func (g *countingStore) TiesOf(ctx context.Context, slugs []string, f domain.TieFilter) (map[string][]*domain.Tie, error) {
	g.calls.Add(1)
	return g.Store.TiesOf(ctx, slugs, f)
}

func (g *countingStore) Partnerships(ctx context.Context, f domain.PartnershipFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Partnership], error) {
	g.calls.Add(1)
	return g.Store.Partnerships(ctx, f, p, sel)
}

func (g *countingStore) CountPartnerships(ctx context.Context, f domain.PartnershipFilter) (int, error) {
	g.calls.Add(1)
	return g.Store.CountPartnerships(ctx, f)
}

func (g *countingStore) Person(ctx context.Context, slug string, sel *domain.Selection) (*domain.Person, error) {
	g.calls.Add(1)
	return g.Store.Person(ctx, slug, sel)
}

func (g *countingStore) People(ctx context.Context, f domain.PersonFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Person], error) {
	g.calls.Add(1)
	return g.Store.People(ctx, f, p, sel)
}

func (g *countingStore) CountPeople(ctx context.Context, f domain.PersonFilter) (int, error) {
	g.calls.Add(1)
	return g.Store.CountPeople(ctx, f)
}

func (g *countingStore) PositionsAt(ctx context.Context, stakeholderSlugs []string) (map[string][]*domain.Position, error) {
	g.calls.Add(1)
	return g.Store.PositionsAt(ctx, stakeholderSlugs)
}

func (g *countingStore) PositionsOf(ctx context.Context, personSlugs []string) (map[string][]*domain.Position, error) {
	g.calls.Add(1)
	return g.Store.PositionsOf(ctx, personSlugs)
}

func (g *countingStore) Event(ctx context.Context, slug string, sel *domain.Selection) (*domain.Event, error) {
	g.calls.Add(1)
	return g.Store.Event(ctx, slug, sel)
}

func (g *countingStore) Events(ctx context.Context, f domain.EventFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Event], error) {
	g.calls.Add(1)
	return g.Store.Events(ctx, f, p, sel)
}

func (g *countingStore) CountEvents(ctx context.Context, f domain.EventFilter) (int, error) {
	g.calls.Add(1)
	return g.Store.CountEvents(ctx, f)
}

func (g *countingStore) ParticipantsOf(ctx context.Context, eventSlugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	g.calls.Add(1)
	return g.Store.ParticipantsOf(ctx, eventSlugs, roles)
}

func (g *countingStore) ParticipationsOf(ctx context.Context, t domain.NodeType, slugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	g.calls.Add(1)
	return g.Store.ParticipationsOf(ctx, t, slugs, roles)
}

func (g *countingStore) Search(ctx context.Context, text string, first int, sel *domain.Selection) ([]domain.SearchHit, error) {
	g.calls.Add(1)
	return g.Store.Search(ctx, text, first, sel)
}

func (g *countingStore) NodesBySlug(ctx context.Context, t domain.NodeType, slugs []string, sel *domain.Selection) (map[string]domain.Node, error) {
	g.calls.Add(1)
	return g.Store.NodesBySlug(ctx, t, slugs, sel)
}

func (g *countingStore) Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error) {
	g.calls.Add(1)
	return g.Store.Network(ctx, f, detail)
}

func (g *countingStore) NetworkDelta(ctx context.Context, f domain.NetworkFilter, since, until int64) (*domain.NetworkDelta, error) {
	g.calls.Add(1)
	return g.Store.NetworkDelta(ctx, f, since, until)
}

func (g *countingStore) TiesByKey(ctx context.Context, keys []string) (map[string]*domain.NetworkTie, error) {
	g.calls.Add(1)
	return g.Store.TiesByKey(ctx, keys)
}

func (g *countingStore) AffiliationTies(ctx context.Context, keys []string, f domain.NetworkFilter) (map[string]*domain.NetworkTie, error) {
	g.calls.Add(1)
	return g.Store.AffiliationTies(ctx, keys, f)
}

func (g *countingStore) GraphVersion(ctx context.Context) (int64, error) {
	g.calls.Add(1)
	return g.Store.GraphVersion(ctx)
}
