package httpapi_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// TestShippedNetworkMatchesItsFiles checks that the API serves what the data files hold: as many
// stakeholders, people and events, the ties of every type, each with at least one source and a quote.
func TestShippedNetworkMatchesItsFiles(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := map[string]int{}
	for _, tie := range d.Ties {
		wantTypes[tie.Type]++
	}
	c := newClient(t)
	var resp struct {
		Stakeholders struct{ TotalCount int } `json:"stakeholders"`
		People       struct{ TotalCount int } `json:"people"`
		Events       struct{ TotalCount int } `json:"events"`
		Network      struct {
			Ties []struct {
				Key     string `json:"key"`
				Type    string `json:"type"`
				Sources []struct {
					Title string  `json:"title"`
					Quote *string `json:"quote"`
				} `json:"sources"`
			} `json:"ties"`
		} `json:"network"`
	}
	query(t, c, `{ stakeholders { totalCount } people { totalCount } events { totalCount }
		network(filter: {tieTypes: [`+strings.Join(tieTypeNames(), " ")+`], evidence: {minKind: MACHINE}}) { ties { key type sources { title quote } } } }`, &resp)
	if resp.Stakeholders.TotalCount != len(d.Stakeholders) || resp.People.TotalCount != len(d.People) || resp.Events.TotalCount != len(d.Events) {
		t.Errorf("%d stakeholders, %d people, %d events; the files hold %d, %d, %d", resp.Stakeholders.TotalCount,
			resp.People.TotalCount, resp.Events.TotalCount, len(d.Stakeholders), len(d.People), len(d.Events))
	}
	gotTypes := map[string]int{}
	for _, tie := range resp.Network.Ties {
		gotTypes[tie.Type]++
		quoted := false
		for _, s := range tie.Sources {
			quoted = quoted || s.Quote != nil && *s.Quote != ""
		}
		if !quoted {
			t.Errorf("%s has no source with a quote", tie.Key)
		}
	}
	if diff := cmp.Diff(wantTypes, gotTypes); diff != "" {
		t.Errorf("ties by type (-files +API):\n%s", diff)
	}
}
