package httpapi_test

import (
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func id(slug string) string { return domain.GlobalID(domain.NodeStakeholder, slug) }

func TestPath(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	type pathResp struct {
		Path *struct {
			Length    int  `json:"length"`
			Truncated bool `json:"truncated"`
			Paths     []struct {
				Stakeholders []stakeholderRef `json:"stakeholders"`
				Hops         []struct {
					From stakeholderRef `json:"from"`
					To   stakeholderRef `json:"to"`
					Ties []struct {
						Type    string   `json:"type"`
						Sources []source `json:"sources"`
					} `json:"ties"`
				} `json:"hops"`
			} `json:"paths"`
		} `json:"path"`
	}
	const q = `query($from: ID!, $to: ID!, $via: [TieType!], $maxHops: Int) {
		path(from: $from, to: $to, via: $via, maxHops: $maxHops) { length truncated paths {
			stakeholders { slug } hops { from { slug } to { slug } ties { type sources { title quote } } } } } }`

	t.Run("IJM Malaysia to the police, every hop sourced", func(t *testing.T) {
		var resp pathResp
		query(t, c, q, &resp, client.Var("from", id("ijm-malaysia")), client.Var("to", id("pdrm")))
		if resp.Path == nil {
			t.Fatal("no path")
		}
		var got [][]string
		for _, p := range resp.Path.Paths {
			var slugs []string
			for _, s := range p.Stakeholders {
				slugs = append(slugs, s.Slug)
			}
			got = append(got, slugs)
			for _, hop := range p.Hops {
				if len(hop.Ties) == 0 || len(hop.Ties[0].Sources) == 0 {
					t.Errorf("hop %s-%s has no sourced tie", hop.From.Slug, hop.To.Slug)
				}
			}
		}
		// Through the ministry (partnership, then its chair of MAPO) or through the secretariat.
		want := [][]string{{"ijm-malaysia", "kdn", "mapo", "pdrm"}, {"ijm-malaysia", "nso-mapo", "mapo", "pdrm"}}
		if diff := cmp.Diff(want, got); diff != "" || resp.Path.Length != 3 || resp.Path.Truncated {
			t.Errorf("paths (-want +got):\n%s\nlength %d", diff, resp.Path.Length)
		}
	})

	t.Run("none within maxHops", func(t *testing.T) {
		var resp pathResp
		query(t, c, q, &resp, client.Var("from", id("ijm-malaysia")), client.Var("to", id("pdrm")), client.Var("maxHops", 2))
		if resp.Path != nil {
			t.Errorf("a path within 2 hops: %+v", resp.Path)
		}
	})

	t.Run("none through partnerships alone", func(t *testing.T) {
		var resp pathResp
		query(t, c, q, &resp, client.Var("from", id("ijm-malaysia")), client.Var("to", id("pdrm")),
			client.Var("via", []string{"PARTNERS_WITH"}))
		if resp.Path != nil {
			t.Errorf("a partnership-only path: %+v", resp.Path)
		}
	})
}

func TestNeighborhood(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	var resp struct {
		Neighborhood struct {
			Stakeholders []stakeholderRef `json:"stakeholders"`
			Ties         []struct {
				Key string `json:"key"`
			} `json:"ties"`
		} `json:"neighborhood"`
	}
	query(t, c, `query($id: ID!) { neighborhood(id: $id, depth: 1) { stakeholders { slug } ties { key } } }`, &resp,
		client.Var("id", id("ijm-malaysia")))
	var slugs, keys []string
	for _, s := range resp.Neighborhood.Stakeholders {
		slugs = append(slugs, s.Slug)
	}
	for _, tie := range resp.Neighborhood.Ties {
		keys = append(keys, tie.Key)
	}
	if diff := cmp.Diff([]string{"global-shepherds", "ijm-malaysia", "kdn", "nso-mapo"}, slugs); diff != "" {
		t.Errorf("IJM Malaysia's ego network (-want +got):\n%s", diff)
	}
	// The ego network keeps the ties among the neighbours too, as networkx.ego_graph does.
	want := []string{"global-shepherds:PARTNERS_WITH:ijm-malaysia", "global-shepherds:PARTNERS_WITH:nso-mapo",
		"ijm-malaysia:PARTNERS_WITH:kdn", "ijm-malaysia:PARTNERS_WITH:nso-mapo", "nso-mapo:PART_OF:kdn"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("ties (-want +got):\n%s", diff)
	}
}

func TestNetworkAsOf(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	count := func(filter string) (int, int) {
		var resp struct {
			Network struct {
				StakeholderCount int `json:"stakeholderCount"`
				TieCount         int `json:"tieCount"`
			} `json:"network"`
		}
		query(t, c, `{ network(filter: `+filter+`) { stakeholderCount tieCount } }`, &resp)
		return resp.Network.StakeholderCount, resp.Network.TieCount
	}
	tests := []struct {
		filter      string
		nodes, ties int
	}{
		{`{}`, 31, 25},
		// By the end of 2011: the twelve memberships of the 2011 Bali Process list, and the Global Shepherds -
		// Project Liber8 partnership, whose only source is undated and so cannot be placed in time.
		{`{asOf: "2011-12-31"}`, 31, 12 + 1},
		// The 2015 amendment adds five members.
		{`{asOf: "2015-06-01"}`, 31, 12 + 1 + 5},
		{`{sectors: [LAW_ENFORCEMENT]}`, 5, 0},
		{`{tieTypes: [PARTNERS_WITH]}`, 31, 6},
	}
	for _, tc := range tests {
		n, ties := count(tc.filter)
		if n != tc.nodes || ties != tc.ties {
			t.Errorf("network(filter: %s): %d stakeholders, %d ties; want %d, %d", tc.filter, n, ties, tc.nodes, tc.ties)
		}
	}
}

func TestEnforcementAgenciesTieOnlyOutward(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	var resp struct {
		NetworkStats struct {
			SectorEI []struct {
				Group    string   `json:"group"`
				External int      `json:"external"`
				Internal int      `json:"internal"`
				Index    *float64 `json:"index"`
			} `json:"sectorEI"`
			SectorMatrix []struct {
				From  string `json:"from"`
				To    string `json:"to"`
				Count int    `json:"count"`
			} `json:"sectorMatrix"`
		} `json:"networkStats"`
	}
	query(t, c, `{ networkStats { sectorEI { group external internal index } sectorMatrix { from to count } } }`, &resp)
	for _, g := range resp.NetworkStats.SectorEI {
		if g.Group != "LAW_ENFORCEMENT" {
			continue
		}
		// Each of the five sits on MAPO (a government council); none ties to another.
		if g.External != 5 || g.Internal != 0 || g.Index == nil || *g.Index != 1 {
			t.Errorf("law enforcement E-I = %+v", g)
		}
	}
	var lawCivil int
	for _, cell := range resp.NetworkStats.SectorMatrix {
		if (cell.From == "CIVIL_SOCIETY" && cell.To == "LAW_ENFORCEMENT") || (cell.From == "LAW_ENFORCEMENT" && cell.To == "CIVIL_SOCIETY") {
			lawCivil += cell.Count
		}
	}
	if lawCivil != 0 {
		t.Errorf("%d direct ties between enforcement agencies and civil society; the sources show none", lawCivil)
	}
}

func TestCentralityFieldMatchesRanking(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	var resp struct {
		Centrality []struct {
			Rank        int     `json:"rank"`
			Value       float64 `json:"value"`
			Stakeholder struct {
				Slug       string  `json:"slug"`
				Centrality float64 `json:"centrality"`
			} `json:"stakeholder"`
		} `json:"centrality"`
	}
	query(t, c, `{ centrality(metric: PAGERANK, top: 31) { rank value stakeholder { slug centrality(metric: PAGERANK) } } }`, &resp)
	if len(resp.Centrality) != 31 {
		t.Fatalf("%d scores for 31 stakeholders", len(resp.Centrality))
	}
	sum := 0.0
	for i, s := range resp.Centrality {
		sum += s.Value
		if s.Stakeholder.Centrality != s.Value {
			t.Errorf("%s: field %g, ranking %g", s.Stakeholder.Slug, s.Stakeholder.Centrality, s.Value)
		}
		if i > 0 && (s.Value > resp.Centrality[i-1].Value || s.Rank < resp.Centrality[i-1].Rank) {
			t.Errorf("not ranked at %d: %+v", i, s)
		}
	}
	if sum < 0.999999 || sum > 1.000001 {
		t.Errorf("PageRank sums to %g, want 1", sum)
	}
}

func TestCommunities(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known shape
	type resp struct {
		Communities struct {
			Modularity  float64 `json:"modularity"`
			Communities []struct {
				Size    int              `json:"size"`
				Members []stakeholderRef `json:"members"`
			} `json:"communities"`
		} `json:"communities"`
	}
	var a, b, comps resp
	query(t, c, `{ communities(seed: 7) { modularity communities { size members { slug } } } }`, &a)
	query(t, c, `{ communities(seed: 7) { modularity communities { size members { slug } } } }`, &b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("the same seed gave different partitions:\n%s", diff)
	}
	total := 0
	for _, com := range a.Communities.Communities {
		total += com.Size
		if len(com.Members) != com.Size {
			t.Errorf("size %d, %d members", com.Size, len(com.Members))
		}
	}
	if total != 31 || a.Communities.Modularity <= 0 {
		t.Errorf("Louvain covers %d stakeholders with Q %g", total, a.Communities.Modularity)
	}
	query(t, c, `{ communities(algorithm: CONNECTED_COMPONENTS) { communities { size members { slug } } } }`, &comps)
	if n := len(comps.Communities.Communities); n != 10 || comps.Communities.Communities[0].Size != 22 {
		t.Errorf("%d components, the largest of %d; want 10 and 22", n, comps.Communities.Communities[0].Size)
	}
}

func TestAnalysisBadInput(t *testing.T) {
	c := newClient(t)
	for _, q := range []string{
		`{ neighborhood(id: "` + id("ijm-malaysia") + `", depth: 4) { tieCount } }`,
		`{ path(from: "` + id("ijm-malaysia") + `", to: "` + id("pdrm") + `", maxHops: 0) { length } }`,
		`{ centrality(metric: PAGERANK, top: 0) { value } }`,
		`{ centrality(metric: PAGERANK, samples: 10) { value } }`,
		`{ communities(resolution: -1) { modularity } }`,
		`{ network(filter: {asOf: "2020"}) { tieCount } }`,
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if diff := cmp.Diff([]string{"BAD_USER_INPUT"}, codes(errs)); diff != "" {
			t.Errorf("%s: codes (-want +got):\n%s", q, diff)
		}
	}
	errs, _ := queryErrors(t, c, `{ neighborhood(id: "`+id("no-such-body")+`") { tieCount } }`, nil)
	if diff := cmp.Diff([]string{"NOT_FOUND"}, codes(errs)); diff != "" {
		t.Errorf("unknown centre: codes (-want +got):\n%s", diff)
	}
}

// TestBrokersTiesHaveTheirOwnEnds checks each broker's cross-sector ties against the same ties in the whole
// network: each joins the broker to a stakeholder of another sector, with the ends the network gives it.
// Two brokers tied to each other share a tie, which is read once and must not shift the ends of the rest.
func TestBrokersTiesHaveTheirOwnEnds(t *testing.T) {
	c := newClient(t)
	type end struct {
		Slug   string `json:"slug"`
		Sector string `json:"sector"`
	}
	type tie struct {
		Key  string `json:"key"`
		From end    `json:"from"`
		To   end    `json:"to"`
	}
	var resp struct {
		Brokers []struct {
			Stakeholder     end   `json:"stakeholder"`
			CrossSectorTies []tie `json:"crossSectorTies"`
		} `json:"brokers"`
		Network struct {
			Ties []tie `json:"ties"`
		} `json:"network"`
	}
	query(t, c, `{ brokers(top: 10) { stakeholder { slug sector } crossSectorTies { key from { slug sector } to { slug sector } } }
		network { ties { key from { slug sector } to { slug sector } } } }`, &resp)
	byKey := map[string]tie{}
	for _, t := range resp.Network.Ties {
		byKey[t.Key] = t
	}
	ties := 0
	for _, b := range resp.Brokers {
		for _, got := range b.CrossSectorTies {
			ties++
			if diff := cmp.Diff(byKey[got.Key], got); diff != "" {
				t.Errorf("broker %s, tie %s (-network +brokers):\n%s", b.Stakeholder.Slug, got.Key, diff)
			}
			other := got.To
			if got.To.Slug == b.Stakeholder.Slug {
				other = got.From
			} else if got.From.Slug != b.Stakeholder.Slug {
				t.Errorf("broker %s has tie %s between %s and %s", b.Stakeholder.Slug, got.Key, got.From.Slug, got.To.Slug)
			}
			if other.Sector == b.Stakeholder.Sector {
				t.Errorf("broker %s: tie %s stays in its sector %s", b.Stakeholder.Slug, got.Key, other.Sector)
			}
		}
	}
	if len(resp.Brokers) < 2 || ties < 2 {
		t.Fatalf("%d brokers with %d cross-sector ties: the seed network should have more", len(resp.Brokers), ties)
	}
}
