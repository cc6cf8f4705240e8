package httpapi_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

// TestTimelineCountsTheFiles checks the timeline of the default view against counts made from the data
// files: per year, the ties begun (by since, or by the earliest dated source) overall, by type and by
// focus area, and the ties in force on 31 December; and checks each year's ties in force against the
// network view as of that day, which the database filters itself.
func TestTimelineCountsTheFiles(t *testing.T) {
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	ev := evidenceFromFiles(d)
	dates := map[string]string{}
	for _, s := range d.Sources {
		dates[s.Key] = s.Date
	}
	type counts struct{ begun, inForce int }
	begun := map[int]int{}
	byType := map[string]counts{} // "year type"
	byFocus := map[string]counts{}
	type span struct{ start, until string }
	var spans []span
	undated := 0
	for _, tie := range d.Ties {
		if typ := tie.Type; typ == "SANCTIONS" || typ == "CRITICISES" || typ == "DISPUTES" ||
			ev[tieKey(tie.From, tie.Type, tie.To)].kind == "MACHINE" {
			continue // not in the default view
		}
		start := tie.Since
		if start == "" {
			for _, c := range tie.Citations {
				if d := dates[c.Source]; d != "" && (start == "" || d < start) {
					start = d
				}
			}
		}
		spans = append(spans, span{start, tie.Until})
		if start == "" {
			undated++
			continue
		}
		y, _ := strconv.Atoi(start[:4])
		begun[y]++
		k := byType[fmt.Sprint(y, " ", tie.Type)]
		k.begun++
		byType[fmt.Sprint(y, " ", tie.Type)] = k
		for _, f := range tie.FocusAreas {
			k := byFocus[fmt.Sprint(y, " ", f)]
			k.begun++
			byFocus[fmt.Sprint(y, " ", f)] = k
		}
	}
	inForce := func(year int) int {
		day := fmt.Sprintf("%d-12-31", year)
		n := 0
		for _, s := range spans {
			if s.start <= day && (s.until == "" || s.until >= day[:min(len(s.until), len(day))]) {
				n++
			}
		}
		return n
	}

	c := newClient(t)
	var resp struct {
		Timeline struct {
			UndatedTies int `json:"undatedTies"`
			Years       []struct {
				Year        int `json:"year"`
				TiesBegun   int `json:"tiesBegun"`
				TiesInForce int `json:"tiesInForce"`
				ByType      []struct {
					Group string `json:"group"`
					Begun int    `json:"begun"`
				} `json:"byType"`
				ByFocusArea []struct {
					Group string `json:"group"`
					Begun int    `json:"begun"`
				} `json:"byFocusArea"`
			} `json:"years"`
		} `json:"timeline"`
	}
	query(t, c, `{ timeline { undatedTies years { year tiesBegun tiesInForce byType { group begun } byFocusArea { group begun } } } }`, &resp)
	tl := resp.Timeline
	if tl.UndatedTies != undated {
		t.Errorf("%d undated ties, the files give %d", tl.UndatedTies, undated)
	}
	var years []int
	for y := range begun {
		years = append(years, y)
	}
	slices.Sort(years)
	if len(tl.Years) == 0 || tl.Years[0].Year != years[0] || tl.Years[len(tl.Years)-1].Year < years[len(years)-1] {
		t.Fatalf("the timeline runs over %d years from %v; the files' ties begin from %d to %d", len(tl.Years), tl.Years, years[0], years[len(years)-1])
	}
	if years[0] > 2010 || len(years) < 8 {
		t.Errorf("the files' ties begin in only %d years from %d: not enough to test a timeline", len(years), years[0])
	}
	gotType, gotFocus := map[string]counts{}, map[string]counts{}
	for i, y := range tl.Years {
		if i > 0 && y.Year != tl.Years[i-1].Year+1 {
			t.Errorf("year %d follows %d", y.Year, tl.Years[i-1].Year)
		}
		if y.TiesBegun != begun[y.Year] {
			t.Errorf("%d: %d ties begun, the files give %d", y.Year, y.TiesBegun, begun[y.Year])
		}
		if want := inForce(y.Year); y.TiesInForce != want {
			t.Errorf("%d: %d ties in force at the end of the year, the files give %d", y.Year, y.TiesInForce, want)
		}
		for _, g := range y.ByType {
			gotType[fmt.Sprint(y.Year, " ", g.Group)] = counts{begun: g.Begun}
		}
		for _, g := range y.ByFocusArea {
			gotFocus[fmt.Sprint(y.Year, " ", g.Group)] = counts{begun: g.Begun}
		}
	}
	keep := func(m map[string]counts) map[string]int { // begun counts only, without zeros
		out := map[string]int{}
		for k, v := range m {
			if v.begun > 0 {
				out[k] = v.begun
			}
		}
		return out
	}
	if diff := cmp.Diff(keep(byType), keep(gotType)); diff != "" {
		t.Errorf("ties begun by year and type (-files +API):\n%s", diff)
	}
	if diff := cmp.Diff(keep(byFocus), keep(gotFocus)); diff != "" {
		t.Errorf("ties begun by year and focus area (-files +API):\n%s", diff)
	}
	for _, y := range []int{years[0], 2015, years[len(years)-1]} {
		var net struct {
			Network struct {
				Ties []struct {
					Key string `json:"key"`
				} `json:"ties"`
			} `json:"network"`
		}
		query(t, c, fmt.Sprintf(`{ network(filter: {asOf: "%d-12-31"}) { ties { key } } }`, y), &net)
		if want := inForce(y); len(net.Network.Ties) != want {
			t.Errorf("network as of %d-12-31: %d ties, the files give %d", y, len(net.Network.Ties), want)
		}
	}
}

// TestTimelineRefusals checks the arguments a timeline refuses.
func TestTimelineRefusals(t *testing.T) {
	c := newClient(t)
	for _, q := range []string{
		`{ timeline(from: 1800) { undatedTies } }`,
		`{ timeline(from: 2020, to: 2010) { undatedTies } }`,
		`{ timeline(filter: {asOf: "2020-01-01"}) { undatedTies } }`,
		`{ timeline(filter: {affiliation: {}}) { undatedTies } }`,
	} {
		errs, _ := queryErrors(t, c, q, nil)
		if got := codes(errs); !slices.Contains(got, "BAD_USER_INPUT") {
			t.Errorf("%s: %v %q, want BAD_USER_INPUT", q, got, errs[0].Message)
		}
	}
}
