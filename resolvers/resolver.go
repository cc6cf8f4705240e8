// Package resolvers answers GraphQL fields. Resolvers are thin: they decode arguments, call one method of
// the domain.Graph (through the request's loaders for nested lists) and return domain types, which the
// generated code in package graph marshals.
package resolvers

import (
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/projection"
)

// Resolver is the root resolver. It holds what every resolver needs and nothing per request.
type Resolver struct {
	Graph domain.Graph
	// Projections holds the in-memory projections the network analyses run on.
	Projections *projection.Cache
	// SearchLimit bounds the steps of an analysis that searches from every stakeholder (exact betweenness,
	// closeness, harmonic, brokers, exact distances); 0 means analytics.DefaultSearchWork.
	SearchLimit int64
}
