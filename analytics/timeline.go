package analytics

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Timeline counts, for each year from first to last, the ties of n that began in it and those in force at
// its end, overall and by type, sector pair and focus area, and the stakeholders they join. A tie is in
// force on 31 December of a year by the rule of a network view's asOf: begun by then (since, or
// evidencedFrom when the start is unknown), not ended before, and always when it cannot be placed in
// time. first and last of 0 span the years the ties' dates give.
func Timeline(n *domain.Network, first, last int) (*domain.Timeline, error) {
	sectors := make(map[string]domain.Sector, len(n.Stakeholders))
	for _, s := range n.Stakeholders {
		sectors[s.Slug] = s.Sector
	}
	out := &domain.Timeline{}
	lo, hi := 0, 0
	for _, t := range n.Ties {
		y, ok := startYear(t)
		if !ok {
			out.UndatedTies++
			continue
		}
		if lo == 0 || y < lo {
			lo = y
		}
		hi = max(hi, y)
		if t.Until != nil && len(*t.Until) >= 4 {
			if u, err := strconv.Atoi(string(*t.Until)[:4]); err == nil {
				hi = max(hi, u)
			}
		}
	}
	// Unless the caller chose, the years the data give, within the years a timeline may span.
	if lo == 0 && (first == 0 || last == 0) { // no dated tie to take a year from
		return out, nil
	}
	if first == 0 {
		upper := domain.TimelineLastYear
		if last != 0 {
			upper = last
		}
		first = min(max(lo, domain.TimelineFirstYear), upper)
	}
	if last == 0 {
		last = max(min(hi, domain.TimelineLastYear), first)
	}
	if first > last {
		return nil, domain.Errorf(domain.CodeInvalid, "the timeline's first year (%d) is after its last (%d)", first, last)
	}
	if first < domain.TimelineFirstYear || last > domain.TimelineLastYear {
		return nil, domain.Errorf(domain.CodeInvalid, "a timeline spans years from %d to %d, not %d to %d",
			domain.TimelineFirstYear, domain.TimelineLastYear, first, last)
	}
	joined := map[string]int{} // stakeholder -> the year of its first dated tie
	for _, t := range n.Ties {
		if y, ok := startYear(t); ok {
			for _, s := range []string{t.From, t.To} {
				if j, seen := joined[s]; !seen || y < j {
					joined[s] = y
				}
			}
		}
	}
	for year := first; year <= last; year++ {
		end := domain.Date(fmt.Sprintf("%04d-12-31", year))
		ty := &domain.TimelineYear{Year: year}
		byType, byPair, byFocus := counter{}, counter{}, counter{}
		active := map[string]bool{}
		for _, t := range n.Ties {
			y, dated := startYear(t)
			begun := dated && y == year
			inForce := inForceOn(t, end)
			if !begun && !inForce {
				continue
			}
			pair := []string{string(sectors[t.From]), string(sectors[t.To])}
			slices.Sort(pair)
			groups := []struct {
				c   counter
				key string
			}{{byType, string(t.Type)}, {byPair, pair[0] + " " + pair[1]}}
			for _, f := range t.FocusAreas {
				groups = append(groups, struct {
					c   counter
					key string
				}{byFocus, string(f)})
			}
			for _, g := range groups {
				g.c.add(g.key, begun, inForce)
			}
			if begun {
				ty.TiesBegun++
			}
			if inForce {
				ty.TiesInForce++
				active[t.From], active[t.To] = true, true
			}
		}
		for _, y := range joined {
			if y == year {
				ty.StakeholdersJoined++
			}
		}
		ty.StakeholdersActive = len(active)
		ty.ByType, ty.BySectorPair, ty.ByFocusArea = byType.list(), byPair.list(), byFocus.list()
		out.Years = append(out.Years, ty)
	}
	return out, nil
}

// startYear is the year a tie began: that of since, or of evidencedFrom when the start is unknown.
func startYear(t *domain.NetworkTie) (int, bool) {
	start := t.Since
	if start == nil {
		start = t.EvidencedFrom
	}
	if start == nil || len(*start) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(string(*start)[:4])
	return y, err == nil
}

// inForceOn applies a network view's asOf rule to one tie (see neo4jstore's inForce): dates are ISO
// strings that may be partial, a start compares as the beginning of its period and an end at its own
// precision.
func inForceOn(t *domain.NetworkTie, day domain.Date) bool {
	start := ""
	if t.Since != nil {
		start = string(*t.Since)
	} else if t.EvidencedFrom != nil {
		start = string(*t.EvidencedFrom)
	}
	if start > string(day) {
		return false
	}
	if t.Until == nil {
		return true
	}
	until := string(*t.Until)
	return until >= string(day)[:min(len(until), len(day))]
}

// counter counts the ties of each group, begun and in force.
type counter map[string]*domain.TimelineCount

func (c counter) add(key string, begun, inForce bool) {
	x := c[key]
	if x == nil {
		x = &domain.TimelineCount{Group: key}
		c[key] = x
	}
	if begun {
		x.Begun++
	}
	if inForce {
		x.InForce++
	}
}

// list returns the groups in name order.
func (c counter) list() []*domain.TimelineCount {
	out := make([]*domain.TimelineCount, 0, len(c))
	for _, x := range c {
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b *domain.TimelineCount) int {
		if a.Group < b.Group {
			return -1
		}
		if a.Group > b.Group {
			return 1
		}
		return 0
	})
	return out
}
