package gqlmodel

import (
	"github.com/stakeholder-graph/stakeholder-graph/analysis"
	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Analysis results name stakeholders by slug; the resolvers load the stakeholders themselves, batched,
// only when a query selects them, and answer from the projection alone when it knows all a query asks.

// CentralityScore is one stakeholder's score and rank.
type CentralityScore struct{ analysis.Score }

// Community is one group of a partition.
type Community struct {
	Index int
	Size  int
	Slugs []string
}

// Communities is a partition of the network.
type Communities struct {
	Algorithm   domain.CommunityAlgorithm
	Modularity  float64
	Communities []*Community
}

// ShortestPaths are the shortest paths between two stakeholders.
type ShortestPaths struct {
	Length    int
	Paths     []*Path
	Truncated bool
}

// Path is one path, as the slugs along it and the hops between them.
type Path struct {
	Slugs []string
	Hops  []*PathHop
	// Projection is the projection the path was found in; it can name its stakeholders.
	Projection *analytics.Projection
}

// PathHop is one step of a path with the ties that make it.
type PathHop struct {
	FromSlug   string
	ToSlug     string
	Ties       []*domain.NetworkTie
	Projection *analytics.Projection
}

// Broker is a stakeholder bridging sectors.
type Broker struct {
	Slug            string
	Betweenness     float64
	BridgedSectors  []domain.Sector
	CrossSectorTies []*domain.NetworkTie
}

// Network is a network answer: stakeholders and the ties among them. It comes in two kinds, which the
// resolvers of its stakeholders and ties tell apart: a LoadedNetwork holds everything, read from the
// store; a ProjectedNetwork holds what a projection found, and its stakeholders' and ties' other fields
// are read from the store only if a query selects them.
type Network interface {
	// StakeholderCount is the number of stakeholders.
	StakeholderCount() int
	// TieCount is the number of ties.
	TieCount() int
}

// LoadedNetwork is a network read from the store with every field.
type LoadedNetwork struct{ *domain.Network }

// StakeholderCount is the number of stakeholders.
func (n *LoadedNetwork) StakeholderCount() int { return len(n.Network.Stakeholders) }

// TieCount is the number of ties.
func (n *LoadedNetwork) TieCount() int { return len(n.Network.Ties) }

// ProjectedNetwork is part of a network found in a projection.
type ProjectedNetwork struct {
	*analysis.Subnetwork
	// Filter is the view the network was found in, which an affiliation tie's fields are read in.
	Filter domain.NetworkFilter
}

// StakeholderCount is the number of stakeholders.
func (n *ProjectedNetwork) StakeholderCount() int { return len(n.Slugs) }

// TieCount is the number of ties.
func (n *ProjectedNetwork) TieCount() int { return len(n.Subnetwork.Ties) }

// ListLen returns how many stakeholders or ties the network has, by the schema's field name. The query's
// price is checked against it before either list resolves (querycost.Answer, @sizedByAnswer).
func (n *ProjectedNetwork) ListLen(field string) (int, bool) {
	switch field {
	case "stakeholders":
		return n.StakeholderCount(), true
	case "ties":
		return n.TieCount(), true
	}
	return 0, false
}
