package analytics

import (
	"cmp"
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Build projects a network into a Projection (see the package comment for the projection). It skips nil
// entries, ties whose ends are not stakeholders of the network and ties from a stakeholder to itself; a
// slug listed twice counts once, with the attributes of its first listing. Build keeps references to the
// network's strings but not to the network itself. A nil network gives an empty graph.
//
// Build takes O(n log n + m log m) time for n stakeholders and m ties; a network has at most 2^31-1 of
// each.
func Build(n *domain.Network) *Projection {
	if n == nil {
		n = &domain.Network{}
	}
	g := &Projection{nodes: newNodeTable(n.Stakeholders)}
	g.addTies(n.Ties)
	g.link()
	return g
}

// Network returns the network g holds, as lean as Build reads it: each stakeholder's slug, name, kind
// and sector, and each tie's key, type and ends. Building it again gives a projection equal to g.
func (g *Projection) Network() *domain.Network {
	n := &domain.Network{Stakeholders: make([]*domain.Stakeholder, len(g.nodes.slugs)),
		Ties: make([]*domain.NetworkTie, len(g.tieKey))}
	for i, slug := range g.nodes.slugs {
		n.Stakeholders[i] = &domain.Stakeholder{Slug: slug, Name: g.nodes.names[i],
			Kind: g.nodes.kinds[g.nodes.kind[i]], Sector: g.nodes.sectors[g.nodes.sector[i]]}
	}
	for t, key := range g.tieKey {
		n.Ties[t] = &domain.NetworkTie{Key: key, Type: g.types[g.tieType[t]],
			From: g.nodes.slugs[g.tieFrom[t]], To: g.nodes.slugs[g.tieTo[t]]}
	}
	return n
}

// Subgraph returns the projection of the same stakeholders with only the ties of the given types, for
// measures and paths over, say, partnerships alone. Node IDs and attributes are shared with g. No types
// means every type: Subgraph returns g itself. The cost is that of linking the kept ties, O(m log m).
func (g *Projection) Subgraph(types []domain.TieType) *Projection {
	if len(types) == 0 {
		return g
	}
	keep := make([]bool, len(g.types))
	for i, t := range g.types {
		keep[i] = slices.Contains(types, t)
	}
	s := &Projection{nodes: g.nodes, types: g.types}
	for t := range g.tieKey { // already in edge order, so filtering keeps it
		if keep[g.tieType[t]] {
			s.tieKey = append(s.tieKey, g.tieKey[t])
			s.tieType = append(s.tieType, g.tieType[t])
			s.tieFrom = append(s.tieFrom, g.tieFrom[t])
			s.tieTo = append(s.tieTo, g.tieTo[t])
		}
	}
	s.link()
	return s
}

// newNodeTable numbers the stakeholders in slug order and records their names, kinds and sectors.
func newNodeTable(list []*domain.Stakeholder) *nodeTable {
	order := make([]int32, 0, len(list))
	for i, s := range list {
		if s != nil {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(list[a].Slug, list[b].Slug) })

	t := &nodeTable{
		slugs:  make([]string, 0, len(order)),
		names:  make([]string, 0, len(order)),
		index:  make(map[string]int32, len(order)),
		kind:   make([]int32, 0, len(order)),
		sector: make([]int32, 0, len(order)),
	}
	kinds := make(map[domain.StakeholderKind]int32)
	sectors := make(map[domain.Sector]int32)
	for _, i := range order {
		s := list[i]
		if n := len(t.slugs); n > 0 && t.slugs[n-1] == s.Slug {
			continue
		}
		k, ok := kinds[s.Kind]
		if !ok {
			k = int32(len(t.kinds))
			kinds[s.Kind] = k
			t.kinds = append(t.kinds, s.Kind)
		}
		c, ok := sectors[s.Sector]
		if !ok {
			c = int32(len(t.sectors))
			sectors[s.Sector] = c
			t.sectors = append(t.sectors, s.Sector)
		}
		t.index[s.Slug] = int32(len(t.slugs))
		t.slugs = append(t.slugs, s.Slug)
		t.names = append(t.names, s.Name)
		t.kind = append(t.kind, k)
		t.sector = append(t.sector, c)
	}
	return t
}

// tieRec is a tie waiting to be sorted into edge order: edge is lo<<32|hi of its two ends.
type tieRec struct {
	edge uint64
	tie  *domain.NetworkTie
	from int32
	to   int32
}

// addTies keeps the valid ties, sorted by undirected edge and then by key.
func (g *Projection) addTies(ties []*domain.NetworkTie) {
	recs := make([]tieRec, 0, len(ties))
	for _, t := range ties {
		if t == nil {
			continue
		}
		a, ok1 := g.nodes.index[t.From]
		b, ok2 := g.nodes.index[t.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		recs = append(recs, tieRec{edge: edgeKey(a, b), tie: t, from: a, to: b})
	}
	slices.SortFunc(recs, func(x, y tieRec) int {
		if c := cmp.Compare(x.edge, y.edge); c != 0 {
			return c
		}
		if c := strings.Compare(x.tie.Key, y.tie.Key); c != 0 {
			return c
		}
		return strings.Compare(string(x.tie.Type), string(y.tie.Type))
	})

	g.tieKey = make([]string, len(recs))
	g.tieType = make([]uint8, len(recs))
	g.tieFrom = make([]int32, len(recs))
	g.tieTo = make([]int32, len(recs))
	for i, r := range recs {
		ti := slices.Index(g.types, r.tie.Type)
		if ti < 0 {
			if len(g.types) == 256 {
				panic("analytics: more than 256 tie types")
			}
			ti = len(g.types)
			g.types = append(g.types, r.tie.Type)
		}
		g.tieKey[i] = r.tie.Key
		g.tieType[i] = uint8(ti)
		g.tieFrom[i] = r.from
		g.tieTo[i] = r.to
	}
}

// edgeKey packs the ends of an undirected edge, lower ID first.
func edgeKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// link builds both views from the sorted ties.
func (g *Projection) link() {
	n := len(g.nodes.slugs)
	m := len(g.tieKey)

	// Undirected edges: runs of ties with the same ends.
	g.tieOff = make([]int32, 0, m+1)
	var ends []uint64
	for t := range m {
		k := edgeKey(g.tieFrom[t], g.tieTo[t])
		if len(ends) == 0 || ends[len(ends)-1] != k {
			g.tieOff = append(g.tieOff, int32(t))
			ends = append(ends, k)
		}
	}
	g.tieOff = append(g.tieOff, int32(m))

	// Edges come in (lo, hi) order, so filling rows in that order leaves every row sorted: the neighbours
	// below v arrive first (ascending lo), then those above (ascending hi).
	g.off = make([]int32, n+1)
	for _, k := range ends {
		g.off[(k>>32)+1]++
		g.off[uint32(k)+1]++
	}
	prefixSum(g.off)
	g.adj = make([]int32, 2*len(ends))
	g.eid = make([]int32, 2*len(ends))
	pos := slices.Clone(g.off[:n])
	for e, k := range ends {
		a, b := int32(k>>32), int32(uint32(k))
		g.adj[pos[a]], g.eid[pos[a]] = b, int32(e)
		pos[a]++
		g.adj[pos[b]], g.eid[pos[b]] = a, int32(e)
		pos[b]++
	}

	// Arcs: From->To for directed ties, both ways for the others.
	directed := make([]bool, len(g.types))
	for i, t := range g.types {
		directed[i] = t.Directed()
	}
	arcs := make([]uint64, 0, m+m/2)
	for t := range m {
		a, b := uint64(g.tieFrom[t]), uint64(g.tieTo[t])
		arcs = append(arcs, a<<32|b)
		if !directed[g.tieType[t]] {
			arcs = append(arcs, b<<32|a)
		}
	}
	slices.Sort(arcs)
	arcs = slices.Compact(arcs)

	g.outOff = make([]int32, n+1)
	g.inOff = make([]int32, n+1)
	for _, k := range arcs {
		g.outOff[(k>>32)+1]++
		g.inOff[uint32(k)+1]++
	}
	prefixSum(g.outOff)
	prefixSum(g.inOff)
	g.out = make([]int32, len(arcs))
	g.in = make([]int32, len(arcs))
	pos = slices.Clone(g.inOff[:n])
	for i, k := range arcs {
		a, b := int32(k>>32), int32(uint32(k))
		g.out[i] = b // arcs are sorted by (from, to): rows are contiguous and sorted
		g.in[pos[b]] = a
		pos[b]++
	}
}

// prefixSum turns counts at off[v+1] into row offsets.
func prefixSum(off []int32) {
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
}
