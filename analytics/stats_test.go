package analytics

import (
	"fmt"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestStatsSamplesLargeComponents checks the sampled distances on a ring, where every stakeholder sees the
// same distances, so a sample must give the exact answer.
func TestStatsSamplesLargeComponents(t *testing.T) {
	ctx := t.Context()
	const n = ExactPathLimit + 1 // odd, so distances 1, 1, 2, 2, ..., (n-1)/2, (n-1)/2 from every node
	net := &domain.Network{}
	slug := func(i int) string { return fmt.Sprintf("s%06d", i) }
	for i := range n {
		net.Stakeholders = append(net.Stakeholders, &domain.Stakeholder{Slug: slug(i), Kind: domain.KindNGO, Sector: domain.SectorCivilSociety})
		j := (i + 1) % n
		net.Ties = append(net.Ties, &domain.NetworkTie{Key: domain.TieKey(slug(i), domain.TiePartnersWith, slug(j)),
			Type: domain.TiePartnersWith, From: slug(i), To: slug(j)})
	}
	s := must(Build(net).Stats(ctx))
	half := (n - 1) / 2
	wantMean := float64(half*(half+1)) / float64(n-1)
	if s.PathSources != PathSamples || s.Diameter != half || s.AverageShortestPath != wantMean {
		t.Errorf("sources %d, diameter %d, mean %v; want %d, %d, %v", s.PathSources, s.Diameter, s.AverageShortestPath,
			PathSamples, half, wantMean)
	}
}
