package gqlmodel

import (
	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Analysis results name stakeholders by slug; the resolvers load the stakeholders themselves, batched,
// only when a query selects them.

// CentralityScore is one stakeholder's score and rank.
type CentralityScore struct {
	Slug  string
	Value float64
	Rank  int
}

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
	// Projection is the graph the path was found in; it can name its stakeholders.
	Projection *analytics.Graph
}

// PathHop is one step of a path with the ties that make it.
type PathHop struct {
	FromSlug   string
	ToSlug     string
	Ties       []*domain.NetworkTie
	Projection *analytics.Graph
}

// Broker is a stakeholder bridging sectors.
type Broker struct {
	Slug            string
	Betweenness     float64
	BridgedSectors  []domain.Sector
	CrossSectorTies []*domain.NetworkTie
}

// NetworkView is a network answer. A whole-network read arrives Loaded; a neighbourhood arrives as what
// the projection found (the slugs and ties in Projection), and the stakeholders' and ties' other fields
// are read from the store only if the query selects them.
type NetworkView struct {
	Slugs      []string
	Ties       []analytics.TieRef
	Projection *analytics.Graph
	Loaded     *domain.Network
}

// StakeholderCount is the number of stakeholders.
func (n *NetworkView) StakeholderCount() int {
	if n.Loaded != nil {
		return len(n.Loaded.Stakeholders)
	}
	return len(n.Slugs)
}

// TieCount is the number of ties.
func (n *NetworkView) TieCount() int {
	if n.Loaded != nil {
		return len(n.Loaded.Ties)
	}
	return len(n.Ties)
}
