package neo4jstore

import (
	"context"
	"fmt"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestAffiliationViewIsBounded loads one event with five participants (ten pairs) and checks that an
// affiliation view larger than a view may be is refused with TOO_LARGE before it is read, that one
// within the bound answers all its pairs, and that narrowing by role counts only the pairs left.
func TestAffiliationViewIsBounded(t *testing.T) {
	ctx := context.Background()
	s := openMigrated(t)
	if err := s.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.DeleteEverything(context.Background()) })
	cite := []domain.Citation{{Source: "s1", Quote: "They all took part."}}
	d := &dataset.Dataset{
		Sources: []dataset.SourceRecord{{Key: "s1", Title: "A report", Kind: string(domain.SourceNews)}},
		Events:  []dataset.EventRecord{{Slug: "e1", Name: "A conference", Kind: string(domain.EventConference), Citations: cite}},
	}
	for i := range 5 {
		slug := fmt.Sprintf("org-%d", i)
		role := domain.RoleAttendee
		if i < 2 {
			role = domain.RoleHost
		}
		d.Stakeholders = append(d.Stakeholders, dataset.StakeholderRecord{Slug: slug, Name: "Org " + slug,
			Kind: string(domain.KindNGO), Sector: string(domain.SectorCivilSociety), Citations: cite})
		d.Participations = append(d.Participations, dataset.ParticipationRecord{Event: "e1", Stakeholder: slug,
			Role: string(role), Citations: cite})
	}
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	floor := affiliationFloor
	t.Cleanup(func() { affiliationFloor = floor })

	affiliationFloor = 9 // the graph has no stored tie: a view may have nine pairs, and this one has ten
	_, err := s.Network(ctx, domain.NetworkFilter{Affiliation: &domain.AffiliationFilter{}}, false)
	if domain.ErrorCode(err) != domain.CodeTooLarge {
		t.Errorf("ten pairs past a bound of nine: %v, want %s", err, domain.CodeTooLarge)
	}
	hosts, err := s.Network(ctx, domain.NetworkFilter{Affiliation: &domain.AffiliationFilter{Roles: []domain.ParticipationRole{domain.RoleHost}}}, false)
	if err != nil || len(hosts.Ties) != 1 {
		t.Errorf("the hosts alone (one pair): %v, %v", hosts, err)
	}
	affiliationFloor = 10
	n, err := s.Network(ctx, domain.NetworkFilter{Affiliation: &domain.AffiliationFilter{}}, true)
	if err != nil || len(n.Ties) != 10 {
		t.Fatalf("ten pairs within a bound of ten: %v, %v", n, err)
	}
	for _, tie := range n.Ties {
		if tie.Type != domain.TieCoParticipates || tie.Weight() != 1 || len(tie.EventSlugs) != 1 {
			t.Errorf("%s: type %s, weight %d, events %v", tie.Key, tie.Type, tie.Weight(), tie.EventSlugs)
		}
	}
}
