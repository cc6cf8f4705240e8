package httpapi_test

import (
	"context"
	"sync/atomic"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// countingGraph counts the calls that read the database, so a test can check that a request was refused
// before any Cypher ran. Measures, the pricing input, is not counted.
type countingGraph struct {
	domain.Graph
	calls atomic.Int64
}

func (g *countingGraph) Stakeholder(ctx context.Context, slug string) (*domain.Stakeholder, error) {
	g.calls.Add(1)
	return g.Graph.Stakeholder(ctx, slug)
}

func (g *countingGraph) Stakeholders(ctx context.Context, f domain.StakeholderFilter, o domain.StakeholderOrder, p domain.PageRequest) (domain.Page[*domain.Stakeholder], error) {
	g.calls.Add(1)
	return g.Graph.Stakeholders(ctx, f, o, p)
}

func (g *countingGraph) StakeholdersWithPartners(ctx context.Context, f domain.StakeholderFilter, o domain.StakeholderOrder, p domain.PageRequest, props domain.PartnershipProps) (domain.Page[*domain.Stakeholder], map[string][]*domain.Partnership, error) {
	g.calls.Add(1)
	return g.Graph.StakeholdersWithPartners(ctx, f, o, p, props)
}

func (g *countingGraph) CountStakeholders(ctx context.Context, f domain.StakeholderFilter) (int, error) {
	g.calls.Add(1)
	return g.Graph.CountStakeholders(ctx, f)
}

func (g *countingGraph) PartnersOf(ctx context.Context, slugs []string, f domain.PartnerFilter, props domain.PartnershipProps) (map[string][]*domain.Partnership, error) {
	g.calls.Add(1)
	return g.Graph.PartnersOf(ctx, slugs, f, props)
}

func (g *countingGraph) StakeholderWithPartners(ctx context.Context, slug string, props domain.PartnershipProps) (*domain.Stakeholder, []*domain.Partnership, error) {
	g.calls.Add(1)
	return g.Graph.StakeholderWithPartners(ctx, slug, props)
}

func (g *countingGraph) TiesOf(ctx context.Context, slugs []string, f domain.TieFilter) (map[string][]*domain.Tie, error) {
	g.calls.Add(1)
	return g.Graph.TiesOf(ctx, slugs, f)
}

func (g *countingGraph) Partnerships(ctx context.Context, f domain.PartnershipFilter, p domain.PageRequest, props domain.PartnershipProps) (domain.Page[*domain.Partnership], error) {
	g.calls.Add(1)
	return g.Graph.Partnerships(ctx, f, p, props)
}

func (g *countingGraph) CountPartnerships(ctx context.Context, f domain.PartnershipFilter) (int, error) {
	g.calls.Add(1)
	return g.Graph.CountPartnerships(ctx, f)
}

func (g *countingGraph) Person(ctx context.Context, slug string) (*domain.Person, error) {
	g.calls.Add(1)
	return g.Graph.Person(ctx, slug)
}

func (g *countingGraph) People(ctx context.Context, f domain.PersonFilter, p domain.PageRequest) (domain.Page[*domain.Person], error) {
	g.calls.Add(1)
	return g.Graph.People(ctx, f, p)
}

func (g *countingGraph) CountPeople(ctx context.Context, f domain.PersonFilter) (int, error) {
	g.calls.Add(1)
	return g.Graph.CountPeople(ctx, f)
}

func (g *countingGraph) PositionsAt(ctx context.Context, stakeholderSlugs []string) (map[string][]*domain.Position, error) {
	g.calls.Add(1)
	return g.Graph.PositionsAt(ctx, stakeholderSlugs)
}

func (g *countingGraph) PositionsOf(ctx context.Context, personSlugs []string) (map[string][]*domain.Position, error) {
	g.calls.Add(1)
	return g.Graph.PositionsOf(ctx, personSlugs)
}

func (g *countingGraph) Event(ctx context.Context, slug string) (*domain.Event, error) {
	g.calls.Add(1)
	return g.Graph.Event(ctx, slug)
}

func (g *countingGraph) Events(ctx context.Context, f domain.EventFilter, p domain.PageRequest) (domain.Page[*domain.Event], error) {
	g.calls.Add(1)
	return g.Graph.Events(ctx, f, p)
}

func (g *countingGraph) CountEvents(ctx context.Context, f domain.EventFilter) (int, error) {
	g.calls.Add(1)
	return g.Graph.CountEvents(ctx, f)
}

func (g *countingGraph) ParticipantsOf(ctx context.Context, eventSlugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	g.calls.Add(1)
	return g.Graph.ParticipantsOf(ctx, eventSlugs, roles)
}

func (g *countingGraph) ParticipationsOf(ctx context.Context, t domain.NodeType, slugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	g.calls.Add(1)
	return g.Graph.ParticipationsOf(ctx, t, slugs, roles)
}

func (g *countingGraph) Search(ctx context.Context, text string, first int) ([]domain.SearchHit, error) {
	g.calls.Add(1)
	return g.Graph.Search(ctx, text, first)
}

func (g *countingGraph) NodesBySlug(ctx context.Context, t domain.NodeType, slugs []string) (map[string]domain.Node, error) {
	g.calls.Add(1)
	return g.Graph.NodesBySlug(ctx, t, slugs)
}

func (g *countingGraph) Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error) {
	g.calls.Add(1)
	return g.Graph.Network(ctx, f, detail)
}

func (g *countingGraph) TiesByKey(ctx context.Context, keys []string) (map[string]*domain.NetworkTie, error) {
	g.calls.Add(1)
	return g.Graph.TiesByKey(ctx, keys)
}

func (g *countingGraph) GraphVersion(ctx context.Context) (int64, error) {
	g.calls.Add(1)
	return g.Graph.GraphVersion(ctx)
}
