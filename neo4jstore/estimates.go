package neo4jstore

import (
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Some filtered lists can be read in two ways whose costs turn on how many stakeholders the filter
// matches, which Neo4j cannot tell from a statement whose values are parameters: a page can walk the
// sort index in order, testing each stakeholder until the page is full (cheap when many match, a read of
// every stakeholder when few do), or find the matches through an index on a filtered field and sort them
// (cheap when few match); partnerships can be walked from every stakeholder, or read from the
// stakeholders of the kinds asked for. The store's measures (Measures) count the stakeholders by kind,
// sector and country together, and the functions here tell from them how many a filter matches. Only
// the work depends on the choice, never the answer.

// matching returns how many stakeholders are of one of kinds, in one of sectors and of country (an empty
// list or nil country allows any), and their partnership ends; known is false until the graph has been
// measured.
func matching(m domain.GraphMeasures, kinds []domain.StakeholderKind, sectors []domain.Sector, country *string) (stakeholders, ends int, known bool) {
	if m.Groups == nil {
		return 0, 0, false
	}
	want := ""
	if country != nil {
		want = strings.ToUpper(strings.TrimSpace(*country))
	}
	for _, g := range m.Groups {
		if (len(kinds) == 0 || slices.Contains(kinds, g.Kind)) && (len(sectors) == 0 || slices.Contains(sectors, g.Sector)) &&
			(country == nil || g.Country == want) {
			stakeholders += g.Stakeholders
			ends += g.PartnershipEnds
		}
	}
	return stakeholders, ends, true
}

// readInOrder says whether the first page (of size first) of the stakeholders matching f is best read
// by walking the sort index in order rather than by finding the matches through an index on a filtered
// field and sorting them. The walk reads about first x all / matches stakeholders, the search reads the
// matches: the walk wins when matches x matches >= first x all. With no filtered field an index serves,
// the walk; with a name to contain, or before the graph is measured, the search (the text index finds a
// name's few matches).
func readInOrder(f domain.StakeholderFilter, m domain.GraphMeasures, first int) bool {
	if len(f.Kinds) == 0 && len(f.Sectors) == 0 && f.Country == nil && f.NameContains == nil {
		return true
	}
	if f.NameContains != nil {
		return false
	}
	n, _, known := matching(m, f.Kinds, f.Sectors, f.Country)
	all, _, _ := matching(m, nil, nil, nil)
	return known && n*n >= (first+1)*all
}

// partnershipSide says where a read of the partnerships matching f starts: "" to walk every stakeholder,
// "a" or "b" to start from the stakeholders of the kinds asked for at that end (kinds, partnerKinds),
// found by the kind index, when they have fewer than limit partnership ends between them (the fewer of
// the two ends when both are asked for). Before the graph is measured, the walk.
func partnershipSide(f domain.PartnershipFilter, m domain.GraphMeasures, limit int) string {
	side, fewest := "", limit
	if len(f.Kinds) > 0 {
		if _, ends, known := matching(m, f.Kinds, nil, nil); known && ends < fewest {
			side, fewest = "a", ends
		}
	}
	if len(f.PartnerKinds) > 0 {
		if _, ends, known := matching(m, f.PartnerKinds, nil, nil); known && ends < fewest {
			side = "b"
		}
	}
	return side
}
