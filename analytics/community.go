package analytics

import (
	"context"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Communities is a partition of the stakeholders into communities.
type Communities struct {
	// Groups are the communities, each a sorted list of slugs; the largest come first, equal sizes in order
	// of first slug.
	Groups [][]string
	// Modularity is the partition's Q at the resolution used, as networkx.community.modularity computes it.
	Modularity float64
}

// Louvain partitions the undirected view into communities with the Louvain method at the given resolution
// (1 for standard modularity; higher values give smaller communities). The same seed gives the same
// partition, whatever order the network lists stakeholders and ties in. Louvain is a heuristic, so other
// implementations (NetworkX's louvain_communities, gonum's community.Modularize) find other partitions of
// similar modularity. Isolated stakeholders are communities of one, and Q is 0 on a network with no edges
// (where NetworkX divides by zero). Each sweep costs O(n+m); Louvain looks at ctx every checkEvery nodes
// and stops when it has ended.
func (g *Projection) Louvain(ctx context.Context, resolution float64, seed int64) (Communities, error) {
	comm, err := g.louvain(ctx, resolution, seed)
	if err != nil {
		return Communities{}, err
	}
	byComm := make(map[int32][]string)
	for v, c := range comm {
		byComm[c] = append(byComm[c], g.nodes.slugs[v])
	}
	groups := make([][]string, 0, len(byComm))
	for _, slugs := range byComm {
		groups = append(groups, slugs)
	}
	sortGroups(groups)
	// Number the communities in their final order, so Q sums in the same order as Modularity does.
	for c, slugs := range groups {
		for _, s := range slugs {
			comm[g.nodes.index[s]] = int32(c)
		}
	}
	return Communities{Groups: groups, Modularity: g.modularity(comm, len(groups), resolution)}, nil
}

// Modularity returns the modularity Q of a partition of the stakeholders at the given resolution,
// networkx.community.modularity on the undirected view:
//
//	Q = Σ_c [ L_c/m − resolution·(d_c/2m)² ]
//
// where m is the number of edges, L_c the number inside community c and d_c the sum of its members'
// degrees. Every stakeholder must be in exactly one group. gonum's community.Q computes the same value by
// summing over all pairs of members, O(Σ|c|²); this sums over edges, O(n+m).
func (g *Projection) Modularity(groups [][]string, resolution float64) (float64, error) {
	member := make([]int32, g.Nodes())
	for v := range member {
		member[v] = -1
	}
	for c, slugs := range groups {
		for _, s := range slugs {
			v, err := g.id(s)
			if err != nil {
				return 0, err
			}
			if member[v] >= 0 {
				return 0, domain.Errorf(domain.CodeInvalid, "stakeholder %q is in two communities", s)
			}
			member[v] = int32(c)
		}
	}
	for v, c := range member {
		if c < 0 {
			return 0, domain.Errorf(domain.CodeInvalid, "stakeholder %q is in no community", g.nodes.slugs[v])
		}
	}
	return g.modularity(member, len(groups), resolution), nil
}

// modularity computes Q for the community of each node.
func (g *Projection) modularity(member []int32, count int, resolution float64) float64 {
	m := float64(g.Edges(false))
	if m == 0 {
		return 0
	}
	inside := make([]float64, count)
	degrees := make([]float64, count)
	for u := range g.Nodes() {
		cu := member[u]
		degrees[cu] += float64(g.off[u+1] - g.off[u])
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if int32(u) < v && member[v] == cu {
				inside[cu]++
			}
		}
	}
	var q float64
	for c := range count {
		q += inside[c]/m - resolution*degrees[c]*degrees[c]/(4*m*m)
	}
	return q
}
