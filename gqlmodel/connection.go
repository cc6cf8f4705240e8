package gqlmodel

import "github.com/stakeholder-graph/stakeholder-graph/domain"

// PageInfo says where a page stands.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

func pageInfo[T any](p domain.Page[T]) *PageInfo {
	info := &PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrevious}
	if n := len(p.Cursors); n > 0 {
		info.StartCursor, info.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return info
}

// StakeholderConnection is a page of stakeholders.
type StakeholderConnection struct {
	Page   domain.Page[*domain.Stakeholder]
	Filter domain.StakeholderFilter
	// Total is the totalCount being counted, when the query selects it.
	Total *Total
}

// StakeholderEdge is one stakeholder with its cursor.
type StakeholderEdge struct {
	Cursor string
	Node   *domain.Stakeholder
}

// Edges returns the page's stakeholders with their cursors.
func (c *StakeholderConnection) Edges() []*StakeholderEdge {
	edges := make([]*StakeholderEdge, len(c.Page.Items))
	for i, s := range c.Page.Items {
		edges[i] = &StakeholderEdge{Cursor: c.Page.Cursors[i], Node: s}
	}
	return edges
}

// Nodes returns the page's stakeholders.
func (c *StakeholderConnection) Nodes() []*domain.Stakeholder { return c.Page.Items }

// PageInfo says where the page stands.
func (c *StakeholderConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// PartnershipConnection is a page of partnerships.
type PartnershipConnection struct {
	Page   domain.Page[*domain.Partnership]
	Filter domain.PartnershipFilter
	// Total is the totalCount being counted, when the query selects it.
	Total *Total
}

// PartnershipEdge is one partnership with its cursor.
type PartnershipEdge struct {
	Cursor string
	Node   *domain.Partnership
}

// Edges returns the page's partnerships with their cursors.
func (c *PartnershipConnection) Edges() []*PartnershipEdge {
	edges := make([]*PartnershipEdge, len(c.Page.Items))
	for i, p := range c.Page.Items {
		edges[i] = &PartnershipEdge{Cursor: c.Page.Cursors[i], Node: p}
	}
	return edges
}

// Nodes returns the page's partnerships.
func (c *PartnershipConnection) Nodes() []*domain.Partnership { return c.Page.Items }

// PageInfo says where the page stands.
func (c *PartnershipConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// PersonConnection is a page of people.
type PersonConnection struct {
	Page   domain.Page[*domain.Person]
	Filter domain.PersonFilter
	// Total is the totalCount being counted, when the query selects it.
	Total *Total
}

// PersonEdge is one person with their cursor.
type PersonEdge struct {
	Cursor string
	Node   *domain.Person
}

// Edges returns the page's people with their cursors.
func (c *PersonConnection) Edges() []*PersonEdge {
	edges := make([]*PersonEdge, len(c.Page.Items))
	for i, p := range c.Page.Items {
		edges[i] = &PersonEdge{Cursor: c.Page.Cursors[i], Node: p}
	}
	return edges
}

// Nodes returns the page's people.
func (c *PersonConnection) Nodes() []*domain.Person { return c.Page.Items }

// PageInfo says where the page stands.
func (c *PersonConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }

// EventConnection is a page of events.
type EventConnection struct {
	Page   domain.Page[*domain.Event]
	Filter domain.EventFilter
	// Total is the totalCount being counted, when the query selects it.
	Total *Total
}

// EventEdge is one event with its cursor.
type EventEdge struct {
	Cursor string
	Node   *domain.Event
}

// Edges returns the page's events with their cursors.
func (c *EventConnection) Edges() []*EventEdge {
	edges := make([]*EventEdge, len(c.Page.Items))
	for i, e := range c.Page.Items {
		edges[i] = &EventEdge{Cursor: c.Page.Cursors[i], Node: e}
	}
	return edges
}

// Nodes returns the page's events.
func (c *EventConnection) Nodes() []*domain.Event { return c.Page.Items }

// PageInfo says where the page stands.
func (c *EventConnection) PageInfo() *PageInfo { return pageInfo(c.Page) }
