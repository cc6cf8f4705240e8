// Package resolvers answers GraphQL fields. Resolvers are thin: they check arguments, call one method of
// the store (through the request's loaders for nested lists) or of the analysis service, and map the
// result to the types the generated code in package graph marshals. Files named *.resolvers.go hold only
// resolvers, one file per schema file; the others hold what several resolvers share.
package resolvers

import (
	"github.com/stakeholder-graph/stakeholder-graph/analysis"
	"github.com/stakeholder-graph/stakeholder-graph/changefeed"
	"github.com/stakeholder-graph/stakeholder-graph/curation"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Resolver is the root resolver. It holds what every resolver needs and nothing per request.
type Resolver struct {
	// Store reads the graph.
	Store domain.Store
	// Curation makes the changes mutations ask for; nil in a read-only deployment.
	Curation *curation.Service
	// Feed pushes committed changes to subscriptions; nil when the store keeps no audit trail.
	Feed *changefeed.Feed
	// Trail reads the audit trail.
	Trail curation.Trail
	// Analysis answers the network analyses.
	Analysis *analysis.Service
	// FieldByField turns the read planner off: each list is read by its own resolver, one statement per
	// list level. The answers are the same; tests compare the two.
	FieldByField bool
}
