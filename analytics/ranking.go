package analytics

import (
	"cmp"
	"slices"
	"strings"
)

// Score is one stakeholder's value on a measure.
type Score struct {
	Slug  string
	Value float64
}

// Ranking is a measure over every stakeholder, highest value first, equal values in slug order.
type Ranking []Score

// Top returns the first k scores, or all of them when k <= 0 or k >= len(r).
func (r Ranking) Top(k int) Ranking {
	if k <= 0 || k >= len(r) {
		return r
	}
	return r[:k]
}

// Map returns the scores keyed by slug.
func (r Ranking) Map() map[string]float64 {
	m := make(map[string]float64, len(r))
	for _, s := range r {
		m[s.Slug] = s.Value
	}
	return m
}

// rank turns one value per node ID into a Ranking.
func (g *Projection) rank(values []float64) Ranking {
	r := make(Ranking, len(values))
	for i, v := range values {
		r[i] = Score{Slug: g.nodes.slugs[i], Value: v}
	}
	// Node IDs follow slug order, so a stable sort by value keeps equal values in slug order.
	slices.SortStableFunc(r, func(a, b Score) int { return cmp.Compare(b.Value, a.Value) })
	return r
}

// sortGroups orders groups of slugs, each sorted, largest group first, then by first slug.
func sortGroups(groups [][]string) {
	for _, c := range groups {
		slices.Sort(c)
	}
	slices.SortFunc(groups, func(a, b []string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		if len(a) == 0 {
			return 0
		}
		return strings.Compare(a[0], b[0])
	})
}
