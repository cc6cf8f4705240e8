package domain

import "io"

// CentralityMetric is a measure of how central a stakeholder is.
type CentralityMetric string

// The centrality metrics.
const (
	MetricDegree      CentralityMetric = "DEGREE"
	MetricInDegree    CentralityMetric = "IN_DEGREE"
	MetricOutDegree   CentralityMetric = "OUT_DEGREE"
	MetricBetweenness CentralityMetric = "BETWEENNESS"
	MetricCloseness   CentralityMetric = "CLOSENESS"
	MetricHarmonic    CentralityMetric = "HARMONIC"
	MetricPageRank    CentralityMetric = "PAGERANK"
	MetricEigenvector CentralityMetric = "EIGENVECTOR"
	MetricCoreNumber  CentralityMetric = "CORE_NUMBER"
)

// CentralityMetrics lists every centrality metric.
var CentralityMetrics = []CentralityMetric{MetricDegree, MetricInDegree, MetricOutDegree, MetricBetweenness,
	MetricCloseness, MetricHarmonic, MetricPageRank, MetricEigenvector, MetricCoreNumber}

// CommunityAlgorithm is a way to partition the network into communities.
type CommunityAlgorithm string

// The community algorithms.
const (
	AlgorithmLouvain                     CommunityAlgorithm = "LOUVAIN"
	AlgorithmConnectedComponents         CommunityAlgorithm = "CONNECTED_COMPONENTS"
	AlgorithmStronglyConnectedComponents CommunityAlgorithm = "STRONGLY_CONNECTED_COMPONENTS"
)

// CommunityAlgorithms lists every community algorithm.
var CommunityAlgorithms = []CommunityAlgorithm{AlgorithmLouvain, AlgorithmConnectedComponents,
	AlgorithmStronglyConnectedComponents}

// IsValid reports whether m is a known metric.
func (m CentralityMetric) IsValid() bool { return contains(CentralityMetrics, m) }

// IsValid reports whether a is a known algorithm.
func (a CommunityAlgorithm) IsValid() bool { return contains(CommunityAlgorithms, a) }

// MarshalGQL writes the metric as a GraphQL enum value.
func (m CentralityMetric) MarshalGQL(w io.Writer) { writeEnum(w, m) }

// UnmarshalGQL reads a GraphQL enum value.
func (m *CentralityMetric) UnmarshalGQL(v any) error { return readEnum(v, m, "CentralityMetric") }

// MarshalGQL writes the algorithm as a GraphQL enum value.
func (a CommunityAlgorithm) MarshalGQL(w io.Writer) { writeEnum(w, a) }

// UnmarshalGQL reads a GraphQL enum value.
func (a *CommunityAlgorithm) UnmarshalGQL(v any) error { return readEnum(v, a, "CommunityAlgorithm") }
