package analytics

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/topo"
)

// Components returns the connected components of the undirected view, which are the weakly connected
// components of the directed view (networkx.connected_components). Each is a sorted list of slugs, an
// isolated stakeholder making a component of one; the largest come first, equal sizes in order of first
// slug.
func (g *Graph) Components() [][]string {
	return g.slugGroups(topo.ConnectedComponents(undirectedView{g}))
}

// StrongComponents returns the strongly connected components of the directed view
// (networkx.strongly_connected_components), ordered as Components orders them.
func (g *Graph) StrongComponents() [][]string {
	return g.slugGroups(topo.TarjanSCC(directedView{g}))
}

// KCore gives every stakeholder its core number in the undirected view (networkx.core_number): the largest
// k such that it belongs to a subgraph where everyone has at least k neighbours. The values are whole
// numbers. It uses gonum's topo.DegeneracyOrdering, whose bucket scans make it slower than linear (about 2 s
// at 100k stakeholders and 1M ties, against 0.3 s for Components).
func (g *Graph) KCore() Ranking {
	_, cores := topo.DegeneracyOrdering(undirectedView{g})
	values := make([]float64, g.Nodes())
	for k, members := range cores {
		for _, v := range members {
			values[v.ID()] = float64(k)
		}
	}
	return g.rank(values)
}

// slugGroups turns groups of gonum nodes into sorted groups of slugs.
func (g *Graph) slugGroups(groups [][]graph.Node) [][]string {
	out := make([][]string, len(groups))
	for i, members := range groups {
		out[i] = make([]string, len(members))
		for j, v := range members {
			out[i][j] = g.nodes.slugs[v.ID()]
		}
	}
	sortGroups(out)
	return out
}
