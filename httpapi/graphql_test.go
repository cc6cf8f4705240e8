package httpapi_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

func TestPartners(t *testing.T) {
	c := newClient(t)

	t.Run("IJM Malaysia partners with the Home Affairs Ministry, with a source", func(t *testing.T) {
		var resp struct {
			Stakeholder struct {
				Partners []struct {
					Stakeholder   stakeholderRef `json:"stakeholder"`
					Partner       stakeholderRef `json:"partner"`
					FocusAreas    []string       `json:"focusAreas"`
					EvidencedFrom *string        `json:"evidencedFrom"`
					Sources       []source       `json:"sources"`
				} `json:"partners"`
			} `json:"stakeholder"`
		}
		query(t, c, `{ stakeholder(slug: "ijm-malaysia") { partners {
			stakeholder { slug } partner { slug name acronym kind } focusAreas evidencedFrom
			sources { title publisher date quote } } } }`, &resp)
		var found bool
		for _, p := range resp.Stakeholder.Partners {
			if p.Stakeholder.Slug != "ijm-malaysia" {
				t.Errorf("partnership seen from %q, want ijm-malaysia", p.Stakeholder.Slug)
			}
			if p.Partner.Slug != "kdn" {
				continue
			}
			found = true
			if p.Partner.Name != "Ministry of Home Affairs" || p.Partner.Kind != "MINISTRY" {
				t.Errorf("partner = %+v", p.Partner)
			}
			if len(p.Sources) == 0 || p.Sources[0].Quote == nil || !strings.Contains(*p.Sources[0].Quote, "partnered with the government") {
				t.Errorf("the partnership's source does not quote the article: %+v", p.Sources)
			}
			if p.EvidencedFrom == nil || *p.EvidencedFrom != "2024-07-30" {
				t.Errorf("evidencedFrom = %v, want 2024-07-30", p.EvidencedFrom)
			}
		}
		if !found {
			t.Fatalf("the Home Affairs Ministry is not among IJM Malaysia's partners: %+v", resp.Stakeholder.Partners)
		}
	})

	t.Run("the same partnership seen from the ministry", func(t *testing.T) {
		var resp struct {
			Stakeholder struct {
				Partners []struct {
					Partner stakeholderRef `json:"partner"`
				} `json:"partners"`
			} `json:"stakeholder"`
		}
		query(t, c, `{ stakeholder(slug: "kdn") { partners(kinds: [NGO]) { partner { slug } } } }`, &resp)
		var got []string
		for _, p := range resp.Stakeholder.Partners {
			got = append(got, p.Partner.Slug)
		}
		if diff := cmp.Diff([]string{"ijm-malaysia"}, got); diff != "" {
			t.Errorf("KDN's NGO partners (-want +got):\n%s", diff)
		}
	})

	t.Run("asOf before the earliest evidence hides the partnership", func(t *testing.T) {
		var resp struct {
			Stakeholder struct {
				Before []struct{ Partner stakeholderRef } `json:"before"`
				After  []struct{ Partner stakeholderRef } `json:"after"`
			} `json:"stakeholder"`
		}
		query(t, c, `{ stakeholder(slug: "ijm-malaysia") {
			before: partners(asOf: "2023-01-31") { partner { slug } }
			after: partners(asOf: "2023-03-01") { partner { slug } } } }`, &resp)
		if len(resp.Stakeholder.Before) != 0 {
			t.Errorf("partners before any evidence: %+v", resp.Stakeholder.Before)
		}
		var got []string
		for _, p := range resp.Stakeholder.After {
			got = append(got, p.Partner.Slug)
		}
		// The 2023 training ties are evidenced from February 2023; the KDN tie only from July 2024.
		if diff := cmp.Diff([]string{"global-shepherds", "nso-mapo"}, sorted(got)); diff != "" {
			t.Errorf("partners as of 2023-03-01 (-want +got):\n%s", diff)
		}
	})
}

func TestStakeholderFilters(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known answers
	type page struct {
		Stakeholders struct {
			TotalCount int `json:"totalCount"`
			Nodes      []struct {
				Slug     string   `json:"slug"`
				Acronym  *string  `json:"acronym"`
				Mandates []string `json:"mandates"`
			} `json:"nodes"`
		} `json:"stakeholders"`
	}
	tests := []struct {
		name   string
		filter string
		want   []string
	}{
		{"the ministry that manages the shelters", `{kinds: [MINISTRY], mandateContains: "shelter"}`, []string{"kpwkm"}},
		{"who prosecutes", `{mandateContains: "prosecuting"}`, []string{"agc"}},
		{"the five enforcement agencies", `{sectors: [LAW_ENFORCEMENT]}`, []string{"jim", "jkdm", "jtk", "mmea", "pdrm"}},
		{"name or acronym, any case", `{nameContains: "mapo"}`, []string{"mapo", "mapo-ngo-representatives", "nso-mapo"}},
		{"collective nodes", `{collective: true, kinds: [DIPLOMATIC_MISSION]}`, []string{"diplomatic-missions-at-wdat-2024"}},
		{"focus and country", `{focusAreas: [PROTECTION], country: "my"}`, []string{"ijm-malaysia", "kpwkm", "tenaganita"}},
		{"international bodies have no country", `{sectors: [INTERNATIONAL], country: "MY"}`, []string{"iom-malaysia"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var resp page
			query(t, c, `{ stakeholders(filter: `+tc.filter+`, first: 100) { totalCount nodes { slug acronym mandates } } }`, &resp)
			var got []string
			for _, n := range resp.Stakeholders.Nodes {
				got = append(got, n.Slug)
			}
			if diff := cmp.Diff(tc.want, sorted(got)); diff != "" {
				t.Errorf("stakeholders (-want +got):\n%s", diff)
			}
			if resp.Stakeholders.TotalCount != len(tc.want) {
				t.Errorf("totalCount = %d, want %d", resp.Stakeholders.TotalCount, len(tc.want))
			}
		})
	}
}

func TestPartnershipsAcrossKinds(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known answers
	var resp struct {
		Partnerships struct {
			TotalCount int `json:"totalCount"`
			Nodes      []struct {
				Stakeholder stakeholderRef `json:"stakeholder"`
				Partner     stakeholderRef `json:"partner"`
			} `json:"nodes"`
		} `json:"partnerships"`
	}
	query(t, c, `{ partnerships(filter: {kinds: [AGENCY, MINISTRY], partnerKinds: [NGO, CIVIL_SOCIETY, DIPLOMATIC_MISSION]}) {
		totalCount nodes { stakeholder { slug kind } partner { slug kind } } } }`, &resp)
	var got []string
	for _, p := range resp.Partnerships.Nodes {
		got = append(got, p.Stakeholder.Slug+">"+p.Partner.Slug)
	}
	want := []string{"kdn>ijm-malaysia", "nso-mapo>global-shepherds", "nso-mapo>ijm-malaysia"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("government-civil society partnerships, government side first (-want +got):\n%s", diff)
	}
	if resp.Partnerships.TotalCount != len(want) {
		t.Errorf("totalCount = %d, want %d", resp.Partnerships.TotalCount, len(want))
	}
}

func TestCeremony(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Event struct {
			Date         string `json:"date"`
			Participants []struct {
				Role        string `json:"role"`
				Participant struct {
					Typename string `json:"__typename"`
					Slug     string `json:"slug"`
				} `json:"participant"`
				Sources []source `json:"sources"`
			} `json:"participants"`
		} `json:"event"`
	}
	query(t, c, `{ event(slug: "wdat-2024-mapo-appreciation-ceremony") { date participants {
		role participant { __typename ... on Stakeholder { slug } ... on Person { slug } } sources { title } } } }`, &resp)
	byRole := map[string][]string{}
	for _, p := range resp.Event.Participants {
		byRole[p.Role] = append(byRole[p.Role], p.Participant.Typename+":"+p.Participant.Slug)
		if len(p.Sources) == 0 {
			t.Errorf("%s %s has no source", p.Role, p.Participant.Slug)
		}
	}
	want := map[string][]string{
		"HOST": {"Stakeholder:kdn"},
		"ATTENDEE": {"Person:ji-lien-ooi", "Person:karen-tai", "Person:saifuddin-nasution-ismail",
			"Stakeholder:agc", "Stakeholder:civil-society-at-wdat-2024", "Stakeholder:diplomatic-missions-at-wdat-2024",
			"Stakeholder:ijm-malaysia", "Stakeholder:jim", "Stakeholder:jkdm", "Stakeholder:jtk", "Stakeholder:kesuma",
			"Stakeholder:kpwkm", "Stakeholder:mmea", "Stakeholder:ngos-at-wdat-2024", "Stakeholder:pdrm"},
		"RECOGNISED": {"Stakeholder:ijm-malaysia", "Stakeholder:mapo", "Stakeholder:nso-mapo"},
	}
	for role := range byRole {
		byRole[role] = sorted(byRole[role])
	}
	if diff := cmp.Diff(want, byRole); diff != "" {
		t.Errorf("the ceremony's participants by role (-want +got):\n%s", diff)
	}
	if resp.Event.Date != "2024-07-30" {
		t.Errorf("date = %q", resp.Event.Date)
	}
}

func TestPeopleAndPositions(t *testing.T) {
	c := newArticleClient(t) // the seed article's network and its known answers
	var resp struct {
		People struct {
			TotalCount int `json:"totalCount"`
			Nodes      []struct {
				Name      string `json:"name"`
				Positions []struct {
					Title       string         `json:"title"`
					Stakeholder stakeholderRef `json:"stakeholder"`
				} `json:"positions"`
			} `json:"nodes"`
		} `json:"people"`
	}
	query(t, c, `{ people(filter: {stakeholderSlug: "ijm-malaysia"}) { totalCount nodes { name positions { title stakeholder { slug } } } } }`, &resp)
	var got []string
	for _, p := range resp.People.Nodes {
		for _, pos := range p.Positions {
			got = append(got, p.Name+", "+pos.Title+", "+pos.Stakeholder.Slug)
		}
	}
	want := []string{"Ji Lien Ooi, Field Office Director, ijm-malaysia",
		"Karen Tai, Government and Community Engagement Lead, ijm-malaysia"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IJM Malaysia's people (-want +got):\n%s", diff)
	}

	var minister struct {
		Stakeholder struct {
			Positions []struct {
				Title  string `json:"title"`
				Person struct {
					Name      string  `json:"name"`
					Honorific *string `json:"honorific"`
				} `json:"person"`
			} `json:"positions"`
		} `json:"stakeholder"`
	}
	query(t, c, `{ stakeholder(slug: "kdn") { positions { title person { name honorific } } } }`, &minister)
	if len(minister.Stakeholder.Positions) != 1 || minister.Stakeholder.Positions[0].Person.Name != "Saifuddin Nasution Ismail" ||
		minister.Stakeholder.Positions[0].Title != "Minister of Home Affairs" {
		t.Errorf("KDN positions = %+v", minister.Stakeholder.Positions)
	}
}

func TestSearch(t *testing.T) {
	c := newClient(t)
	tests := []struct {
		text      string
		wantFirst string
	}{
		{"Home Affairs", "Ministry of Home Affairs"},
		{"KPWKM", "Ministry of Women, Family and Community Development"},
		{"moha", "Ministry of Home Affairs"},                          // an alias
		{"Tenaganta", "Tenaganita"},                                   // a typo
		{"ji lien", "Ji Lien Ooi"},                                    // a person
		{"maritime enforce", "Malaysian Maritime Enforcement Agency"}, // a prefix
		{"appreciation ceremony", "Appreciation ceremony for MAPO, World Day Against Trafficking in Persons 2024"},
		{`ijm*) AND (malaysia~`, "IJM Malaysia"}, // Lucene syntax is not interpreted
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var resp struct {
				Search []struct {
					Score float64 `json:"score"`
					Node  struct {
						Name string `json:"name"`
					} `json:"node"`
				} `json:"search"`
			}
			query(t, c, `query($text: String!) { search(text: $text, first: 5) { score node {
				... on Stakeholder { name } ... on Person { name } ... on Event { name } } } }`, &resp, client.Var("text", tc.text))
			if len(resp.Search) == 0 {
				t.Fatalf("no hits for %q", tc.text)
			}
			if resp.Search[0].Node.Name != tc.wantFirst {
				t.Errorf("first hit for %q = %q, want %q", tc.text, resp.Search[0].Node.Name, tc.wantFirst)
			}
			for i := 1; i < len(resp.Search); i++ {
				if resp.Search[i].Score > resp.Search[i-1].Score {
					t.Errorf("hits not ranked by score: %+v", resp.Search)
				}
			}
		})
	}
}

func TestNode(t *testing.T) {
	c := newClient(t)
	var byslug struct {
		Stakeholder struct {
			ID string `json:"id"`
		} `json:"stakeholder"`
	}
	query(t, c, `{ stakeholder(slug: "agc") { id } }`, &byslug)
	var resp struct {
		Node struct {
			Typename string `json:"__typename"`
			Slug     string `json:"slug"`
		} `json:"node"`
		Nodes []*struct {
			Slug string `json:"slug"`
		} `json:"nodes"`
		ByID struct {
			Slug string `json:"slug"`
		} `json:"byID"`
	}
	query(t, c, `query($id: ID!) { node(id: $id) { __typename ... on Stakeholder { slug } }
		nodes(ids: [$id, $id]) { ... on Stakeholder { slug } }
		byID: stakeholder(id: $id) { slug } }`, &resp, client.Var("id", byslug.Stakeholder.ID))
	if resp.Node.Typename != "Stakeholder" || resp.Node.Slug != "agc" || resp.ByID.Slug != "agc" {
		t.Errorf("node(id) = %+v, stakeholder(id) = %+v", resp.Node, resp.ByID)
	}
	if len(resp.Nodes) != 2 || resp.Nodes[1] == nil || resp.Nodes[1].Slug != "agc" {
		t.Errorf("nodes = %+v", resp.Nodes)
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		errs, _ := queryErrors(t, c, `{ stakeholder(slug: "no-such-body") { name } }`, nil)
		if diff := cmp.Diff([]string{"NOT_FOUND"}, codes(errs)); diff != "" {
			t.Errorf("codes (-want +got):\n%s", diff)
		}
	})
}

// TestSourcesHaveDocuments checks that every citation, wherever it is read, comes with its document.
func TestSourcesHaveDocuments(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Stakeholders struct {
			Nodes []struct {
				Slug    string   `json:"slug"`
				Sources []source `json:"sources"`
			} `json:"nodes"`
		} `json:"stakeholders"`
		Partnerships struct {
			Nodes []struct {
				Sources []source `json:"sources"`
			} `json:"nodes"`
		} `json:"partnerships"`
		People struct {
			Nodes []struct {
				Sources []source `json:"sources"`
			} `json:"nodes"`
		} `json:"people"`
		Events struct {
			Nodes []struct {
				Sources []source `json:"sources"`
			} `json:"nodes"`
		} `json:"events"`
	}
	query(t, c, `{ stakeholders(first: 100) { nodes { slug sources { title quote } } }
		partnerships(first: 100) { nodes { sources { title quote } } }
		people { nodes { sources { title quote } } } events { nodes { sources { title quote } } } }`, &resp)
	var all []source
	for _, n := range resp.Stakeholders.Nodes {
		all = append(all, n.Sources...)
	}
	for _, n := range resp.Partnerships.Nodes {
		all = append(all, n.Sources...)
	}
	for _, n := range resp.People.Nodes {
		all = append(all, n.Sources...)
	}
	for _, n := range resp.Events.Nodes {
		all = append(all, n.Sources...)
	}
	if len(all) < 50 {
		t.Fatalf("only %d citations read", len(all))
	}
	for _, s := range all {
		if s.Title == "" || s.Quote == nil || *s.Quote == "" {
			t.Errorf("a citation without its document or quote: %+v", s)
		}
	}
}

// TestSourcesHaveKinds checks that each cited document is served with the kind the data set gives it.
func TestSourcesHaveKinds(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	type weight struct{ kind, story string }
	want := map[string]weight{} // title and address -> kind and story (copies share a title)
	for _, s := range d.Sources {
		want[s.Title+" "+s.URL] = weight{s.Kind, s.Story}
	}
	c := newClient(t)
	var resp struct {
		Stakeholders struct {
			Nodes []struct {
				Sources []struct {
					Title string  `json:"title"`
					URL   *string `json:"url"`
					Kind  *string `json:"kind"`
					Story *string `json:"story"`
				} `json:"sources"`
			} `json:"nodes"`
		} `json:"stakeholders"`
	}
	query(t, c, `{ stakeholders(first: 100) { nodes { sources { title url kind story } } } }`, &resp)
	seen := map[string]bool{}
	stories := 0
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	for _, n := range resp.Stakeholders.Nodes {
		for _, s := range n.Sources {
			key := s.Title + " " + deref(s.URL)
			seen[key] = true
			w, ok := want[key]
			if !ok {
				t.Errorf("%q (%s) is in no data file", s.Title, deref(s.URL))
				continue
			}
			if got := (weight{deref(s.Kind), deref(s.Story)}); got != w {
				t.Errorf("%q is served as %+v, the data set says %+v", s.Title, got, w)
			}
			if s.Story != nil {
				stories++
			}
		}
	}
	if len(seen) < 5 || stories == 0 {
		t.Fatalf("only %d documents read, %d of them with a story: the test says little", len(seen), stories)
	}
}

// TestTiesCarryTheirEvidence checks each tie's evidence against the data set: how many independent
// sources cite it (a story shared by several documents counts once) and the weightiest kind among them.
func TestTiesCarryTheirEvidence(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	want := evidenceFromFiles(d)
	c := newClient(t)
	checked := map[string]bool{}
	check := func(key string, n int, kind *string) {
		w, ok := want[key]
		if !ok {
			t.Errorf("%s: no such tie in the data set", key)
			return
		}
		got := ""
		if kind != nil {
			got = *kind
		}
		if n != w.n || got != w.kind {
			t.Errorf("%s: %d independent sources, strongest %q; the data set gives %d, %q", key, n, got, w.n, w.kind)
		}
		checked[key] = true
	}
	type node struct {
		Slug string `json:"slug"`
		Ties []struct {
			Type               string         `json:"type"`
			Direction          string         `json:"direction"`
			Other              stakeholderRef `json:"other"`
			IndependentSources int            `json:"independentSources"`
			StrongestSource    *string        `json:"strongestSource"`
		} `json:"ties"`
		Partners []struct {
			Partner            stakeholderRef `json:"partner"`
			IndependentSources int            `json:"independentSources"`
			StrongestSource    *string        `json:"strongestSource"`
		} `json:"partners"`
	}
	eachStakeholderPage(t, c, `slug
		ties(evidence: {minKind: MACHINE}) { type direction other { slug } independentSources strongestSource }
		partners(evidence: {minKind: MACHINE}) { partner { slug } independentSources strongestSource }`,
		func(nodes []node) {
			for _, s := range nodes {
				for _, tie := range s.Ties {
					from, to := s.Slug, tie.Other.Slug
					if tie.Direction == "INCOMING" {
						from, to = to, from
					}
					check(tieKey(from, tie.Type, to), tie.IndependentSources, tie.StrongestSource)
				}
				for _, p := range s.Partners {
					check(tieKey(s.Slug, "PARTNERS_WITH", p.Partner.Slug), p.IndependentSources, p.StrongestSource)
				}
			}
		})
	if len(checked) != len(d.Ties) {
		t.Errorf("checked %d ties, the data set has %d", len(checked), len(d.Ties))
	}
	var net struct {
		Network struct {
			Ties []struct {
				Type               string         `json:"type"`
				From               stakeholderRef `json:"from"`
				To                 stakeholderRef `json:"to"`
				IndependentSources int            `json:"independentSources"`
				StrongestSource    *string        `json:"strongestSource"`
			} `json:"ties"`
		} `json:"network"`
	}
	query(t, c, `{ network(filter: {tieTypes: [`+strings.Join(tieTypeNames(), " ")+`], evidence: {minKind: MACHINE}}) {
		ties { type from { slug } to { slug } independentSources strongestSource } } }`, &net)
	if len(net.Network.Ties) != len(d.Ties) {
		t.Errorf("the network has %d ties, the data set %d", len(net.Network.Ties), len(d.Ties))
	}
	for _, tie := range net.Network.Ties {
		check(tieKey(tie.From.Slug, tie.Type, tie.To.Slug), tie.IndependentSources, tie.StrongestSource)
	}
}
