package httpapi

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what GET /metrics shows, in the Prometheus text format. Each handler has its own registry,
// so several handlers in one process (tests) do not collide.
type metrics struct {
	registry     *prometheus.Registry
	operations   *prometheus.CounterVec
	duration     prometheus.Histogram
	transactions prometheus.Histogram
	cacheLookups *prometheus.CounterVec
	inFlight     prometheus.Gauge
	refused      *prometheus.CounterVec
}

func newMetrics(ready Readiness, restarts func() int64) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stakeholder_graph_graphql_operations_total",
			Help: "GraphQL operations answered, by outcome (ok, or error when the response carries errors).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "stakeholder_graph_graphql_operation_seconds",
			Help:    "Time to answer a GraphQL operation.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}),
		transactions: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "stakeholder_graph_neo4j_transactions_per_operation",
			Help:    "Neo4j transactions (Bolt round trips) one GraphQL operation ran.",
			Buckets: []float64{0, 1, 2, 3, 4, 6, 8, 12, 16, 32},
		}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stakeholder_graph_response_cache_lookups_total",
			Help: "Queries looked up in the response cache, by result: hit, miss, or bypass (Cache-Control: no-cache).",
		}, []string{"result"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "stakeholder_graph_http_requests_in_flight",
			Help: "HTTP requests being served now.",
		}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stakeholder_graph_requests_refused_total",
			Help: "Requests refused before they ran, by the code of the limit or check that refused them " +
				"(RATE_LIMITED, OVERLOADED, COMPLEXITY_LIMIT_EXCEEDED, REQUEST_TOO_LARGE, GRAPHQL_PARSE_FAILED, ...).",
		}, []string{"code"}),
	}
	m.registry.MustRegister(m.operations, m.duration, m.transactions, m.cacheLookups, m.inFlight, m.refused,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if ready != nil {
		m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "stakeholder_graph_neo4j_up",
			Help: "1 while Neo4j answers, 0 while it cannot be reached.",
		}, func() float64 {
			if up, _ := ready.Available(); up {
				return 1
			}
			return 0
		}))
	}
	if restarts != nil {
		m.registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "stakeholder_graph_neo4j_restarts_total",
			Help: "Restarts of the embedded Neo4j after it stopped on its own.",
		}, func() float64 { return float64(restarts()) }))
	}
	return m
}

// observe records one answered operation.
func (m *metrics) observe(took time.Duration, transactions int64, failed bool) {
	outcome := "ok"
	if failed {
		outcome = "error"
	}
	m.operations.WithLabelValues(outcome).Inc()
	m.duration.Observe(took.Seconds())
	m.transactions.Observe(float64(transactions))
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
