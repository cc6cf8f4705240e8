package httpapi_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCentralityAgreesWithNetworkX reads the shipped network from Neo4j through the API and compares every
// centrality metric with the values NetworkX computed for the same graph
// (analytics/testdata/networkx_expected.py wrote them from networks/network.json, which the test first
// checks is the network the API serves).
func TestCentralityAgreesWithNetworkX(t *testing.T) {
	c := newClient(t)
	var file struct {
		Stakeholders []struct {
			Slug   string `json:"slug"`
			Kind   string `json:"kind"`
			Sector string `json:"sector"`
		} `json:"stakeholders"`
		Ties []struct {
			Key  string `json:"key"`
			Type string `json:"type"`
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"ties"`
	}
	raw, err := os.ReadFile("../analytics/testdata/networks/network.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var served struct {
		Network struct {
			Stakeholders []struct {
				Slug   string `json:"slug"`
				Kind   string `json:"kind"`
				Sector string `json:"sector"`
			} `json:"stakeholders"`
			Ties []struct {
				Key  string         `json:"key"`
				Type string         `json:"type"`
				From stakeholderRef `json:"from"`
				To   stakeholderRef `json:"to"`
			} `json:"ties"`
		} `json:"network"`
	}
	query(t, c, `{ network { stakeholders { slug kind sector } ties { key type from { slug } to { slug } } } }`, &served)
	var want, got []string
	for _, s := range file.Stakeholders {
		want = append(want, s.Slug+" "+s.Kind+" "+s.Sector)
	}
	for _, s := range served.Network.Stakeholders {
		got = append(got, s.Slug+" "+s.Kind+" "+s.Sector)
	}
	for _, tie := range file.Ties {
		want = append(want, tie.Key+" "+tie.Type+" "+tie.From+" "+tie.To)
	}
	for _, tie := range served.Network.Ties {
		got = append(got, tie.Key+" "+tie.Type+" "+tie.From.Slug+" "+tie.To.Slug)
	}
	if diff := cmp.Diff(sorted(want), sorted(got)); diff != "" {
		t.Fatalf("analytics/testdata/networks/network.json is not the network the API serves; write it again from "+
			"`network { stakeholders { slug kind sector } ties { key type from { slug } to { slug } } }` and run "+
			"analytics/testdata/networkx_expected.py (-file +API):\n%s", diff)
	}
	raw, err = os.ReadFile("../analytics/testdata/expected/network.json")
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Scores map[string]map[string]float64 `json:"scores"`
		Stats  struct {
			Density             float64 `json:"density"`
			Reciprocity         float64 `json:"reciprocity"`
			Diameter            int     `json:"diameter"`
			AverageShortestPath float64 `json:"average_shortest_path"`
		} `json:"stats"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		metric     string
		normalized bool
		directed   bool
		key        string
	}{
		{"DEGREE", true, false, "degree.undirected"},
		{"DEGREE", false, false, "degree.undirected.raw"},
		{"DEGREE", true, true, "degree.total"},
		{"IN_DEGREE", true, true, "degree.in"},
		{"OUT_DEGREE", false, true, "degree.out.raw"},
		{"BETWEENNESS", true, false, "betweenness.undirected"},
		{"BETWEENNESS", false, true, "betweenness.directed.raw"},
		{"CLOSENESS", true, false, "closeness.undirected"},
		{"CLOSENESS", true, true, "closeness.directed"},
		{"HARMONIC", true, false, "harmonic.undirected"},
		{"PAGERANK", true, true, "pagerank.directed"},
		{"PAGERANK", true, false, "pagerank.undirected"},
		{"EIGENVECTOR", true, false, "eigenvector.undirected"},
		{"CORE_NUMBER", true, false, "core_number"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			want, ok := expected.Scores[tc.key]
			if !ok {
				t.Fatalf("no NetworkX values for %s", tc.key)
			}
			var resp struct {
				Centrality []struct {
					Value       float64        `json:"value"`
					Stakeholder stakeholderRef `json:"stakeholder"`
				} `json:"centrality"`
			}
			query(t, c, fmt.Sprintf(`{ centrality(metric: %s, normalized: %v, directed: %v, top: 1000) { value stakeholder { slug } } }`,
				tc.metric, tc.normalized, tc.directed), &resp)
			if len(resp.Centrality) != len(want) {
				t.Fatalf("%d scores, NetworkX has %d", len(resp.Centrality), len(want))
			}
			for _, s := range resp.Centrality {
				if w, ok := want[s.Stakeholder.Slug]; !ok || math.Abs(w-s.Value) > 1e-6 {
					t.Errorf("%s: %.9f, NetworkX %.9f", s.Stakeholder.Slug, s.Value, w)
				}
			}
		})
	}

	var stats struct {
		NetworkStats struct {
			Density                   float64 `json:"density"`
			Reciprocity               float64 `json:"reciprocity"`
			Diameter                  int     `json:"diameter"`
			AverageShortestPathLength float64 `json:"averageShortestPathLength"`
		} `json:"networkStats"`
	}
	query(t, c, `{ networkStats { density reciprocity diameter averageShortestPathLength } }`, &stats)
	s, e := stats.NetworkStats, expected.Stats
	if math.Abs(s.Density-e.Density) > 1e-9 || math.Abs(s.Reciprocity-e.Reciprocity) > 1e-9 || s.Diameter != e.Diameter ||
		math.Abs(s.AverageShortestPathLength-e.AverageShortestPath) > 1e-9 {
		t.Errorf("stats %+v, NetworkX %+v", s, e)
	}
}
