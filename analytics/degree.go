package analytics

// DegreeMode says which arcs Degree counts in the directed view.
type DegreeMode int

// The degree modes. The undirected view has one degree, which every mode returns.
const (
	// DegreeTotal counts arcs in and out: a partnership counts twice, as in a NetworkX DiGraph.
	DegreeTotal DegreeMode = iota
	// DegreeIn counts arcs into the stakeholder: its members, parts, secretariat and partners.
	DegreeIn
	// DegreeOut counts arcs out of the stakeholder: what it is a member, part or secretariat of, and its
	// partners.
	DegreeOut
)

// Degree ranks stakeholders by degree. Normalized divides by n-1 as NetworkX's degree_centrality,
// in_degree_centrality and out_degree_centrality do (and, like them, gives 1 to the only node of a
// one-node network); otherwise the values are the raw counts.
func (g *Projection) Degree(mode DegreeMode, normalized, directed bool) Ranking {
	n := g.Nodes()
	values := make([]float64, n)
	for v := range n {
		var d int32
		switch {
		case !directed:
			d = g.off[v+1] - g.off[v]
		case mode == DegreeIn:
			d = g.inOff[v+1] - g.inOff[v]
		case mode == DegreeOut:
			d = g.outOff[v+1] - g.outOff[v]
		default:
			d = g.inOff[v+1] - g.inOff[v] + g.outOff[v+1] - g.outOff[v]
		}
		values[v] = float64(d)
	}
	if normalized {
		for v := range values {
			if n == 1 {
				values[v] = 1
			} else {
				values[v] /= float64(n - 1)
			}
		}
	}
	return g.rank(values)
}
