// Package httpapi builds the service's HTTP handler: the GraphQL endpoint, the playground, network
// downloads, and the health and readiness probes, with CORS, request deadlines and access logs. Every
// route is visible in NewHandler.
package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/rs/cors"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/web"
)

// Pinger checks that the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config is what the handler needs.
type Config struct {
	// Graph answers the GraphQL queries.
	Graph domain.Graph
	// Ready checks that the database answers, for /readyz.
	Ready Pinger
	// Logger receives access logs and internal errors.
	Logger *slog.Logger
	// AllowedOrigins lists the origins browsers may call the API from (CORS). Empty allows none.
	AllowedOrigins []string
	// QueryTimeout bounds each GraphQL request, down to the database transaction. Zero means 30 s.
	QueryTimeout time.Duration
	// ComplexityLimit rejects operations whose cost exceeds it before anything runs. Zero means 25000.
	ComplexityLimit int
	// DepthLimit rejects operations nested deeper than this before anything runs. Zero means 12.
	DepthLimit int
	// Debug adds an `extensions.cost` entry to every response: the Neo4j transactions the request ran,
	// and whether the answer came from the response cache.
	Debug bool
	// ResponseCacheBytes bounds the response cache: complete answers to queries, kept until the graph
	// changes. Zero turns the cache off.
	ResponseCacheBytes int
}

// NewHandler returns the service's HTTP handler.
func NewHandler(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.QueryTimeout == 0 {
		cfg.QueryTimeout = 30 * time.Second
	}
	if cfg.ComplexityLimit == 0 {
		cfg.ComplexityLimit = 25000
	}
	if cfg.DepthLimit == 0 {
		cfg.DepthLimit = 12
	}
	mux := http.NewServeMux()
	m := newMetrics()
	gql := withTimeout(newGraphQLServer(cfg, m), cfg.QueryTimeout)
	mux.Handle("GET /graphql", gql)
	mux.Handle("POST /graphql", gql)
	mux.Handle("OPTIONS /graphql", gql)
	playground := web.Playground()
	mux.Handle("GET "+web.Path, playground)
	mux.Handle("GET "+web.Path+"/", playground)
	mux.Handle("GET /export/{format}", withTimeout(exportNetwork(cfg.Graph), 4*cfg.QueryTimeout))
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(cfg.Ready))
	mux.Handle("GET /metrics", m.handler())
	explorer := web.Explorer()
	mux.Handle("GET /{$}", explorer)
	mux.Handle("GET "+web.ExplorerAssetsPath, explorer)

	c := cors.New(cors.Options{
		AllowedOrigins:   cfg.AllowedOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Cache-Control"},
		AllowCredentials: false,
		MaxAge:           600,
	})
	compress, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.ExceptContentTypes([]string{"application/zip"}))
	if err != nil {
		panic(err) // the options above are fixed and valid
	}
	return accessLog(cfg.Logger, c.Handler(compress(mux)))
}

// healthz answers while the process is up.
func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when the database answers within two seconds, 503 otherwise.
func readyz(db Pinger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "neo4j": domain.ErrorMessage(err)})
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

// withTimeout gives each request a deadline, which flows to the Neo4j transactions it runs.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// accessLog logs one line per request.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("duration", time.Since(start)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
