// Package app wires the service together, and is the only package that does: it reads configuration,
// starts the embedded Neo4j or connects to the configured one, migrates the schema, seeds an empty graph,
// builds the API (NewAPI: store, view cache, analysis service, resolvers, executable schema, HTTP handler,
// in that order) and runs the HTTP server until told to stop. The subcommands in server.go call it.
package app

import (
	"fmt"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
)

// Config is everything the service can be told, from flags and the environment.
type Config struct {
	// Addr is the HTTP listen address.
	Addr string
	// DataDir holds the embedded Neo4j's files; used only when Neo4jURI is empty.
	DataDir string
	// Neo4jURI, when set, points at an external Neo4j server or cluster instead of the embedded one.
	Neo4jURI, Neo4jUsername, Neo4jPassword, Neo4jDatabase string
	// EmbeddedHeapMB and EmbeddedPageCache bound the embedded Neo4j's memory.
	EmbeddedHeapMB    int
	EmbeddedPageCache string
	// AllowedOrigins is the CORS allow-list; empty allows no cross-origin browser calls.
	AllowedOrigins []string
	// QueryTimeout bounds each GraphQL request.
	QueryTimeout time.Duration
	// Seed loads the seed network into an empty graph at start-up.
	Seed bool
	// Debug adds each request's Neo4j transaction count to the GraphQL response's extensions.
	Debug bool
	// SearchLimit bounds the search steps of an analysis that searches from every stakeholder; 0 takes
	// the default.
	SearchLimit int64
	// AnalyticsCacheMB bounds the in-memory projections of network views and the analysis results kept
	// on them, in MiB.
	AnalyticsCacheMB int
	// ResponseCacheMB bounds the response cache (complete answers to queries, kept until the graph
	// changes) in MiB; 0 turns it off.
	ResponseCacheMB int
	// PprofAddr, when set, serves Go's runtime profiles (net/http/pprof) on this address, apart from the API.
	PprofAddr string
	// MetricsAddr, when set, serves /metrics on this address instead of the API's.
	MetricsAddr string
	// Limits bound each GraphQL request before it runs; zero fields take querycost's defaults.
	Limits querycost.Limits
	// MaxBodyBytes bounds a request body; zero takes the handler's default.
	MaxBodyBytes int64
	// Admission sets the per-client rate and concurrency limits; zero fields take the handler's defaults.
	Admission httpapi.AdmissionConfig
	// DrainDelay is how long the service keeps serving after readiness turns 503 at shutdown.
	DrainDelay time.Duration
	// ShutdownTimeout bounds how long requests in flight may take to finish at shutdown.
	ShutdownTimeout time.Duration
	// NoAnonymous refuses requests without a bearer token (ANONYMOUS=off); otherwise they read as viewers.
	NoAnonymous bool
	// NoIntrospection (INTROSPECTION=off) refuses introspection queries; NoPlayground (PLAYGROUND=off)
	// leaves the playground out.
	NoIntrospection, NoPlayground bool
	// JWT, when JWT_HS256_SECRET or JWT_JWKS_FILE is set, accepts JSON Web Tokens from an identity provider.
	JWT *auth.JWT
}

// defaultResponseCacheMB is the response cache's size unless RESPONSE_CACHE_MB says otherwise.
const defaultResponseCacheMB = 64

// defaultAnalyticsCacheMB bounds the projections and analysis results unless ANALYTICS_CACHE_MB says
// otherwise: room for the projection of a network of 100,000 stakeholders and a million ties (about 440
// MiB) or for dozens of views of smaller ones.
const defaultAnalyticsCacheMB = 512

// FromEnv fills the settings that come from the environment.
func (c *Config) FromEnv(getenv func(string) string) error {
	c.Neo4jURI = getenv("NEO4J_URI")
	c.Neo4jUsername = getenv("NEO4J_USERNAME")
	c.Neo4jPassword = getenv("NEO4J_PASSWORD")
	c.Neo4jDatabase = getenv("NEO4J_DATABASE")
	for _, o := range strings.Split(getenv("CORS_ALLOWED_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			if o == "*" {
				return fmt.Errorf("CORS_ALLOWED_ORIGINS: list the origins to allow; \"*\" is not accepted")
			}
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	switch v := getenv("GRAPHQL_DEBUG"); v {
	case "", "false", "0":
	case "true", "1":
		c.Debug = true
	default:
		return fmt.Errorf("GRAPHQL_DEBUG %q is not true or false", v)
	}
	switch v := getenv("ANONYMOUS"); v {
	case "", "read":
	case "off":
		c.NoAnonymous = true
	default:
		return fmt.Errorf("ANONYMOUS %q is not read or off", v)
	}
	for name, dst := range map[string]*bool{"INTROSPECTION": &c.NoIntrospection, "PLAYGROUND": &c.NoPlayground} {
		switch v := getenv(name); v {
		case "", "on":
		case "off":
			*dst = true
		default:
			return fmt.Errorf("%s %q is not on or off", name, v)
		}
	}
	if err := c.jwtFromEnv(getenv); err != nil {
		return err
	}
	c.PprofAddr = getenv("PPROF_ADDR")
	c.MetricsAddr = getenv("METRICS_ADDR")
	for _, p := range strings.Split(getenv("TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return fmt.Errorf("TRUSTED_PROXIES: %q is not an address or a CIDR prefix", p)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		c.Admission.TrustedProxies = append(c.Admission.TrustedProxies, prefix)
	}
	ints := []struct {
		name string
		dst  *int
	}{
		{"COMPLEXITY_LIMIT", &c.Limits.Complexity}, {"RATE_BURST", &c.Admission.Burst},
		{"CLIENT_CONCURRENCY", &c.Admission.PerClient}, {"EXECUTION_SLOTS", &c.Admission.Slots},
	}
	for _, f := range ints {
		if v := getenv(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("%s %q is not a positive number", f.name, v)
			}
			*f.dst = n
		}
	}
	if v := getenv("MAX_REQUEST_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("MAX_REQUEST_BYTES %q is not a positive number of bytes", v)
		}
		c.MaxBodyBytes = n
	}
	if v := getenv("RATE_LIMIT"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r <= 0 {
			return fmt.Errorf("RATE_LIMIT %q is not a positive number of requests per second", v)
		}
		c.Admission.Rate = r
	}
	c.DrainDelay, c.ShutdownTimeout = time.Second, 15*time.Second
	for name, dst := range map[string]*time.Duration{"SHUTDOWN_DRAIN_DELAY": &c.DrainDelay, "SHUTDOWN_TIMEOUT": &c.ShutdownTimeout} {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("%s %q is not a duration such as 5s", name, v)
			}
			*dst = d
		}
	}
	c.ResponseCacheMB = defaultResponseCacheMB
	if v := getenv("ANALYSIS_SEARCH_LIMIT"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n < 1 || n > 1e15 {
			return fmt.Errorf("ANALYSIS_SEARCH_LIMIT %q is not a number of search steps, such as 2.5e9", v)
		}
		c.SearchLimit = int64(n)
	}
	c.AnalyticsCacheMB = defaultAnalyticsCacheMB
	if v := getenv("ANALYTICS_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("ANALYTICS_CACHE_MB %q is not a positive number of MiB", v)
		}
		c.AnalyticsCacheMB = n
	}
	if v := getenv("RESPONSE_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("RESPONSE_CACHE_MB %q is not a number of MiB (0 turns the cache off)", v)
		}
		c.ResponseCacheMB = n
	}
	if v := getenv("QUERY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("QUERY_TIMEOUT %q is not a positive duration such as 30s", v)
		}
		c.QueryTimeout = d
	}
	return nil
}

// NewLogger returns the structured logger LOG_FORMAT (json or text, default text) and LOG_LEVEL (debug,
// info, warn, error; default info) ask for.
func NewLogger(getenv func(string) string, w interface{ Write([]byte) (int, error) }) (*slog.Logger, error) {
	var level slog.Level
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			return nil, fmt.Errorf("LOG_LEVEL %q is not one of debug, info, warn, error", v)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch getenv("LOG_FORMAT") {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, fmt.Errorf("LOG_FORMAT %q is not json or text", getenv("LOG_FORMAT"))
	}
}

// jwtFromEnv reads the JWT settings: JWT_HS256_SECRET and JWT_JWKS_FILE (either or both), JWT_ISSUER and
// JWT_AUDIENCE (both needed), JWT_ROLE_CLAIM (default role).
func (c *Config) jwtFromEnv(getenv func(string) string) error {
	secret, file := getenv("JWT_HS256_SECRET"), getenv("JWT_JWKS_FILE")
	if secret == "" && file == "" {
		return nil
	}
	j := &auth.JWT{Issuer: getenv("JWT_ISSUER"), Audience: getenv("JWT_AUDIENCE"), RoleClaim: getenv("JWT_ROLE_CLAIM")}
	if secret != "" {
		j.Secret = []byte(secret)
	}
	if file != "" {
		keys, err := auth.LoadJWKS(file)
		if err != nil {
			return fmt.Errorf("JWT_JWKS_FILE: %w", err)
		}
		j.Keys = keys
	}
	if err := j.Check(); err != nil {
		return fmt.Errorf("JWT settings: %w (JWT_HS256_SECRET, JWT_JWKS_FILE, JWT_ISSUER, JWT_AUDIENCE)", err)
	}
	c.JWT = j
	return nil
}
