package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// requestInfo is what one request's access log line says beyond method, path and status. The layers
// a request passes through fill it in: the GraphQL server the operation's name and Neo4j round trips,
// the limits and the transport the code of a refusal.
type requestInfo struct {
	id string

	mu         sync.Mutex
	operation  string
	roundTrips int64
	cached     bool
	refused    string
}

type requestInfoKey struct{}

func infoOf(ctx context.Context) *requestInfo {
	i, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return i
}

// noteRefusal records the code of the check that refused the request.
func noteRefusal(ctx context.Context, code string) {
	if i := infoOf(ctx); i != nil {
		i.mu.Lock()
		if i.refused == "" {
			i.refused = code
		}
		i.mu.Unlock()
	}
}

// noteOperation records what the GraphQL server learnt about the request's operation.
func noteOperation(ctx context.Context, name string, roundTrips int64, cached bool) {
	if i := infoOf(ctx); i != nil {
		i.mu.Lock()
		i.operation, i.roundTrips, i.cached = name, roundTrips, cached
		i.mu.Unlock()
	}
}

// requestIDHeader carries the request ID: taken from the client (or a proxy in front) when it sends a
// reasonable one, made up otherwise, and always sent back.
const requestIDHeader = "X-Request-ID"

// requestID returns the client's request ID when it is short and printable, a new random one otherwise.
func requestID(r *http.Request) string {
	if id := r.Header.Get(requestIDHeader); id != "" && len(id) <= 128 && printable(id) {
		return id
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// observe gives each request an ID and an info record, counts it in flight, and logs one line when it
// is done: method, path, status, duration, bytes written, and what the inner layers recorded. Requests
// refused for the client's own mistake log at info level, server failures at warn; neither is an error
// of the service's own.
func observe(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: requestID(r)}
		w.Header().Set(requestIDHeader, info.id)
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		ctx := domain.WithRequestID(context.WithValue(r.Context(), requestInfoKey{}, info), info.id)
		next.ServeHTTP(rec, r.WithContext(ctx))

		info.mu.Lock()
		defer info.mu.Unlock()
		if info.refused != "" {
			m.refused.WithLabelValues(info.refused).Inc()
		}
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelWarn
		}
		attrs := []slog.Attr{slog.String("id", info.id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("duration", time.Since(start)), slog.Int64("bytes", rec.bytes)}
		if info.operation != "" {
			attrs = append(attrs, slog.String("operation", info.operation))
		}
		if info.roundTrips > 0 || info.operation != "" {
			attrs = append(attrs, slog.Int64("neo4jRoundTrips", info.roundTrips), slog.Bool("cached", info.cached))
		}
		if info.refused != "" {
			attrs = append(attrs, slog.String("refused", info.refused))
		}
		log.LogAttrs(ctx, level, "request", attrs...)
	})
}

// recoverPanics turns a panic in a handler into one INTERNAL answer, logged with its stack, instead of a
// dropped connection. http.ErrAbortHandler is passed on: it is how a handler cuts a download short.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.ErrorContext(r.Context(), "panic while serving a request", "panic", fmt.Sprint(p),
				"path", r.URL.Path, "stack", string(debug.Stack()))
			if rec.wrote {
				panic(http.ErrAbortHandler) // too late for an error response: cut the answer short
			}
			w.Header().Set("Content-Type", contentJSON)
			writeRequestError(w, http.StatusInternalServerError, string(domain.CodeInternal), "internal error")
		}()
		next.ServeHTTP(rec, r)
	})
}

// secure sets the headers every response carries: browsers must not guess content types, and pages
// are not framed by other sites.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status and the size of what a handler writes.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
