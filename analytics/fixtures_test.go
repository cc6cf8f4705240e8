package analytics

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// networkFile is a network as testdata/networks/*.json stores it.
type networkFile struct {
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

// expectedFile is what testdata/networkx_expected.py writes to testdata/expected/*.json.
type expectedFile struct {
	Network  string `json:"network"`
	NetworkX string `json:"networkx"`
	PageRank struct {
		Alpha   float64 `json:"alpha"`
		Tol     float64 `json:"tol"`
		MaxIter int     `json:"max_iter"`
	} `json:"pagerank"`
	Eigenvector struct {
		Tol     float64 `json:"tol"`
		MaxIter int     `json:"max_iter"`
	} `json:"eigenvector"`
	// Scores maps a measure to the value of every stakeholder; null when NetworkX did not converge.
	Scores           map[string]map[string]float64 `json:"scores"`
	Components       [][]string                    `json:"components"`
	StrongComponents [][]string                    `json:"strong_components"`
	Stats            struct {
		Nodes               int     `json:"nodes"`
		Edges               int     `json:"edges"`
		Arcs                int     `json:"arcs"`
		Density             float64 `json:"density"`
		DirectedDensity     float64 `json:"directed_density"`
		Reciprocity         float64 `json:"reciprocity"`
		AverageDegree       float64 `json:"average_degree"`
		Components          int     `json:"components"`
		StrongComponents    int     `json:"strong_components"`
		LargestComponent    int     `json:"largest_component"`
		Diameter            int     `json:"diameter"`
		AverageShortestPath float64 `json:"average_shortest_path"`
		Kinds               Mixing  `json:"kinds"`
		Sectors             Mixing  `json:"sectors"`
	} `json:"stats"`
	Modularity []struct {
		Name        string     `json:"name"`
		Resolution  float64    `json:"resolution"`
		Communities [][]string `json:"communities"`
		Q           float64    `json:"q"`
	} `json:"modularity"`
}

// networkNames lists the networks under testdata/networks.
func networkNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "networks", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no networks in testdata/networks: %v", err)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".json")
	}
	return names
}

// loadNetwork reads testdata/networks/name.json.
func loadNetwork(t testing.TB, name string) *domain.Network {
	t.Helper()
	var f networkFile
	readJSON(t, filepath.Join("testdata", "networks", name+".json"), &f)
	n := &domain.Network{}
	for _, s := range f.Stakeholders {
		n.Stakeholders = append(n.Stakeholders, &domain.Stakeholder{
			Slug:   s.Slug,
			Kind:   domain.StakeholderKind(s.Kind),
			Sector: domain.Sector(s.Sector),
		})
	}
	for _, tie := range f.Ties {
		n.Ties = append(n.Ties, &domain.NetworkTie{
			Key:  tie.Key,
			Type: domain.TieType(tie.Type),
			From: tie.From,
			To:   tie.To,
		})
	}
	return n
}

// loadExpected reads testdata/expected/name.json.
func loadExpected(t testing.TB, name string) *expectedFile {
	t.Helper()
	var e expectedFile
	readJSON(t, filepath.Join("testdata", "expected", name+".json"), &e)
	return &e
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// smallNetwork builds a network from stakeholders given as "slug:KIND:SECTOR" or "slug" (an NGO in civil
// society) and ties given as "key:TYPE:from:to".
func smallNetwork(stakeholders []string, ties []string) *domain.Network {
	n := &domain.Network{}
	for _, s := range stakeholders {
		parts := append(strings.Split(s, ":"), "NGO", "CIVIL_SOCIETY")
		n.Stakeholders = append(n.Stakeholders, &domain.Stakeholder{
			Slug:   parts[0],
			Kind:   domain.StakeholderKind(parts[1]),
			Sector: domain.Sector(parts[2]),
		})
	}
	for _, s := range ties {
		p := strings.Split(s, ":")
		n.Ties = append(n.Ties, &domain.NetworkTie{Key: p[0], Type: domain.TieType(p[1]), From: p[2], To: p[3]})
	}
	return n
}

// must returns v, and panics if err is not nil: for analyses run with a context that does not end, where
// an error is a bug.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
