package httpapi_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

type pageResp struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Cursor string `json:"cursor"`
		Node   struct {
			Slug string `json:"slug"`
		} `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage     bool    `json:"hasNextPage"`
		HasPreviousPage bool    `json:"hasPreviousPage"`
		EndCursor       *string `json:"endCursor"`
	} `json:"pageInfo"`
}

func TestPaginationWalksEveryStakeholderOnce(t *testing.T) {
	c := newClient(t)
	orders := []string{`{field: NAME}`, `{field: NAME, direction: DESC}`, `{field: SLUG}`, `{field: SLUG, direction: DESC}`}
	for _, order := range orders {
		t.Run(order, func(t *testing.T) {
			seen := map[string]int{}
			var after *string
			var total, pages int
			for {
				var resp struct {
					Stakeholders pageResp `json:"stakeholders"`
				}
				query(t, c, `query($after: String) { stakeholders(orderBy: `+order+`, first: 7, after: $after) {
					totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
					&resp, client.Var("after", after))
				p := resp.Stakeholders
				total = p.TotalCount
				if p.PageInfo.HasPreviousPage != (after != nil) {
					t.Errorf("page %d: hasPreviousPage = %v", pages, p.PageInfo.HasPreviousPage)
				}
				for _, e := range p.Edges {
					seen[e.Node.Slug]++
				}
				pages++
				if !p.PageInfo.HasNextPage {
					break
				}
				if len(p.Edges) != 7 || p.PageInfo.EndCursor == nil || *p.PageInfo.EndCursor != p.Edges[6].Cursor {
					t.Fatalf("page %d: %d edges, endCursor %v", pages, len(p.Edges), p.PageInfo.EndCursor)
				}
				after = p.PageInfo.EndCursor
				if pages > 100 {
					t.Fatal("pagination does not end")
				}
			}
			if len(seen) != total {
				t.Errorf("walked %d distinct stakeholders, totalCount says %d", len(seen), total)
			}
			for slug, n := range seen {
				if n != 1 {
					t.Errorf("%s seen %d times", slug, n)
				}
			}
			if want := (total + 6) / 7; pages != want {
				t.Errorf("%d pages for %d stakeholders at 7 a page, want %d", pages, total, want)
			}
		})
	}

	t.Run("first: 0 counts without listing", func(t *testing.T) {
		var resp struct {
			Stakeholders pageResp `json:"stakeholders"`
		}
		query(t, c, `{ stakeholders(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`, &resp)
		if len(resp.Stakeholders.Edges) != 0 || !resp.Stakeholders.PageInfo.HasNextPage || resp.Stakeholders.TotalCount == 0 {
			t.Errorf("first: 0 gave %+v", resp.Stakeholders)
		}
	})
}

func TestPartnershipPagination(t *testing.T) {
	c := newClient(t)
	var all struct {
		Partnerships struct {
			TotalCount int `json:"totalCount"`
		} `json:"partnerships"`
	}
	query(t, c, `{ partnerships { totalCount } }`, &all)
	seen := map[string]bool{}
	var after *string
	for i := 0; i < 500; i++ {
		var resp struct {
			Partnerships struct {
				Edges []struct {
					Cursor string `json:"cursor"`
					Node   struct {
						Stakeholder stakeholderRef `json:"stakeholder"`
						Partner     stakeholderRef `json:"partner"`
					} `json:"node"`
				} `json:"edges"`
				PageInfo struct {
					HasNextPage bool    `json:"hasNextPage"`
					EndCursor   *string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"partnerships"`
		}
		query(t, c, `query($after: String) { partnerships(first: 2, after: $after) { edges { cursor node {
			stakeholder { slug } partner { slug } } } pageInfo { hasNextPage endCursor } } }`, &resp, client.Var("after", after))
		for _, e := range resp.Partnerships.Edges {
			key := e.Node.Stakeholder.Slug + "|" + e.Node.Partner.Slug
			if seen[key] {
				t.Errorf("%s listed twice", key)
			}
			seen[key] = true
		}
		if !resp.Partnerships.PageInfo.HasNextPage {
			break
		}
		after = resp.Partnerships.PageInfo.EndCursor
	}
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	want := len(expectedTies(evidenceFromFiles(d), evidenceCases[0], "PARTNERS_WITH")) // the default view's
	if len(seen) != all.Partnerships.TotalCount || len(seen) != want {
		t.Errorf("walked %d partnerships, totalCount %d; the data files have %d", len(seen), all.Partnerships.TotalCount, want)
	}
}

// A connection's totalCount is counted while its page is read: the count a page comes with must be the
// count asked alone, and a page that fails must answer its error, not wait for the count.
func TestTotalCountReadWithItsPage(t *testing.T) {
	c := newClient(t)
	for _, field := range []string{
		`stakeholders`, `stakeholders(filter: {kinds: [NGO, INTERNATIONAL_ORGANIZATION]})`,
		`partnerships`, `partnerships(filter: {focusAreas: [PROTECTION]})`,
		`people`, `events`,
	} {
		t.Run(field, func(t *testing.T) {
			var alone, with map[string]struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Cursor string `json:"cursor"`
				} `json:"edges"`
			}
			name := strings.SplitN(field, "(", 2)[0]
			withArgs := func(args string) string {
				if strings.Contains(field, "(") {
					return strings.Replace(field, ")", ", "+args+")", 1)
				}
				return field + "(" + args + ")"
			}
			query(t, c, `{ x: `+withArgs("first: 0")+` { totalCount } }`, &alone)
			query(t, c, `{ x: `+withArgs("first: 100")+` { edges { cursor } totalCount } }`, &with)
			if alone["x"].TotalCount == 0 {
				t.Fatalf("%s: the seed has none, so the test says nothing", name)
			}
			if with["x"].TotalCount != alone["x"].TotalCount || len(with["x"].Edges) != min(100, alone["x"].TotalCount) {
				t.Errorf("%s: totalCount %d with its page of %d, %d alone", name, with["x"].TotalCount, len(with["x"].Edges), alone["x"].TotalCount)
			}
			errs, _ := queryErrors(t, c, `{ x: `+withArgs(`after: "not a cursor"`)+` { totalCount edges { cursor } } }`, nil)
			if len(errs) == 0 {
				t.Errorf("%s: a bad cursor with totalCount selected answered no error", name)
			}
		})
	}
}
