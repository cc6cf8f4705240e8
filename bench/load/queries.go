package main

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A system is one of the servers under test: the three of the comparison, and the service asked to read
// every answer from the graph (Cache-Control: no-cache), which measures it without its response cache.
type system int

const (
	floorSys system = iota
	serviceSys
	librarySys
	uncachedSys
)

var systems = []system{floorSys, serviceSys, librarySys, uncachedSys}

func (s system) String() string { return [...]string{"floor", "service", "library", "uncached"}[s] }

// request is one HTTP request: a path on the system's base URL, a JSON body, and whether to ask for an
// answer read from the graph rather than a cache.
type request struct {
	path    string
	body    any
	noCache bool
	// token, when set, is sent as a bearer token (the service's mutations need an editor's key).
	token string
	// answers are the error codes that are an answer to the question, not a failure: a generated lookup
	// of a person on a network of stakeholders only is answered NOT_FOUND.
	answers []string
}

// args are the parameters of one query, drawn once and given to every system.
type args struct {
	slug, other         string
	kinds, partnerKinds []string
	text                string
	// variant is which of a generated shape's queries is asked.
	variant int
}

// queryKind is one query of the mix: how to draw its parameters, how each system is asked, and how each
// answer is reduced to a canonical form that must be equal across systems.
type queryKind struct {
	name   string
	about  string
	weight int
	draw   func(r *rand.Rand, d *dataset) args
	ask    [3]func(a args) request
	canon  [3]func(data map[string]any) (string, error)
	// systems are the systems a kind is measured on (all when nil): the floor has no statements for
	// generated shapes.
	systems []system
	// mix, for a mix, draws each request's query and arguments.
	mix func(r *rand.Rand, d *dataset) (*queryKind, args)
}

func (k *queryKind) measuredOn(sys system) bool {
	return k.systems == nil || slices.Contains(k.systems, sys)
}

// request is how sys is asked the query with arguments a; the uncached service is asked as the service is.
func (k *queryKind) request(sys system, a args) request {
	if sys == uncachedSys {
		r := k.ask[serviceSys](a)
		r.noCache = true
		return r
	}
	return k.ask[sys](a)
}

// canonical reduces sys's answer to the canonical form.
func (k *queryKind) canonical(sys system, data map[string]any) (string, error) {
	if sys == uncachedSys {
		sys = serviceSys
	}
	return k.canon[sys](data)
}

func gql(query string, vars map[string]any) request {
	return request{path: "/graphql", body: map[string]any{"query": query, "variables": vars}}
}

func floorQ(name string, params map[string]any) request {
	return request{path: "/q/" + name, body: params}
}

func globalID(slug string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("Stakeholder:" + slug))
}

// The partnership filters a dashboard asks for: "which agencies partner with which NGOs, ministries and
// diplomatic missions" and the like.
var partnershipFilters = [][2][]string{
	{{"AGENCY"}, {"NGO"}},
	{{"AGENCY"}, {"NGO", "MINISTRY", "DIPLOMATIC_MISSION"}},
	{{"MINISTRY"}, {"NGO", "CIVIL_SOCIETY"}},
	{{"INTERNATIONAL_ORGANIZATION"}, {"AGENCY"}},
	{{"NGO"}, {"NGO"}},
	{{"DIPLOMATIC_MISSION"}, {"AGENCY", "MINISTRY"}},
}

var kinds = []string{"MINISTRY", "AGENCY", "COUNCIL", "NGO", "CIVIL_SOCIETY", "INTERNATIONAL_ORGANIZATION",
	"DIPLOMATIC_MISSION", "PRIVATE_SECTOR", "ACADEMIC"}

var queryKinds = []queryKind{
	{
		name: "partners", weight: 30,
		about: "stakeholder by slug with its partners (each with tie dates and sources)",
		draw:  func(r *rand.Rand, d *dataset) args { return args{slug: d.slug(r)} },
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("partners", map[string]any{"slug": a.slug}) },
			func(a args) request {
				return gql(`query Partners($slug: String!) { stakeholder(slug: $slug) { slug name kind sector country focusAreas
  sources { title quote }
  partners { partner { slug name kind sector } focusAreas since until evidencedFrom sources { title quote } } } }`,
					map[string]any{"slug": a.slug})
			},
			func(a args) request {
				return gql(`query Partners($slug: String!) { stakeholders(where: {slug: {eq: $slug}}) { slug name kind sector country focusAreas
  citeQuotes sourceDocuments { title }
  partnersConnection(sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}]) { edges {
    properties { focusAreas since until evidencedFrom citeSources citeQuotes } node { slug name kind sector } } } } }`,
					map[string]any{"slug": a.slug})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonPartnersGQL, canonPartnersGQL,
			func(d map[string]any) (string, error) {
				list := arr(d["stakeholders"])
				if len(list) != 1 {
					return "", fmt.Errorf("%d stakeholders", len(list))
				}
				s := obj(list[0])
				var partners []string
				tieSources := 0
				for _, e := range arr(obj(s["partnersConnection"])["edges"]) {
					partners = append(partners, str(obj(obj(e)["node"])["slug"]))
					tieSources += len(arr(obj(obj(e)["properties"])["citeQuotes"]))
				}
				return canonPartners(str(s["slug"]), len(arr(s["citeQuotes"])), titled(arr(s["sourceDocuments"])), partners, tieSources, -1), nil
			},
		},
	},
	{
		name: "partnerships", weight: 10,
		about: "partnerships filtered by kinds x partnerKinds, first 50",
		draw: func(r *rand.Rand, d *dataset) args {
			f := partnershipFilters[r.IntN(len(partnershipFilters))]
			return args{kinds: f[0], partnerKinds: f[1]}
		},
		ask: [3]func(a args) request{
			func(a args) request {
				return floorQ("partnerships", map[string]any{"kinds": a.kinds, "partnerKinds": a.partnerKinds, "first": 50})
			},
			func(a args) request {
				return gql(`query Partnerships($kinds: [StakeholderKind!], $partnerKinds: [StakeholderKind!]) {
  partnerships(filter: {kinds: $kinds, partnerKinds: $partnerKinds}, first: 50) {
    nodes { stakeholder { slug name kind } partner { slug name kind } focusAreas since until sources { title quote } }
    pageInfo { hasNextPage } } }`, map[string]any{"kinds": a.kinds, "partnerKinds": a.partnerKinds})
			},
			func(a args) request {
				return gql(`query Partnerships($kinds: [String!], $partnerKinds: [String!]) {
  partnerships(kinds: $kinds, partnerKinds: $partnerKinds, first: 50) {
    stakeholder { slug name kind } partner { slug name kind } focusAreas since until citeSources citeQuotes } }`,
					map[string]any{"kinds": a.kinds, "partnerKinds": a.partnerKinds})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonPartnershipsGQL, canonPartnershipsGQL,
			func(d map[string]any) (string, error) { return canonPartnerships(arr(d["partnerships"]), -1), nil },
		},
	},
	{
		name: "page", weight: 10,
		about: "a page of 100 stakeholders (by name) with nested partners and their sources",
		draw:  func(r *rand.Rand, d *dataset) args { return args{kinds: []string{d.kind(r)}} },
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("page", map[string]any{"kinds": a.kinds, "first": 100}) },
			func(a args) request {
				return gql(`query Page($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}, first: 100) {
  nodes { slug name kind sector sources { title quote }
    partners { partner { slug name } since focusAreas sources { title quote } } }
  pageInfo { hasNextPage } } }`, map[string]any{"kinds": a.kinds})
			},
			func(a args) request {
				return gql(`query Page($kinds: [String!]) {
  stakeholdersConnection(where: {kind: {in: $kinds}}, sort: [{nameKey: ASC}, {slug: ASC}], first: 100) {
    edges { node { slug name kind sector citeQuotes sourceDocuments { title }
      partnersConnection(sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}]) { edges {
        properties { since focusAreas citeSources citeQuotes } node { slug name } } } } }
    pageInfo { hasNextPage } } }`, map[string]any{"kinds": a.kinds})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonPageGQL, canonPageGQL,
			func(d map[string]any) (string, error) {
				c := obj(d["stakeholdersConnection"])
				var slugs []string
				partners, docs := 0, 0
				for _, e := range arr(c["edges"]) {
					n := obj(obj(e)["node"])
					slugs = append(slugs, str(n["slug"]))
					partners += len(arr(obj(n["partnersConnection"])["edges"]))
					docs += titled(arr(n["sourceDocuments"]))
				}
				return canonPage(slugs, partners, docs, -1, obj(c["pageInfo"])["hasNextPage"] == true), nil
			},
		},
	},
	{
		name: "count", weight: 10,
		about: "totalCount only (stakeholders of one or two kinds)",
		draw: func(r *rand.Rand, d *dataset) args {
			k := []string{d.kind(r)}
			if r.IntN(2) == 0 {
				k = append(k, d.kind(r))
			}
			return args{kinds: k}
		},
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("count", map[string]any{"kinds": a.kinds}) },
			func(a args) request {
				return gql(`query Count($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}) { totalCount } }`,
					map[string]any{"kinds": a.kinds})
			},
			func(a args) request {
				return gql(`query Count($kinds: [String!]) { stakeholdersConnection(where: {kind: {in: $kinds}}) { totalCount } }`,
					map[string]any{"kinds": a.kinds})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonCountGQL, canonCountGQL,
			func(d map[string]any) (string, error) {
				return fmt.Sprint(obj(d["stakeholdersConnection"])["totalCount"]), nil
			},
		},
	},
	{
		name: "search", weight: 20,
		about: "full-text search for a stakeholder's name, first 10",
		draw:  func(r *rand.Rand, d *dataset) args { return args{text: d.searchText(r)} },
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("search", map[string]any{"text": a.text, "first": 10}) },
			func(a args) request {
				return gql(`query Search($text: String!) { search(text: $text, first: 10) { score
  node { __typename ... on Stakeholder { slug name kind } ... on Person { slug name } ... on Event { slug name } } } }`,
					map[string]any{"text": a.text})
			},
			func(a args) request {
				return gql(`query Search($phrase: String!) { stakeholdersByName(phrase: $phrase, first: 10, sort: [{score: DESC}]) {
  edges { score node { slug name kind } } } }`, map[string]any{"phrase": luceneQuery(a.text)})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonSearchGQL, canonSearchGQL,
			func(d map[string]any) (string, error) {
				edges := arr(obj(d["stakeholdersByName"])["edges"])
				if len(edges) == 0 {
					return "", fmt.Errorf("no hits")
				}
				return "top=" + str(obj(obj(edges[0])["node"])["slug"]), nil
			},
		},
	},
	{
		name: "neighborhood", weight: 10,
		about: "depth-2 neighbourhood: stakeholders and every tie among them",
		draw:  func(r *rand.Rand, d *dataset) args { return args{slug: d.slug(r)} },
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("neighborhood", map[string]any{"slug": a.slug}) },
			func(a args) request {
				return gql(`query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount
  stakeholders { slug name kind } ties { key type from { slug } to { slug } } } }`, map[string]any{"id": globalID(a.slug)})
			},
			func(a args) request {
				return gql(`query Neighborhood($slug: String!) { neighbourhood(slug: $slug) {
  stakeholders { slug name kind } ties { key type from to } } }`, map[string]any{"slug": a.slug})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonHoodGQL, canonHoodGQL,
			func(d map[string]any) (string, error) {
				h := obj(d["neighbourhood"])
				var slugs, keys []string
				for _, s := range arr(h["stakeholders"]) {
					slugs = append(slugs, str(obj(s)["slug"]))
				}
				for _, t := range arr(h["ties"]) {
					keys = append(keys, str(obj(t)["key"]))
				}
				return canonHood(slugs, keys), nil
			},
		},
	},
	{
		name: "path", weight: 10,
		about: "a shortest path between two stakeholders (at most 6 hops)",
		draw: func(r *rand.Rand, d *dataset) args {
			a, b := d.slug(r), d.slug(r)
			for b == a {
				b = d.slug(r)
			}
			return args{slug: a, other: b}
		},
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("path", map[string]any{"from": a.slug, "to": a.other}) },
			func(a args) request {
				return gql(`query Path($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 6, limit: 1) { length
  paths { stakeholders { slug name kind } } } }`, map[string]any{"from": globalID(a.slug), "to": globalID(a.other)})
			},
			func(a args) request {
				return gql(`query Path($from: String!, $to: String!) { shortestPath(from: $from, to: $to) { length
  stakeholders { slug name kind } } }`, map[string]any{"from": a.slug, "to": a.other})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonPathGQL, canonPathGQL,
			func(d map[string]any) (string, error) { return canonPath(d["shortestPath"]), nil },
		},
	},
	// The two questions below are outside the mix (weight 0): nested shapes no special case of the service
	// was written for, measured as cells of their own.
	{
		name: "partners2", weight: 0,
		about: "a stakeholder, its partners, and each partner's partners (two levels, outside the mix)",
		draw:  func(r *rand.Rand, d *dataset) args { return args{slug: d.slug(r)} },
		ask: [3]func(a args) request{
			func(a args) request { return floorQ("partners2", map[string]any{"slug": a.slug}) },
			func(a args) request {
				return gql(`query Partners2($slug: String!) { stakeholder(slug: $slug) { slug name
  partners { partner { slug name partners { partner { slug name } since } } since } } }`, map[string]any{"slug": a.slug})
			},
			func(a args) request {
				return gql(`query Partners2($slug: String!) { stakeholders(where: {slug: {eq: $slug}}) { slug name
  partnersConnection(sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}]) { edges { properties { since } node { slug name
    partnersConnection(sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}]) { edges { properties { since } node { slug name } } } } } } } }`,
					map[string]any{"slug": a.slug})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonPartners2GQL, canonPartners2GQL,
			func(d map[string]any) (string, error) {
				list := arr(d["stakeholders"])
				if len(list) != 1 {
					return "", fmt.Errorf("%d stakeholders", len(list))
				}
				s := obj(list[0])
				var pairs []string
				for _, e := range arr(obj(s["partnersConnection"])["edges"]) {
					p := obj(obj(e)["node"])
					pairs = append(pairs, str(p["slug"]))
					for _, e2 := range arr(obj(p["partnersConnection"])["edges"]) {
						pairs = append(pairs, str(p["slug"])+">"+str(obj(obj(e2)["node"])["slug"]))
					}
				}
				return canonPairs(str(s["slug"]), pairs), nil
			},
		},
	},
	{
		name: "kindpartners", weight: 0,
		about: "50 stakeholders of one kind by name, each with its NGO partners (outside the mix)",
		draw: func(r *rand.Rand, d *dataset) args {
			return args{kinds: []string{d.kind(r)}, partnerKinds: []string{"NGO"}}
		},
		ask: [3]func(a args) request{
			func(a args) request {
				return floorQ("kindpartners", map[string]any{"kind": a.kinds[0], "partnerKinds": a.partnerKinds})
			},
			func(a args) request {
				return gql(`query KindPartners($kinds: [StakeholderKind!], $partnerKinds: [StakeholderKind!]) {
  stakeholders(filter: {kinds: $kinds}, first: 50) { nodes { slug name partners(kinds: $partnerKinds) { partner { slug name kind } since } } } }`,
					map[string]any{"kinds": a.kinds, "partnerKinds": a.partnerKinds})
			},
			func(a args) request {
				return gql(`query KindPartners($kinds: [String!], $partnerKinds: [String!]) {
  stakeholdersConnection(where: {kind: {in: $kinds}}, sort: [{nameKey: ASC}, {slug: ASC}], first: 50) { edges { node { slug name
    partnersConnection(where: {node: {kind: {in: $partnerKinds}}}, sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}]) {
      edges { properties { since } node { slug name kind } } } } } } }`,
					map[string]any{"kinds": a.kinds, "partnerKinds": a.partnerKinds})
			},
		},
		canon: [3]func(map[string]any) (string, error){
			canonKindPartnersGQL, canonKindPartnersGQL,
			func(d map[string]any) (string, error) {
				var pairs []string
				for _, e := range arr(obj(d["stakeholdersConnection"])["edges"]) {
					n := obj(obj(e)["node"])
					pairs = append(pairs, str(n["slug"]))
					for _, e2 := range arr(obj(n["partnersConnection"])["edges"]) {
						pairs = append(pairs, str(n["slug"])+">"+str(obj(obj(e2)["node"])["slug"]))
					}
				}
				return canonPairs("", pairs), nil
			},
		},
	},
}

// The floor answers in the service's shape, so one reader serves both.

func canonPartnersGQL(d map[string]any) (string, error) {
	s := obj(d["stakeholder"])
	if s == nil {
		return "", fmt.Errorf("no stakeholder")
	}
	var partners []string
	tieSources, tieTitled := 0, 0
	for _, p := range arr(s["partners"]) {
		partners = append(partners, str(obj(obj(p)["partner"])["slug"]))
		tieSources += len(arr(obj(p)["sources"]))
		tieTitled += titled(arr(obj(p)["sources"]))
	}
	return canonPartners(str(s["slug"]), len(arr(s["sources"])), titled(arr(s["sources"])), partners, tieSources, tieTitled), nil
}

// canonPartners2GQL reads two levels of partners as parent>child slug pairs.
func canonPartners2GQL(d map[string]any) (string, error) {
	s := obj(d["stakeholder"])
	if s == nil {
		return "", fmt.Errorf("no stakeholder")
	}
	var pairs []string
	for _, p := range arr(s["partners"]) {
		slug := str(obj(obj(p)["partner"])["slug"])
		pairs = append(pairs, slug)
		for _, q := range arr(obj(obj(p)["partner"])["partners"]) {
			pairs = append(pairs, slug+">"+str(obj(obj(q)["partner"])["slug"]))
		}
	}
	return canonPairs(str(s["slug"]), pairs), nil
}

// canonKindPartnersGQL reads a page of stakeholders with their partners as slugs and slug>partner pairs.
func canonKindPartnersGQL(d map[string]any) (string, error) {
	var pairs []string
	for _, n := range arr(obj(d["stakeholders"])["nodes"]) {
		slug := str(obj(n)["slug"])
		pairs = append(pairs, slug)
		for _, p := range arr(obj(n)["partners"]) {
			pairs = append(pairs, slug+">"+str(obj(obj(p)["partner"])["slug"]))
		}
	}
	return canonPairs("", pairs), nil
}

// canonPairs is the canonical form of nested lists flattened to slugs and parent>child pairs, in any order.
func canonPairs(slug string, pairs []string) string {
	slices.Sort(pairs)
	return fmt.Sprintf("slug=%s n=%d %s", slug, len(pairs), digest(pairs))
}

// canonPartners also counts the citations whose document has a title: a join that loses documents shows.
// A partnership's documents are not available from the library (tieTitled -1, compared as unknown).
func canonPartners(slug string, sources, titledSources int, partners []string, tieSources, tieTitled int) string {
	slices.Sort(partners)
	return fmt.Sprintf("slug=%s sources=%d titled=%d partners=%d %s tieSources=%d tieTitled=%s", slug, sources,
		titledSources, len(partners), digest(partners), tieSources, unknownIfNegative(tieTitled))
}

// titled counts the sources (or documents) with a non-empty title.
func titled(sources []any) int {
	n := 0
	for _, s := range sources {
		if str(obj(s)["title"]) != "" {
			n++
		}
	}
	return n
}

func unknownIfNegative(n int) string {
	if n < 0 {
		return "?"
	}
	return fmt.Sprint(n)
}

// agree compares two canonical forms field by field; a field whose value is "?" (unknown to one system)
// matches any value.
func agree(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] == fb[i] {
			continue
		}
		ka, va, _ := strings.Cut(fa[i], "=")
		kb, vb, _ := strings.Cut(fb[i], "=")
		if ka != kb || (va != "?" && vb != "?") {
			return false
		}
	}
	return true
}

func canonPartnershipsGQL(d map[string]any) (string, error) {
	c := obj(d["partnerships"])
	if c == nil {
		return "", fmt.Errorf("no partnerships")
	}
	tieTitled := 0
	for _, r := range arr(c["nodes"]) {
		tieTitled += titled(arr(obj(r)["sources"]))
	}
	return canonPartnerships(arr(c["nodes"]), tieTitled), nil
}

func canonPartnerships(rows []any, tieTitled int) string {
	pairs := make([]string, len(rows))
	for i, r := range rows {
		pairs[i] = str(obj(obj(r)["stakeholder"])["slug"]) + ">" + str(obj(obj(r)["partner"])["slug"])
	}
	// in order: the order is part of the answer
	return fmt.Sprintf("n=%d %s tieTitled=%s", len(pairs), digest(pairs), unknownIfNegative(tieTitled))
}

func canonPageGQL(d map[string]any) (string, error) {
	c := obj(d["stakeholders"])
	if c == nil {
		return "", fmt.Errorf("no stakeholders")
	}
	var slugs []string
	partners, docs, tieDocs := 0, 0, 0
	for _, n := range arr(c["nodes"]) {
		slugs = append(slugs, str(obj(n)["slug"]))
		partners += len(arr(obj(n)["partners"]))
		docs += titled(arr(obj(n)["sources"]))
		for _, p := range arr(obj(n)["partners"]) {
			tieDocs += titled(arr(obj(p)["sources"]))
		}
	}
	return canonPage(slugs, partners, docs, tieDocs, obj(c["pageInfo"])["hasNextPage"] == true), nil
}

func canonPage(slugs []string, partners, titledSources, tieTitled int, more bool) string {
	return fmt.Sprintf("n=%d %s partners=%d titled=%d tieTitled=%s more=%v", len(slugs), digest(slugs), partners,
		titledSources, unknownIfNegative(tieTitled), more)
}

func canonCountGQL(d map[string]any) (string, error) {
	c := obj(d["stakeholders"])
	if c == nil {
		return "", fmt.Errorf("no count")
	}
	return fmt.Sprint(c["totalCount"]), nil
}

func canonSearchGQL(d map[string]any) (string, error) {
	hits := arr(d["search"])
	if len(hits) == 0 {
		return "", fmt.Errorf("no hits")
	}
	return "top=" + str(obj(obj(hits[0])["node"])["slug"]), nil
}

func canonHoodGQL(d map[string]any) (string, error) {
	h := obj(d["neighborhood"])
	if h == nil {
		return "", fmt.Errorf("no neighborhood")
	}
	var slugs, keys []string
	for _, s := range arr(h["stakeholders"]) {
		slugs = append(slugs, str(obj(s)["slug"]))
	}
	for _, t := range arr(h["ties"]) {
		keys = append(keys, str(obj(t)["key"]))
	}
	return canonHood(slugs, keys), nil
}

func canonHood(slugs, keys []string) string {
	slices.Sort(slugs)
	slices.Sort(keys)
	return fmt.Sprintf("stakeholders=%d %s ties=%d %s", len(slugs), digest(slugs), len(keys), digest(keys))
}

func canonPathGQL(d map[string]any) (string, error) { return canonPath(d["path"]), nil }

// canonPath keeps the length only: several shortest paths may exist and each system may pick another.
func canonPath(p any) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprintf("length=%v", obj(p)["length"])
}

// digest shortens a list to a checksum, so mismatches print compactly.
func digest(ss []string) string {
	var h uint64 = 14695981039346656037
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return fmt.Sprintf("#%08x", uint32(h^(h>>32)))
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func arr(v any) []any          { a, _ := v.([]any); return a }
func str(v any) string         { s, _ := v.(string); return s }

// luceneQuery is the service's translation of search text (neo4jstore.luceneQuery), for the library,
// whose full-text queries take Lucene syntax.
func luceneQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	clauses := make([]string, 0, len(words))
	for _, w := range words {
		clause := "(" + w + "^4 OR " + w + "*^2"
		if utf8.RuneCountInString(w) >= 4 {
			clause += " OR " + w + "~1"
		}
		clauses = append(clauses, clause+")")
	}
	return strings.Join(clauses, " ")
}
