// Package app wires the service together: it reads configuration, starts the embedded Neo4j or connects
// to the configured one, migrates the schema, seeds an empty graph, and runs the HTTP server until told
// to stop. The subcommands in server.go call it.
package app

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
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
	// ResponseCacheMB bounds the response cache (complete answers to queries, kept until the graph
	// changes) in MiB; 0 turns it off.
	ResponseCacheMB int
	// PprofAddr, when set, serves Go's runtime profiles (net/http/pprof) on this address, apart from the API.
	PprofAddr string
}

// defaultResponseCacheMB is the response cache's size unless RESPONSE_CACHE_MB says otherwise.
const defaultResponseCacheMB = 64

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
	c.PprofAddr = getenv("PPROF_ADDR")
	c.ResponseCacheMB = defaultResponseCacheMB
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
