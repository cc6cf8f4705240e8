package analytics

import (
	"slices"
	"sync"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Projection is a network view held in memory for analysis (in graph databases' words, a graph
// projection): every measure runs on one. Build makes one from a domain.Network; it is immutable and safe
// for concurrent use.
//
// Nodes are numbered 0..n-1 in slug order. Adjacency is stored in compressed sparse rows (CSR) of int32 node
// IDs, sorted, so a graph of n nodes and m ties takes a few tens of bytes per node and per tie.
type Projection struct {
	nodes *nodeTable

	// The ties kept in the projection, sorted by undirected edge and then by key: the ties behind edge e
	// are tie indices [tieOff[e], tieOff[e+1]).
	tieKey  []string
	tieType []uint8 // index into types
	tieFrom []int32
	tieTo   []int32
	tieOff  []int32
	types   []domain.TieType

	// Undirected view: the neighbours of v are adj[off[v]:off[v+1]], ascending; eid holds the edge ID of each
	// slot.
	off []int32
	adj []int32
	eid []int32

	// Directed view: successors of v are out[outOff[v]:outOff[v+1]], predecessors in[inOff[v]:inOff[v+1]],
	// both ascending.
	outOff []int32
	out    []int32
	inOff  []int32
	in     []int32

	scratch sync.Pool // of *scratch, for searches

	exact [2]exactCache // exact raw betweenness of the undirected and the directed view
}

// nodeTable is what a graph and its subgraphs share: the stakeholders and their attributes.
type nodeTable struct {
	slugs   []string
	names   []string
	index   map[string]int32
	kind    []int32 // index into kinds
	sector  []int32 // index into sectors
	kinds   []domain.StakeholderKind
	sectors []domain.Sector
}

// TieRef names one tie behind an edge of the projection.
type TieRef struct {
	// Key is the tie's key (domain.NetworkTie.Key).
	Key string
	// Type is the tie's type.
	Type domain.TieType
	// From and To are the slugs of the tie's ends as the network gives them. For a partnership the order
	// carries no meaning.
	From, To string
}

// DefaultSearchWork is the default bound on the work, in the steps of SearchWork, that one analysis may
// spend on breadth-first searches from every stakeholder (exact betweenness, closeness, harmonic
// centrality, brokers, exact distances): exact betweenness of the generated network of 10,000
// stakeholders and 100,000 ties is 2.1e9 steps and took 5.6 to 11 s on two cores. Past the bound, an
// analysis samples its sources (betweenness, when asked to; distances) or the service refuses it.
const DefaultSearchWork = 2_500_000_000

// SearchWork is the number of steps of breadth-first searches from sources stakeholders: each visits
// every stakeholder and looks at every edge end (every arc, in the directed view).
func (g *Projection) SearchWork(sources int, directed bool) int64 {
	return int64(sources) * int64(g.Nodes()+g.ends(directed))
}

// ends is the number of edge ends a search looks at: twice the edges of the undirected view, or the
// arcs of the directed one.
func (g *Projection) ends(directed bool) int {
	if directed {
		return len(g.out)
	}
	return len(g.adj)
}

// SizeBytes estimates the memory the graph holds, for caches that keep projections within a budget: its
// arrays and their strings, and the node table (shared with subgraphs, and counted by each). For the
// generated network of 10,000 stakeholders and 100,000 ties it is 91% of what the graph keeps on the Go
// heap (TestSizeBytes checks it stays within 30%).
func (g *Projection) SizeBytes() int64 {
	n := int64(0)
	for _, s := range g.tieKey {
		n += 16 + int64(len(s))
	}
	n += int64(cap(g.tieType)) + 4*int64(cap(g.tieFrom)+cap(g.tieTo)+cap(g.tieOff)+cap(g.off)+cap(g.adj)+cap(g.eid)+
		cap(g.outOff)+cap(g.out)+cap(g.inOff)+cap(g.in))
	t := g.nodes
	for i := range t.slugs {
		n += 16 + int64(len(t.slugs[i])) + 16 + int64(len(t.names[i]))
	}
	n += int64(len(t.index))*(16+4+16) + 4*int64(cap(t.kind)+cap(t.sector))
	return n + int64(len(g.nodes.slugs))*16 // exact betweenness, once computed, in both views
}

// Nodes returns the number of stakeholders.
func (g *Projection) Nodes() int { return len(g.nodes.slugs) }

// Edges returns the number of edges of the undirected view, or of arcs of the directed view.
func (g *Projection) Edges(directed bool) int {
	if directed {
		return len(g.out)
	}
	return len(g.adj) / 2
}

// Ties returns the number of ties kept in the projection (several may stand behind one edge).
func (g *Projection) Ties() int { return len(g.tieKey) }

// Has reports whether the network has a stakeholder with this slug.
func (g *Projection) Has(slug string) bool {
	_, ok := g.nodes.index[slug]
	return ok
}

// Slug returns the slug of node i, for 0 <= i < Nodes(). Nodes are numbered in slug order.
func (g *Projection) Slug(i int) string { return g.nodes.slugs[i] }

// Slugs returns the slugs of all stakeholders, in ascending order. The caller must not modify the slice.
func (g *Projection) Slugs() []string { return g.nodes.slugs }

// Kind returns the kind of the stakeholder with this slug, and false if there is none.
func (g *Projection) Kind(slug string) (domain.StakeholderKind, bool) {
	v, ok := g.nodes.index[slug]
	if !ok {
		return "", false
	}
	return g.nodes.kinds[g.nodes.kind[v]], true
}

// Name returns the name of the stakeholder with this slug (empty if the network gave none), and false if
// there is no such stakeholder.
func (g *Projection) Name(slug string) (string, bool) {
	v, ok := g.nodes.index[slug]
	if !ok {
		return "", false
	}
	return g.nodes.names[v], true
}

// Sector returns the sector of the stakeholder with this slug, and false if there is none.
func (g *Projection) Sector(slug string) (domain.Sector, bool) {
	v, ok := g.nodes.index[slug]
	if !ok {
		return "", false
	}
	return g.nodes.sectors[g.nodes.sector[v]], true
}

// TiesBetween returns the ties between two stakeholders, in either direction, ordered by key; none when
// they are not adjacent or unknown.
func (g *Projection) TiesBetween(a, b string) []TieRef {
	u, ok1 := g.nodes.index[a]
	v, ok2 := g.nodes.index[b]
	if !ok1 || !ok2 {
		return nil
	}
	e := g.edgeID(u, v)
	if e < 0 {
		return nil
	}
	refs := make([]TieRef, 0, g.tieOff[e+1]-g.tieOff[e])
	for t := g.tieOff[e]; t < g.tieOff[e+1]; t++ {
		refs = append(refs, g.tieRef(t))
	}
	return refs
}

// TiesAmong returns the ties whose two ends are both in slugs (unknown slugs are ignored), ordered by
// their ends' slugs and then by key. With the result of Neighborhood it gives the ties of an ego network.
func (g *Projection) TiesAmong(slugs []string) []TieRef {
	in := make(map[int32]bool, len(slugs))
	for _, s := range slugs {
		if v, ok := g.nodes.index[s]; ok {
			in[v] = true
		}
	}
	members := make([]int32, 0, len(in))
	for v := range in {
		members = append(members, v)
	}
	slices.Sort(members)
	var refs []TieRef
	for _, u := range members {
		for i := g.off[u]; i < g.off[u+1]; i++ {
			if v := g.adj[i]; v > u && in[v] {
				e := g.eid[i]
				for t := g.tieOff[e]; t < g.tieOff[e+1]; t++ {
					refs = append(refs, g.tieRef(t))
				}
			}
		}
	}
	return refs
}

// tieRef describes tie t.
func (g *Projection) tieRef(t int32) TieRef {
	return TieRef{
		Key:  g.tieKey[t],
		Type: g.types[g.tieType[t]],
		From: g.nodes.slugs[g.tieFrom[t]],
		To:   g.nodes.slugs[g.tieTo[t]],
	}
}

// edgeID returns the ID of the undirected edge between u and v, or -1.
func (g *Projection) edgeID(u, v int32) int32 {
	nbrs := g.adj[g.off[u]:g.off[u+1]]
	if i, ok := slices.BinarySearch(nbrs, v); ok {
		return g.eid[int(g.off[u])+i]
	}
	return -1
}

// id returns the node ID of slug, or a not-found error.
func (g *Projection) id(slug string) (int32, error) {
	v, ok := g.nodes.index[slug]
	if !ok {
		return 0, domain.Errorf(domain.CodeNotFound, "no stakeholder %q in the network", slug)
	}
	return v, nil
}

// neighbours returns the CSR arrays to follow from a node: out-arcs in the directed view, edges in the
// undirected one.
func (g *Projection) neighbours(directed bool) (off, adj []int32) {
	if directed {
		return g.outOff, g.out
	}
	return g.off, g.adj
}

// reverse returns the CSR arrays of the arcs into a node: in-arcs in the directed view, edges in the
// undirected one.
func (g *Projection) reverse(directed bool) (off, adj []int32) {
	if directed {
		return g.inOff, g.in
	}
	return g.off, g.adj
}
