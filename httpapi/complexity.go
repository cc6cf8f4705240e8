package httpapi

import (
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
)

// nestedListSize is the size assumed for lists without a page size (a stakeholder's partners, an event's
// participants) when pricing a query.
const nestedListSize = 10

// complexity prices list fields by the number of items they may return, so a query's cost multiplies
// through its nesting: a page costs `first` times its selection, a nested list ten times.
func complexity() graph.ComplexityRoot {
	var c graph.ComplexityRoot
	page := func(child int, first *int) int {
		n := 20
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + n*child
	}
	list := func(child int) int { return 1 + nestedListSize*child }

	c.Query.Stakeholders = func(child int, _ *domain.StakeholderFilter, _ *domain.StakeholderOrder, first *int, _ *string) int {
		return page(child, first)
	}
	c.Query.Partnerships = func(child int, _ *domain.PartnershipFilter, first *int, _ *string) int { return page(child, first) }
	c.Query.People = func(child int, _ *domain.PersonFilter, first *int, _ *string) int { return page(child, first) }
	c.Query.Events = func(child int, _ *domain.EventFilter, first *int, _ *string) int { return page(child, first) }
	c.Query.Search = func(child int, _ string, first *int) int { return page(child, first) }
	c.Query.Nodes = func(child int, ids []string) int { return 1 + len(ids)*child }

	c.Stakeholder.Partners = func(child int, _ []domain.StakeholderKind, _ []domain.FocusArea, _ *domain.Date) int {
		return list(child)
	}
	c.Stakeholder.Ties = func(child int, _ []domain.TieType, _ *domain.TieDirection, _ *domain.Date) int { return list(child) }
	c.Stakeholder.Positions = list
	c.Stakeholder.Participations = func(child int, _ []domain.ParticipationRole) int { return list(child) }
	c.Person.Positions = list
	c.Person.Participations = func(child int, _ []domain.ParticipationRole) int { return list(child) }
	c.Event.Participants = func(child int, _ []domain.ParticipationRole) int { return list(child) }
	c.Query.Centrality = func(child int, _ domain.CentralityMetric, _ *bool, _ *bool, _ *domain.NetworkFilter, top *int, _ *int) int {
		return page(child, top)
	}
	c.Query.Brokers = func(child int, _ *domain.NetworkFilter, top *int) int { return page(child, top) }
	c.Query.Path = func(child int, _, _ string, _ []domain.TieType, _ *int, _ *domain.NetworkFilter, limit *int) int {
		return page(child, limit)
	}
	return c
}
