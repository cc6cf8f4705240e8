package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// TestEveryRoleIsStored loads one participation in every role and reads each back, all together and
// one role at a time: a role the store has no relationship type for would read as nothing.
func TestEveryRoleIsStored(t *testing.T) {
	ctx := context.Background()
	cite := []domain.Citation{{Source: "s1", Quote: "They all took part."}}
	d := &dataset.Dataset{
		Sources: []dataset.SourceRecord{{Key: "s1", Title: "A report", Kind: string(domain.SourceNews)}},
		Events:  []dataset.EventRecord{{Slug: "e1", Name: "A training", Kind: string(domain.EventTraining), Citations: cite}},
	}
	for _, r := range domain.ParticipationRoles {
		slug := "org-" + strings.ToLower(string(r))
		d.Stakeholders = append(d.Stakeholders, dataset.StakeholderRecord{Slug: slug, Name: "Org " + string(r),
			Kind: string(domain.KindNGO), Sector: string(domain.SectorCivilSociety), Citations: cite})
		d.Participations = append(d.Participations, dataset.ParticipationRecord{Event: "e1",
			Stakeholder: slug, Role: string(r), Citations: cite})
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	s := neo4jtest.Empty(t)
	if _, err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	all, err := s.ParticipantsOf(ctx, []string{"e1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []domain.ParticipationRole
	for _, p := range all["e1"] {
		got = append(got, p.Role)
	}
	slices.Sort(got)
	want := slices.Clone(domain.ParticipationRoles)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("roles read back %v, want %v", got, want)
	}
	for _, r := range domain.ParticipationRoles {
		one, err := s.ParticipantsOf(ctx, []string{"e1"}, []domain.ParticipationRole{r})
		if err != nil {
			t.Fatal(err)
		}
		if len(one["e1"]) != 1 || one["e1"][0].Role != r {
			t.Errorf("participants in role %s: %+v", r, one["e1"])
		}
	}
}
