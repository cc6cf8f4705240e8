package analytics

import (
	"slices"
	"strings"
)

// Mixing describes how the edges of the undirected view fall within and across groups of stakeholders
// (kinds or sectors).
type Mixing struct {
	// Groups are the groups present in the network, in order of name.
	Groups []Group
	// Ties[i][j] is the number of edges between a member of Groups[i] and a member of Groups[j]: symmetric,
	// with the edges inside Groups[i] on the diagonal. Each edge counts once. (NetworkX's
	// attribute_mixing_matrix counts every edge in both directions, so its off-diagonal cells equal these and
	// its diagonal is twice this one.)
	Ties [][]int
	// EI is Krackhardt and Stern's E-I index of the whole network, (E-I)/(E+I) where E is the number of
	// edges between groups and I the number inside them: -1 when every edge stays inside a group, +1 when
	// none does, 0 when there are no edges.
	EI float64
}

// Group is one kind or sector and how its members' edges fall.
type Group struct {
	// Name is the kind or sector.
	Name string
	// Members is the number of stakeholders in the group.
	Members int
	// Internal is the number of edges with both ends in the group, each counted once.
	Internal int
	// External is the number of edges with exactly one end in the group.
	External int
	// EI is Krackhardt and Stern's E-I index of the group, (External-Internal)/(External+Internal): -1 for a
	// group whose edges all stay inside it, +1 for one whose edges all leave it, 0 when its members have no
	// edges.
	EI float64
}

// mixing counts the edges within and across the groups given by group (one index per node into names).
func (g *Projection) mixing(group []int32, names []string) Mixing {
	// Order the groups by name; rank maps a table index to its place in that order.
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
	rank := make([]int, len(names))
	for r, i := range order {
		rank[i] = r
	}

	mx := Mixing{Groups: make([]Group, len(names)), Ties: make([][]int, len(names))}
	for r, i := range order {
		mx.Groups[r].Name = names[i]
		mx.Ties[r] = make([]int, len(names))
	}
	for _, c := range group {
		mx.Groups[rank[c]].Members++
	}
	var internal, external int
	for u := range g.Nodes() {
		a := rank[group[u]]
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if int32(u) > v {
				continue
			}
			b := rank[group[v]]
			if a == b {
				mx.Ties[a][a]++
				mx.Groups[a].Internal++
				internal++
				continue
			}
			mx.Ties[a][b]++
			mx.Ties[b][a]++
			mx.Groups[a].External++
			mx.Groups[b].External++
			external++
		}
	}
	for i := range mx.Groups {
		mx.Groups[i].EI = eiIndex(mx.Groups[i].External, mx.Groups[i].Internal)
	}
	mx.EI = eiIndex(external, internal)
	return mx
}

// eiIndex is (e-i)/(e+i), or 0 when both are 0.
func eiIndex(e, i int) float64 {
	if e+i == 0 {
		return 0
	}
	return float64(e-i) / float64(e+i)
}
