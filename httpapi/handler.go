// Package httpapi builds the service's HTTP handler: the GraphQL endpoint, the explorer and the
// playground, network downloads, metrics, and the health and readiness probes. Every route is visible in
// NewHandler, and so is every layer a request passes through on its way in: request ID and access log,
// panic recovery, security headers, CORS, admission (rate and concurrency limits per client), the body
// size limit and compression.
package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/klauspost/compress/gzhttp"
	"github.com/rs/cors"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
	"github.com/stakeholder-graph/stakeholder-graph/web"
)

// Versions gives the version of the stored graph, which moves on with every write.
type Versions interface {
	GraphVersion(ctx context.Context) (int64, error)
}

// Readiness says whether the database answers, without asking it (the store keeps track).
type Readiness interface {
	Available() (up bool, since time.Time)
}

// Config is what the handler needs: the GraphQL schema ready to execute, a few narrow views of the stored
// graph, and the HTTP settings. Package app builds it.
type Config struct {
	// Schema is the GraphQL API: the generated executable schema with its resolvers.
	Schema graphql.ExecutableSchema
	// PerOperation, when set, prepares the context of every operation that runs (the resolvers' batching
	// of nested lists).
	PerOperation func(ctx context.Context) context.Context
	// RoundTrips, when set, counts the database round trips of an operation: it returns a context that
	// counts them and a function that reads the count, for metrics, logs and debug answers.
	RoundTrips func(ctx context.Context) (context.Context, func() int64)
	// Versions tells the response cache the graph's version.
	Versions Versions
	// Measures gives the graph's measures, for pricing queries (see querycost).
	Measures func(ctx context.Context) domain.GraphMeasures
	// Networks reads network views for downloads.
	Networks NetworkReader
	// Ready tells /readyz whether the database answers.
	Ready Readiness
	// Logger receives access logs and internal errors.
	Logger *slog.Logger
	// AllowedOrigins lists the origins browsers may call the API from (CORS). Empty allows none.
	AllowedOrigins []string
	// QueryTimeout bounds each GraphQL request, down to the database transaction. Zero means 30 s.
	QueryTimeout time.Duration
	// Limits bound each GraphQL request before it runs (package querycost); zero fields take its defaults.
	Limits querycost.Limits
	// MaxBodyBytes bounds a request body. Zero means 256 KiB.
	MaxBodyBytes int64
	// Admission limits what each client, and all together, may have the service do; zero fields take
	// defaults (see defaultAdmission).
	Admission AdmissionConfig
	// Debug adds an `extensions.cost` entry to every response: the Neo4j transactions the request ran,
	// whether the answer came from the response cache, and its price.
	Debug bool
	// ResponseCacheBytes bounds the response cache: complete answers to queries, kept until the graph
	// changes. Zero turns the cache off.
	ResponseCacheBytes int
	// MetricsElsewhere leaves /metrics off this handler, for a deployment that serves it on another
	// listener (see Handler.Metrics).
	MetricsElsewhere bool
	// Restarts, when set, counts the restarts of the embedded Neo4j, for /metrics.
	Restarts func() int64
	// Auth says who may use the GraphQL endpoint and the exports.
	Auth AuthConfig
	// NoIntrospection refuses introspection queries (__schema, __type), for a public deployment that
	// publishes its schema elsewhere; NoPlayground leaves /playground out.
	NoIntrospection, NoPlayground bool
}

// countRoundTrips starts counting the database round trips of an operation, when the store can.
func (c Config) countRoundTrips(ctx context.Context) (context.Context, func() int64) {
	if c.RoundTrips == nil {
		return ctx, func() int64 { return 0 }
	}
	return c.RoundTrips(ctx)
}

// defaultAdmission fills the zero fields of an admission configuration. Four slots per core keep the cores
// busy while operations wait for Neo4j (with two, the benchmark's uncached mix at 16 clients lost a tenth
// of its throughput to the queue when each Neo4j round trip took 8 ms); more would only share the cores,
// slowing every other down. A heavy slot per two cores leaves the other cores to everything else.
func defaultAdmission(c AdmissionConfig) AdmissionConfig {
	cores := runtime.GOMAXPROCS(0)
	if c.Rate <= 0 {
		c.Rate = 50
	}
	if c.Burst <= 0 {
		c.Burst = 100
	}
	if c.PerClient <= 0 {
		c.PerClient = 16
	}
	if c.Slots <= 0 {
		c.Slots = 4 * cores
	}
	if c.HeavySlots <= 0 {
		c.HeavySlots = max(1, cores/2)
	}
	if c.MaxWait <= 0 {
		c.MaxWait = 2 * time.Second
	}
	return c
}

// Handler is the service's HTTP handler.
type Handler struct {
	http.Handler
	metrics  *metrics
	draining atomic.Bool
}

// NewHandler returns the service's HTTP handler.
func NewHandler(cfg Config) *Handler {
	if cfg.Schema == nil || cfg.ResponseCacheBytes > 0 && cfg.Versions == nil {
		panic("httpapi: Config needs a Schema, and Versions for a response cache (app.NewAPI sets both)")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.QueryTimeout == 0 {
		cfg.QueryTimeout = 30 * time.Second
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 256 << 10
	}
	cfg.Limits = cfg.Limits.WithDefaults()
	cfg.Admission = defaultAdmission(cfg.Admission)
	h := &Handler{metrics: newMetrics(cfg.Ready, cfg.Restarts)}
	admit := newAdmission(cfg.Admission)
	limited := func(next http.Handler) http.Handler { return admit.limit(next) }

	mux := http.NewServeMux()
	gql := limited(authenticate(cfg.Auth, limitBody(cfg.MaxBodyBytes, withTimeout(newGraphQLServer(cfg, h.metrics, admit), cfg.QueryTimeout))))
	mux.Handle("GET /graphql", gql)
	mux.Handle("POST /graphql", gql)
	mux.Handle("OPTIONS /graphql", gql)
	if !cfg.NoPlayground {
		playground := web.Playground()
		mux.Handle("GET "+web.Path, playground)
		mux.Handle("GET "+web.Path+"/", playground)
	}
	mux.Handle("GET /export/{format}", limited(authenticate(cfg.Auth, withTimeout(exportNetwork(cfg.Networks, admit), 4*cfg.QueryTimeout))))
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(cfg.Ready, &h.draining))
	if !cfg.MetricsElsewhere {
		mux.Handle("GET /metrics", h.metrics.handler())
	}
	explorer := web.Explorer()
	mux.Handle("GET /{$}", explorer)
	mux.Handle("GET "+web.ExplorerAssetsPath, explorer)

	compress, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.ExceptContentTypes([]string{"application/zip"}))
	if err != nil {
		panic(err) // the options above are fixed and valid
	}
	var inner http.Handler = compress(mux)
	if len(cfg.AllowedOrigins) > 0 {
		// rs/cors allows every origin when given none, so it is only installed with a list.
		inner = cors.New(cors.Options{
			AllowedOrigins:   cfg.AllowedOrigins,
			AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders:   []string{"Content-Type", "Accept", "Cache-Control", "Authorization", requestIDHeader},
			ExposedHeaders:   []string{requestIDHeader, "Retry-After"},
			AllowCredentials: false,
			MaxAge:           600,
		}).Handler(inner)
	}
	h.Handler = observe(cfg.Logger, h.metrics, recoverPanics(cfg.Logger, secure(inner)))
	return h
}

// Metrics returns the /metrics handler, to serve on another listener when MetricsElsewhere is set.
func (h *Handler) Metrics() http.Handler { return h.metrics.handler() }

// Drain makes /readyz answer 503 from now on, so load balancers stop sending requests before the server
// shuts down.
func (h *Handler) Drain() { h.draining.Store(true) }

// healthz answers while the process is up.
func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database answers and the service is not shutting down, 503 otherwise. It
// asks the store's view of the database, so it never waits.
func readyz(db Readiness, draining *atomic.Bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if draining.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
			return
		}
		if up, since := db.Available(); !up {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable",
				"neo4j": "unreachable since " + since.UTC().Format(time.RFC3339)})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "neo4j": "ok"})
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// limitBody stops reading a request body past max bytes; the transport answers 413.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

// withTimeout gives each request a deadline, which flows to the Neo4j transactions it runs.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
