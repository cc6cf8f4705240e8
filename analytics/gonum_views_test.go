package analytics

import (
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// undirectedView is the undirected view seen as a gonum graph.Undirected, node IDs being the dense IDs
// of Projection.Slug. It reads the Projection's arrays and copies nothing.
type undirectedView struct{ g *Projection }

// directedView is the directed view seen as a gonum graph.Directed.
type directedView struct{ g *Projection }

var (
	_ graph.Undirected = undirectedView{}
	_ graph.Directed   = directedView{}
)

func (u undirectedView) Node(id int64) graph.Node { return u.g.node(id) }
func (u undirectedView) Nodes() graph.Nodes       { return &allNodes{n: int64(u.g.Nodes()), i: -1} }
func (u undirectedView) From(id int64) graph.Nodes {
	return u.g.row(u.g.off, u.g.adj, id)
}
func (u undirectedView) HasEdgeBetween(x, y int64) bool { return u.g.hasArc(u.g.off, u.g.adj, x, y) }
func (u undirectedView) Edge(x, y int64) graph.Edge     { return u.EdgeBetween(x, y) }
func (u undirectedView) EdgeBetween(x, y int64) graph.Edge {
	if !u.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: simple.Node(x), T: simple.Node(y)}
}

func (d directedView) Node(id int64) graph.Node { return d.g.node(id) }
func (d directedView) Nodes() graph.Nodes       { return &allNodes{n: int64(d.g.Nodes()), i: -1} }
func (d directedView) From(id int64) graph.Nodes {
	return d.g.row(d.g.outOff, d.g.out, id)
}
func (d directedView) To(id int64) graph.Nodes { return d.g.row(d.g.inOff, d.g.in, id) }
func (d directedView) HasEdgeBetween(x, y int64) bool {
	return d.HasEdgeFromTo(x, y) || d.HasEdgeFromTo(y, x)
}
func (d directedView) HasEdgeFromTo(x, y int64) bool { return d.g.hasArc(d.g.outOff, d.g.out, x, y) }
func (d directedView) Edge(x, y int64) graph.Edge {
	if !d.HasEdgeFromTo(x, y) {
		return nil
	}
	return simple.Edge{F: simple.Node(x), T: simple.Node(y)}
}

// node returns the gonum node with this ID, or nil.
func (g *Projection) node(id int64) graph.Node {
	if id < 0 || id >= int64(g.Nodes()) {
		return nil
	}
	return simple.Node(id)
}

// row returns an iterator over one CSR row.
func (g *Projection) row(off, adj []int32, id int64) graph.Nodes {
	if id < 0 || id >= int64(g.Nodes()) || off[id] == off[id+1] {
		return graph.Empty
	}
	return &rowNodes{ids: adj[off[id]:off[id+1]], i: -1}
}

// hasArc reports whether the CSR row of x holds y.
func (g *Projection) hasArc(off, adj []int32, x, y int64) bool {
	n := int64(g.Nodes())
	if x < 0 || y < 0 || x >= n || y >= n {
		return false
	}
	_, ok := slices.BinarySearch(adj[off[x]:off[x+1]], int32(y))
	return ok
}

// allNodes iterates over node IDs 0..n-1.
type allNodes struct{ n, i int64 }

func (it *allNodes) Next() bool {
	if it.i+1 >= it.n {
		it.i = it.n
		return false
	}
	it.i++
	return true
}
func (it *allNodes) Len() int {
	if it.i >= it.n {
		return 0
	}
	return int(it.n - it.i - 1)
}
func (it *allNodes) Reset() { it.i = -1 }
func (it *allNodes) Node() graph.Node {
	if it.i < 0 || it.i >= it.n {
		return nil
	}
	return simple.Node(it.i)
}

// rowNodes iterates over the node IDs of one CSR row.
type rowNodes struct {
	ids []int32
	i   int
}

func (it *rowNodes) Next() bool {
	if it.i+1 >= len(it.ids) {
		it.i = len(it.ids)
		return false
	}
	it.i++
	return true
}
func (it *rowNodes) Len() int {
	if it.i >= len(it.ids) {
		return 0
	}
	return len(it.ids) - it.i - 1
}
func (it *rowNodes) Reset() { it.i = -1 }
func (it *rowNodes) Node() graph.Node {
	if it.i < 0 || it.i >= len(it.ids) {
		return nil
	}
	return simple.Node(it.ids[it.i])
}
