// Package analytics measures the structure of a stakeholder network: centralities, communities,
// components, cores, mixing between kinds and sectors, brokers, shortest paths and neighbourhoods. It works
// on an in-memory projection of a domain.Network built once by Build, and its results agree with NetworkX
// (the reference the tests compare against, see testdata/networkx_expected.py) to 1e-6.
//
// # Projection
//
// Nodes are the stakeholders of the network, isolated ones included, identified by slug. Node IDs are
// dense (0..n-1) and follow slug order, so results do not depend on the order the network lists its
// stakeholders and ties in. The network is seen in two views:
//
//   - The undirected view (the default) is a simple undirected graph: any tie of any type between two
//     stakeholders gives one edge. Several ties between the same two stakeholders collapse into one edge,
//     and there are no self loops.
//   - The directed view is a simple directed graph: a directed tie (MEMBER_OF, PART_OF, SECRETARIAT_OF, see
//     domain.TieType.Directed) gives an arc From->To, and a partnership, which has no direction, gives arcs
//     both ways. Ties that give the same arc collapse into one.
//
// Every edge keeps the ties behind it (key, type and direction), so paths and neighbourhoods can be shown
// with the ties that make them (Projection.TiesBetween, Projection.TiesAmong). Ties whose ends are not stakeholders of
// the network, and ties from a stakeholder to itself, are left out. Projection.Subgraph restricts the
// projection to some tie types.
//
// A Projection is immutable once built and safe for concurrent use.
//
// # Conventions
//
// Measures that rank stakeholders return a Ranking: one Score per stakeholder, highest value first, ties
// broken by slug. Each measure's doc comment names the NetworkX function it matches and any convention
// that differs. Where NetworkX raises (a disconnected graph has no diameter, an edgeless graph no
// reciprocity) this package reports the value on the largest component, or zero, and says so.
//
// # Gonum
//
// gonum (gonum.org/v1/gonum/graph) is the tests' second reference besides NetworkX: they expose both views
// to it without copying. Every measure runs on the projection's compressed adjacency arrays instead; each
// says in a comment what gonum lacks or does differently (for components and core numbers, speed: see
// components.go), and the tests check each against gonum's implementation where there is one
// (network.Betweenness, Closeness, Harmonic and PageRankSparse, community.Modularize and Q,
// path.DijkstraAllFrom, topo.ConnectedComponents, TarjanSCC and DegeneracyOrdering).
//
// Costs: Build is O(n log n + m log m) for n stakeholders and m ties (half a second for 100k and 1M).
// Betweenness, closeness, harmonic centrality, Stats and Brokers run one breadth-first search per node,
// O(n·m), spread over GOMAXPROCS goroutines (exact betweenness takes seconds at 10k stakeholders); on
// large networks use sampled betweenness. The other measures are close to linear. Every measure that can
// take more than a few milliseconds takes a context and stops soon after it ends (see cancel.go).
package analytics
