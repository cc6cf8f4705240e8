package app

import (
	"context"
	"log/slog"

	"github.com/stakeholder-graph/stakeholder-graph/analysis"
	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/changefeed"
	"github.com/stakeholder-graph/stakeholder-graph/curation"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/resolvers"
	"github.com/stakeholder-graph/stakeholder-graph/viewcache"
)

// APIConfig is what the API is built with: the HTTP settings, and those of the analyses.
type APIConfig struct {
	// HTTP holds the HTTP layer's settings; NewAPI fills in the schema, and the views of the store that
	// are not set.
	HTTP httpapi.Config
	// AnalyticsCacheBytes bounds the projections of network views and the analysis results kept on them.
	// Zero means 512 MiB.
	AnalyticsCacheBytes int64
	// AnalysisWorkers bounds the projections built and analyses computed at once. Zero means one per two
	// cores.
	AnalysisWorkers int
	// SearchLimit bounds the search steps of an analysis that searches from every stakeholder. Zero
	// means analytics.DefaultSearchWork.
	SearchLimit int64
	// FieldByField turns the read planner off (resolvers.Resolver.FieldByField): the reference path the
	// planner's answers are tested against.
	FieldByField bool
	// JWT, when set, accepts JSON Web Tokens besides the API keys the store keeps.
	JWT *auth.JWT
}

// NewAPI builds the service's HTTP API on a store, in dependency order: the cache of network projections,
// the analysis service over it, the resolvers over the store and the service, the executable schema, and
// the HTTP handler that serves it.
func NewAPI(store domain.Store, cfg APIConfig, log *slog.Logger) *httpapi.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.AnalyticsCacheBytes <= 0 {
		cfg.AnalyticsCacheBytes = 512 << 20
	}
	views := viewcache.New(store, log, cfg.AnalyticsCacheBytes, cfg.AnalysisWorkers)
	root := &resolvers.Resolver{Store: store, Analysis: analysis.New(views, cfg.SearchLimit), FieldByField: cfg.FieldByField}
	if curator, ok := store.(curation.Store); ok {
		root.Curation = curation.New(curator)
	}
	if trail, ok := store.(curation.Trail); ok {
		root.Trail = trail
	}
	if source, ok := store.(changefeed.Source); ok {
		root.Feed = changefeed.New(source, log)
		if root.Curation != nil {
			root.Curation.OnChange(root.Feed.Poke)
		}
	}

	h := cfg.HTTP
	h.Schema = graph.NewExecutableSchema(graph.Config{Resolvers: root})
	// The read planner compiles selections with a table of where each field is stored: a field missing
	// from it is a build mistake, found here rather than by a query that answers null.
	if err := neo4jstore.CheckMapping(h.Schema.Schema()); err != nil {
		panic(err)
	}
	h.PerOperation = root.WithLoaders
	h.RoundTrips = countRoundTrips
	if h.Versions == nil {
		h.Versions = store
	}
	if h.Measures == nil {
		h.Measures = store.Measures
	}
	if h.Networks == nil {
		h.Networks = store
	}
	if h.Logger == nil {
		h.Logger = log
	}
	if h.Auth.Tokens == nil {
		v := &auth.Verifier{JWT: cfg.JWT}
		if keys, ok := store.(auth.KeyStore); ok {
			v.Keys = keys
		}
		h.Auth.Tokens = v
	}
	return httpapi.NewHandler(h)
}

// countRoundTrips counts the Neo4j transactions run with the context it returns.
func countRoundTrips(ctx context.Context) (context.Context, func() int64) {
	ctx, n := neo4jstore.WithRoundTripCounter(ctx)
	return ctx, n.Load
}
