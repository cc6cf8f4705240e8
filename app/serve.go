package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
)

// Serve runs the HTTP API on cfg.Addr until ctx ends, then shuts down gracefully: /readyz answers 503 at
// once, new requests are still served for cfg.DrainDelay (so load balancers notice), then the listener
// closes and requests in flight get up to cfg.ShutdownTimeout to finish before their contexts are
// cancelled (which stops their Neo4j queries and analyses). When ready is not nil it receives the address
// actually listened on (useful with port 0).
func Serve(ctx context.Context, cfg Config, db *Database, log *slog.Logger, ready func(addr string)) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	api := NewAPI(db.Store, APIConfig{
		HTTP: httpapi.Config{Ready: db.Store, Logger: log, AllowedOrigins: cfg.AllowedOrigins, QueryTimeout: cfg.QueryTimeout,
			Debug: cfg.Debug, ResponseCacheBytes: cfg.ResponseCacheMB << 20, Limits: cfg.Limits, MaxBodyBytes: cfg.MaxBodyBytes,
			Admission: cfg.Admission, MetricsElsewhere: cfg.MetricsAddr != "", Auth: httpapi.AuthConfig{NoAnonymous: cfg.NoAnonymous},
			NoIntrospection: cfg.NoIntrospection, NoPlayground: cfg.NoPlayground,
			Restarts: func() int64 { return int64(db.EmbeddedRestarts()) }},
		AnalyticsCacheBytes: int64(cfg.AnalyticsCacheMB) << 20, AnalysisWorkers: cfg.Admission.HeavySlots,
		SearchLimit: cfg.SearchLimit, JWT: cfg.JWT,
	}, log)
	// Requests' contexts derive from base, which is cancelled when the drain time is up.
	base, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           api,
		BaseContext:       func(net.Listener) context.Context { return base },
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.PprofAddr != "" {
		stop, err := servePprof(cfg.PprofAddr, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	if cfg.MetricsAddr != "" {
		stop, err := serveMetrics(cfg.MetricsAddr, api.Metrics(), log)
		if err != nil {
			return err
		}
		defer stop()
	}
	log.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "playground", "/playground")
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	api.Drain()
	log.Info("shutting down: readiness is 503", "drainDelay", cfg.DrainDelay, "timeout", cfg.ShutdownTimeout)
	time.Sleep(cfg.DrainDelay)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	cancelRequests() // whatever still runs stops now
	if err != nil {
		log.Warn("requests still running when the shutdown timeout passed were cancelled", "err", err)
		_ = srv.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("http server stopped")
	return nil
}

// serveMetrics serves /metrics on its own listener, so it need not be reachable through the API's
// address. It returns a function that stops it.
func serveMetrics(addr string, metrics http.Handler, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDR: listening on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Info("serving metrics", "addr", ln.Addr().String(), "path", "/metrics")
	go func() { _ = srv.Serve(ln) }()
	return func() { _ = srv.Close() }, nil
}

// servePprof serves the runtime profiles on their own listener, so they are never reachable through the
// API's address. It returns a function that stops it.
func servePprof(addr string, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("PPROF_ADDR: listening on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Info("serving runtime profiles", "addr", ln.Addr().String(), "path", "/debug/pprof/")
	go func() { _ = srv.Serve(ln) }()
	return func() { _ = srv.Close() }, nil
}
