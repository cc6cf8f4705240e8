// Package synthetic makes synthetic stakeholder networks for measuring the service at scale. The networks
// look like real national anti-trafficking networks in the ways that matter to performance and analysis:
// a mix of kinds and sectors like the seed network's, communities (ministries with their agencies and the
// NGOs around them), and heavy-tailed degrees from preferential attachment. Every record is marked as
// synthetic: slugs start with "syn-", names say "Synthetic", and the one cited source says how it was made.
package synthetic

import (
	"fmt"
	"math/rand/v2"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Options says what to generate.
type Options struct {
	// Stakeholders and Ties are how many of each to make.
	Stakeholders, Ties int
	// Seed makes the network reproducible: the same options give the same network.
	Seed uint64
	// Communities is how many communities to plant; zero means one per 200 stakeholders (at least 2).
	Communities int
}

// profile is one kind of stakeholder with its sector and its share of the network, roughly as in the seed.
type profile struct {
	kind   domain.StakeholderKind
	sector domain.Sector
	share  float64
	focus  []domain.FocusArea
}

var profiles = []profile{
	{domain.KindMinistry, domain.SectorGovernment, 0.12, []domain.FocusArea{domain.FocusPartnership, domain.FocusProtection}},
	{domain.KindAgency, domain.SectorGovernment, 0.16, []domain.FocusArea{domain.FocusProtection}},
	{domain.KindAgency, domain.SectorLawEnforcement, 0.12, []domain.FocusArea{domain.FocusProsecution}},
	{domain.KindCouncil, domain.SectorGovernment, 0.02, []domain.FocusArea{domain.FocusPartnership}},
	{domain.KindNGO, domain.SectorCivilSociety, 0.30, []domain.FocusArea{domain.FocusProtection, domain.FocusPrevention}},
	{domain.KindCivilSociety, domain.SectorCivilSociety, 0.10, []domain.FocusArea{domain.FocusPrevention}},
	{domain.KindInternationalOrganization, domain.SectorInternational, 0.10, []domain.FocusArea{domain.FocusProsecution, domain.FocusPartnership}},
	{domain.KindDiplomaticMission, domain.SectorDiplomatic, 0.05, []domain.FocusArea{domain.FocusPartnership}},
	{domain.KindPrivateSector, domain.SectorPrivate, 0.02, []domain.FocusArea{domain.FocusPrevention}},
	{domain.KindAcademic, domain.SectorAcademic, 0.01, []domain.FocusArea{domain.FocusPrevention}},
}

// SourceKey is the key of the one source every synthetic record cites.
const SourceKey = "synthetic-network-generator"

// Slug returns the slug of the i-th synthetic stakeholder.
func Slug(i int) string { return fmt.Sprintf("syn-%07d", i) }

// Network generates a synthetic network as a dataset ready to load.
func Network(o Options) (*dataset.Dataset, error) {
	if o.Stakeholders < 2 || o.Ties < 0 {
		return nil, domain.Errorf(domain.CodeInvalid, "need at least 2 stakeholders and no negative tie count")
	}
	if max := o.Stakeholders * (o.Stakeholders - 1) / 2; o.Ties > max {
		return nil, domain.Errorf(domain.CodeInvalid, "%d stakeholders can have at most %d ties, not %d", o.Stakeholders, max, o.Ties)
	}
	groups := o.Communities
	if groups <= 0 {
		groups = max(2, o.Stakeholders/200)
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	cite := []domain.Citation{{Source: SourceKey, Quote: fmt.Sprintf("Generated with seed %d; not an observed fact.", o.Seed)}}
	d := &dataset.Dataset{Sources: []dataset.SourceRecord{{Key: SourceKey, Title: "Synthetic network (stakeholder-graph generate)",
		Publisher: "stakeholder-graph"}}}

	kinds := make([]profile, o.Stakeholders)
	community := make([]int, o.Stakeholders)
	for i := range o.Stakeholders {
		p := pick(rng)
		kinds[i], community[i] = p, i%groups
		d.Stakeholders = append(d.Stakeholders, dataset.StakeholderRecord{
			Slug: Slug(i), Name: fmt.Sprintf("Synthetic %s %d", label(p.kind), i), Kind: string(p.kind),
			Sector: string(p.sector), Country: "ZZ", FocusAreas: focusStrings(p.focus), Citations: cite,
		})
	}

	// Preferential attachment within and across communities: a tie's second end is drawn in proportion to
	// degree + 1, from the first end's community 85% of the time.
	members := make([][]int, groups)
	for i, c := range community {
		members[c] = append(members[c], i)
	}
	ends := make([][]int, groups) // per community, one entry per tie end, for degree-proportional draws
	var allEnds []int
	seen := make(map[[2]int]bool, o.Ties)
	for len(d.Ties) < o.Ties {
		a := rng.IntN(o.Stakeholders)
		c := community[a]
		var b int
		switch {
		case rng.Float64() < 0.85 && len(members[c]) > 1:
			b = draw(rng, members[c], ends[c])
		default:
			b = draw(rng, nil, allEnds)
			if b < 0 {
				b = rng.IntN(o.Stakeholders)
			}
		}
		if a == b {
			continue
		}
		pair := [2]int{min(a, b), max(a, b)}
		if seen[pair] {
			continue
		}
		seen[pair] = true
		tie := dataset.TieRecord{Type: string(tieType(kinds[a], kinds[b])), From: Slug(a), To: Slug(b),
			Since: fmt.Sprintf("%d", 2005+rng.IntN(21)), Citations: cite}
		if tie.Type == string(domain.TieMemberOf) && kinds[a].kind == domain.KindCouncil {
			tie.From, tie.To = tie.To, tie.From // members point at the council
		}
		if tie.Type == string(domain.TiePartnersWith) {
			tie.FocusAreas = focusStrings(kinds[a].focus[:1])
		}
		d.Ties = append(d.Ties, tie)
		ends[community[a]] = append(ends[community[a]], a)
		ends[community[b]] = append(ends[community[b]], b)
		allEnds = append(allEnds, a, b)
	}
	return d, nil
}

// draw picks a stakeholder in proportion to degree + 1: from the tie ends seen so far, or uniformly from
// members one time in four (the +1 that lets newcomers in). It returns -1 when there is nothing to draw.
func draw(rng *rand.Rand, members, ends []int) int {
	if len(ends) == 0 || (len(members) > 0 && rng.IntN(4) == 0) {
		if len(members) == 0 {
			return -1
		}
		return members[rng.IntN(len(members))]
	}
	return ends[rng.IntN(len(ends))]
}

func pick(rng *rand.Rand) profile {
	x := rng.Float64()
	for _, p := range profiles {
		if x < p.share {
			return p
		}
		x -= p.share
	}
	return profiles[0]
}

// tieType chooses a plausible tie between two kinds: councils gather members, agencies sit under
// ministries, everything else partners.
func tieType(a, b profile) domain.TieType {
	switch {
	case a.kind == domain.KindCouncil || b.kind == domain.KindCouncil:
		return domain.TieMemberOf
	case a.kind == domain.KindAgency && b.kind == domain.KindMinistry:
		return domain.TiePartOf
	default:
		return domain.TiePartnersWith
	}
}

func label(k domain.StakeholderKind) string {
	switch k {
	case domain.KindInternationalOrganization:
		return "International Organisation"
	case domain.KindDiplomaticMission:
		return "Diplomatic Mission"
	case domain.KindCivilSociety:
		return "Civil Society Group"
	case domain.KindPrivateSector:
		return "Company"
	case domain.KindNGO:
		return "NGO"
	}
	return string(k[:1]) + lower(string(k[1:]))
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func focusStrings(fs []domain.FocusArea) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}
