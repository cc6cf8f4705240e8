package neo4jstore

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestStatementTextIgnoresValues checks that the planner writes one statement text for a selection
// whatever values its lists' arguments have (absent, null, empty, one value, a list, a date), so Neo4j
// plans it once: only the parameters differ.
func TestStatementTextIgnoresValues(t *testing.T) {
	lists := func(partners, ties, roles map[string]any) *domain.Selection {
		item := func(typ string) *domain.Selection {
			return &domain.Selection{Type: typ, Fields: []string{"description"}}
		}
		return &domain.Selection{Type: "Stakeholder", Fields: []string{"name"}, Lists: []*domain.ListSelection{
			{Key: "partners", Field: "partners", Args: partners, Of: item("Partnership")},
			{Key: "ties", Field: "ties", Args: ties, Of: item("Tie")},
			{Key: "participations", Field: "participations", Args: roles, Of: item("Participation")},
		}}
	}
	variants := []struct {
		name                  string
		partners, ties, roles map[string]any
	}{
		{"no arguments", nil, nil, nil},
		{"nulls", map[string]any{"kinds": nil, "focusAreas": nil, "asOf": nil}, map[string]any{"types": nil, "direction": nil}, map[string]any{"roles": nil}},
		{"empty lists", map[string]any{"kinds": []any{}, "focusAreas": []any{}}, map[string]any{"types": []any{}}, map[string]any{"roles": []any{}}},
		{"one bare value", map[string]any{"kinds": "NGO"}, map[string]any{"direction": "OUTGOING"}, map[string]any{"roles": "HOST"}},
		{"lists and a date", map[string]any{"kinds": []any{"NGO", "AGENCY"}, "focusAreas": []any{"PROTECTION"}, "asOf": "2020-06-01",
			"evidence": map[string]any{"minSources": int64(2), "minKind": "NEWS"}},
			map[string]any{"types": []any{"MEMBER_OF"}, "direction": "INCOMING", "asOf": "2019-01-31"}, map[string]any{"roles": []any{"ATTENDEE", "SPONSOR"}}},
	}
	var first string
	for i, v := range variants {
		p := newPlanner()
		text, _ := p.root("Stakeholder", "s", lists(v.partners, v.ties, v.roles))
		if i == 0 {
			first = text
			continue
		}
		if text != first {
			t.Errorf("%s: the statement differs from the one without arguments:\n%s\n%s", v.name, text, first)
		}
		given := 0
		for _, value := range p.params {
			if value != nil {
				given++
			}
		}
		// The evidence of partners and ties holds a value even when not given: its default refuses ties
		// only machine summaries show.
		if i == len(variants)-1 && given != 9 {
			t.Errorf("%s: %d parameters hold a value, want the 7 other arguments given and 2 evidence: %v", v.name, given, p.params)
		}
	}
}

// TestPageTextIgnoresOptionalFilters checks that a page of stakeholders has one statement text whichever of
// the filter fields no index serves are given, and another only when a field that can pick an index
// (kinds, nameContains, sectors, country) is given.
func TestPageTextIgnoresOptionalFilters(t *testing.T) {
	country, mandate, name, yes := "my", "shelter", "council", true
	text := func(f domain.StakeholderFilter) string {
		return stakeholderPageFilter(f).apply(stakeholderPageQueries[domain.StakeholderOrder{Field: domain.OrderByName, Direction: domain.Ascending}].query)
	}
	none := text(domain.StakeholderFilter{})
	for name, f := range map[string]domain.StakeholderFilter{
		"focus areas": {FocusAreas: []domain.FocusArea{domain.FocusProtection}},
		"mandate":     {MandateContains: &mandate},
		"collective":  {Collective: &yes},
		"all three":   {FocusAreas: []domain.FocusArea{domain.FocusProtection}, MandateContains: &mandate, Collective: &yes},
		"empty lists": {Sectors: []domain.Sector{}, FocusAreas: []domain.FocusArea{}, Kinds: []domain.StakeholderKind{}},
	} {
		if got := text(f); got != none {
			t.Errorf("%s: the page's statement differs from the one without a filter:\n%s\n%s", name, got, none)
		}
	}
	for field, f := range map[string]domain.StakeholderFilter{
		"kinds":        {Kinds: []domain.StakeholderKind{domain.KindNGO, domain.KindAgency}},
		"nameContains": {NameContains: &name},
		"sectors":      {Sectors: []domain.Sector{domain.SectorGovernment}},
		"country":      {Country: &country},
	} {
		if text(f) == none {
			t.Errorf("%s does not change the statement: it should be a plain condition an index can serve", field)
		}
	}
}

// TestListTextsIgnoreFieldsNoIndexServes checks that pages of events, people and partnerships have one
// statement text whichever of their filter fields no index serves are given.
func TestListTextsIgnoreFieldsNoIndexServes(t *testing.T) {
	date, name, slug := domain.Date("2019-06"), "tan", "mapo"
	events := func(f domain.EventFilter) string { return eventFilter(f).apply(eventPage.query) }
	for about, f := range map[string]domain.EventFilter{"from": {From: &date}, "to": {To: &date}, "both": {From: &date, To: &date}} {
		if events(f) != events(domain.EventFilter{}) {
			t.Errorf("events, %s: the statement differs from the one without a filter", about)
		}
	}
	people := func(f domain.PersonFilter) string { return personFilter(f).apply(personPage.query) }
	for about, f := range map[string]domain.PersonFilter{"name": {NameContains: &name}, "stakeholder": {StakeholderSlug: &slug}} {
		if people(f) != people(domain.PersonFilter{}) {
			t.Errorf("people, %s: the statement differs from the one without a filter", about)
		}
	}
	partnerships := func(f domain.PartnershipFilter) string { return partnershipFilter(f).apply(partnershipPage[""].query) }
	for about, f := range map[string]domain.PartnershipFilter{
		"focus areas": {FocusAreas: []domain.FocusArea{domain.FocusProtection}}, "as of": {AsOf: &date},
		"both": {FocusAreas: []domain.FocusArea{domain.FocusProtection}, AsOf: &date},
	} {
		if partnerships(f) != partnerships(domain.PartnershipFilter{}) {
			t.Errorf("partnerships, %s: the statement differs from the one without a filter", about)
		}
		query, _ := partnershipCount(f, "")
		if none, _ := partnershipCount(domain.PartnershipFilter{FocusAreas: []domain.FocusArea{domain.FocusPrevention, domain.FocusProsecution}}, ""); query != none {
			t.Errorf("partnership count, %s: the statement differs from another filter's on the same fields:\n%s\n%s", about, query, none)
		}
	}
}
