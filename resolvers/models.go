package resolvers

import (
	"github.com/stakeholder-graph/stakeholder-graph/analysis"
	"github.com/stakeholder-graph/stakeholder-graph/analytics"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/gqlmodel"
)

// Mappings of analysis results to the schema's types.

// pathsModel maps shortest paths, with the ties read for their hops (nil when the query asks for none).
func pathsModel(found *analysis.Paths, ties map[string]*domain.NetworkTie) *gqlmodel.ShortestPaths {
	out := &gqlmodel.ShortestPaths{Length: found.Length, Truncated: found.Truncated}
	for _, route := range found.Routes {
		p := &gqlmodel.Path{Slugs: route.Slugs, Projection: found.Projection}
		for _, h := range route.Hops {
			hop := &gqlmodel.PathHop{FromSlug: h.From, ToSlug: h.To, Projection: found.Projection}
			for _, k := range analysis.TieKeys(h.Ties) {
				if t, ok := ties[k]; ok {
					hop.Ties = append(hop.Ties, t)
				}
			}
			p.Hops = append(p.Hops, hop)
		}
		out.Paths = append(out.Paths, p)
	}
	return out
}

// statsModel maps the statistics of a network view.
func statsModel(s analytics.Stats) *gqlmodel.NetworkStats {
	out := &gqlmodel.NetworkStats{
		StakeholderCount: s.Nodes, EdgeCount: s.Edges, ArcCount: s.Arcs, Density: s.Density,
		DirectedDensity: s.DirectedDensity, Reciprocity: s.Reciprocity, AverageDegree: s.AverageDegree,
		ComponentCount: s.Components, LargestComponentSize: s.LargestComponent, Diameter: s.Diameter,
		AverageShortestPathLength: s.AverageShortestPath, PathSources: s.PathSources,
	}
	out.ByKind, out.KindMatrix, out.KindEi = mixingModel(s.Kinds)
	out.BySector, out.SectorMatrix, out.SectorEi = mixingModel(s.Sectors)
	return out
}

func mixingModel(m analytics.Mixing) (counts []*gqlmodel.GroupCount, matrix []*gqlmodel.GroupTieCount, ei []*gqlmodel.GroupEi) {
	for i, g := range m.Groups {
		counts = append(counts, &gqlmodel.GroupCount{Group: g.Name, Count: g.Members})
		e := &gqlmodel.GroupEi{Group: g.Name, External: g.External, Internal: g.Internal}
		if g.External+g.Internal > 0 {
			index := g.EI
			e.Index = &index
		}
		ei = append(ei, e)
		for j := i; j < len(m.Groups); j++ {
			if n := m.Ties[i][j]; n > 0 {
				matrix = append(matrix, &gqlmodel.GroupTieCount{From: g.Name, To: m.Groups[j].Name, Count: n})
			}
		}
	}
	return counts, matrix, ei
}
