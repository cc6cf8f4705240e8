package analytics

import (
	"context"
	"slices"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Broker is a stakeholder whose ties cross sectors.
type Broker struct {
	// Slug is the stakeholder's slug.
	Slug string
	// Sector is the stakeholder's own sector.
	Sector domain.Sector
	// Betweenness is its exact normalized betweenness in the undirected view.
	Betweenness float64
	// OtherSectors are the sectors, other than its own, of its neighbours, in order.
	OtherSectors []domain.Sector
	// CrossSector are its neighbours in other sectors, in slug order.
	CrossSector []string
}

// Brokers returns the stakeholders that bridge sectors: those with at least one neighbour in the
// undirected view whose sector differs from their own, ranked by exact normalized betweenness in the
// undirected view (highest first, then by slug), with the sectors and neighbours they reach across. A
// stakeholder on many shortest paths that also spans sectors is a likely channel between them. top <= 0
// returns all of them. The betweenness is shared with Betweenness(ctx, false, ...) and computed once;
// like it, Brokers stops within one search of ctx ending.
func (g *Projection) Brokers(ctx context.Context, top int) ([]Broker, error) {
	ranking, err := g.Betweenness(ctx, false, true, 0, 0)
	if err != nil {
		return nil, err
	}
	var brokers []Broker
	for _, sc := range ranking {
		if top > 0 && len(brokers) == top {
			break
		}
		u := g.nodes.index[sc.Slug]
		own := g.nodes.sector[u]
		var cross []string
		var sectors []domain.Sector
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if c := g.nodes.sector[v]; c != own {
				cross = append(cross, g.nodes.slugs[v])
				if s := g.nodes.sectors[c]; !slices.Contains(sectors, s) {
					sectors = append(sectors, s)
				}
			}
		}
		if len(cross) == 0 {
			continue
		}
		slices.Sort(sectors)
		brokers = append(brokers, Broker{
			Slug:         sc.Slug,
			Sector:       g.nodes.sectors[own],
			Betweenness:  sc.Value,
			OtherSectors: sectors,
			CrossSector:  cross, // neighbours are in ID order, which is slug order
		})
	}
	return brokers, nil
}
