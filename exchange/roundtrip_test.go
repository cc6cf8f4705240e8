package exchange_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

// readers read each export back the way its users would: GraphML and GEXF with NetworkX, the JSON
// formats as plain JSON, CSV and dataset JSON with this package's importer.
var readers = []struct {
	format exchange.Format
	read   func(t *testing.T, data []byte) graphView
}{
	{exchange.FormatGraphML, networkXReader("graphml", "name")},
	{exchange.FormatGEXF, networkXReader("gexf", "label")},
	{exchange.FormatCytoscape, readCytoscape},
	{exchange.FormatKumu, readKumu},
	{exchange.FormatCSV, readImport(exchange.FormatCSV)},
	{exchange.FormatJSON, readImport(exchange.FormatJSON)},
}

// TestRoundTrip writes the seed and the small network in every format, reads each back and expects the
// same nodes, edges and attributes.
func TestRoundTrip(t *testing.T) {
	networks := []struct {
		name    string
		network func(*testing.T) *domain.Network
	}{{"seed", seedNetwork}, {"small", smallNetwork}}
	if len(readers) != len(exchange.Formats) {
		t.Fatalf("%d readers for %d formats: give every format a reader", len(readers), len(exchange.Formats))
	}
	for _, nw := range networks {
		n := nw.network(t)
		want := viewOf(n)
		for _, r := range readers {
			t.Run(nw.name+"/"+string(r.format), func(t *testing.T) {
				got := r.read(t, write(t, r.format, n)).normal()
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("read back (-written +read):\n%s", diff)
				}
			})
		}
	}
}

// networkXGraph is what testdata/read_back.py prints.
type networkXGraph struct {
	NetworkX string  `json:"networkx"`
	Class    string  `json:"class"`
	Directed bool    `json:"directed"`
	Nodes    []attrs `json:"nodes"`
	Edges    []attrs `json:"edges"`
}

// readWithNetworkX has NetworkX read an export. It fails, rather than skips, without Python and NetworkX.
func readWithNetworkX(t *testing.T, format string, data []byte) networkXGraph {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is not on PATH; the GraphML and GEXF tests read the exports with NetworkX: install Python 3, then pip install -r exchange/testdata/requirements.txt (networkx==%s)", pinnedNetworkX(t))
	}
	path := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join("testdata", "read_back.py"), format, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("NetworkX could not read the %s export: %v\n%s", format, err, stderr.String())
	}
	var g networkXGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("read_back.py printed something else than JSON: %v\n%s", err, out)
	}
	if want := pinnedNetworkX(t); g.NetworkX != want {
		t.Logf("NetworkX %s is installed; the tests are pinned to %s (testdata/requirements.txt)", g.NetworkX, want)
	}
	if !g.Directed {
		t.Errorf("NetworkX read a %s, want a directed graph", g.Class)
	}
	return g
}

func pinnedNetworkX(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^networkx==(\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("testdata/requirements.txt pins no networkx version")
	}
	return string(m[1])
}

// networkXReader reads an export with NetworkX; nameKey is the attribute holding the stakeholder's name.
func networkXReader(format, nameKey string) func(*testing.T, []byte) graphView {
	return func(t *testing.T, data []byte) graphView {
		g := readWithNetworkX(t, format, data)
		var v graphView
		for _, a := range g.Nodes {
			v.Nodes = append(v.Nodes, nodeFromAttrs(a, nameKey))
		}
		for _, a := range g.Edges {
			v.Edges = append(v.Edges, edgeFromAttrs(a))
		}
		return v
	}
}

// nodeFromAttrs reads a node under the attribute names GraphML, GEXF and Cytoscape.js share.
func nodeFromAttrs(a attrs, nameKey string) nodeView {
	return nodeView{ID: a.str("id"), Name: a.str(nameKey), Acronym: a.str("acronym"), Aliases: a.list("aliases"),
		Kind: a.str("kind"), Sector: a.str("sector"), Country: a.str("country"), FocusAreas: a.list("focusAreas"),
		Mandates: a.list("mandates"), Description: a.str("description"), Collective: a.boolean("collective"),
		Sources: a.sources("sourceKeys", "sourceTitles", "sourcePublishers", "sourceDates", "sourceUrls", "sourceQuotes")}
}

func edgeFromAttrs(a attrs) edgeView {
	return edgeView{ID: a.str("id"), Source: a.str("source"), Target: a.str("target"), Type: a.str("type"),
		Directed: a.boolean("directed"), Role: a.str("role"), FocusAreas: a.list("focusAreas"),
		Description: a.str("description"), Since: a.str("since"), Until: a.str("until"),
		EvidencedFrom: a.str("evidencedFrom"),
		Sources:       a.sources("sourceKeys", "sourceTitles", "sourcePublishers", "sourceDates", "sourceUrls", "sourceQuotes")}
}

func readCytoscape(t *testing.T, data []byte) graphView {
	t.Helper()
	var doc struct {
		Elements struct {
			Nodes []struct{ Data attrs }
			Edges []struct{ Data attrs }
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var v graphView
	for _, n := range doc.Elements.Nodes {
		v.Nodes = append(v.Nodes, nodeFromAttrs(n.Data, "name"))
	}
	for _, e := range doc.Elements.Edges {
		v.Edges = append(v.Edges, edgeFromAttrs(e.Data))
	}
	return v
}

func readKumu(t *testing.T, data []byte) graphView {
	t.Helper()
	var doc struct {
		Elements    []attrs
		Connections []attrs
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var v graphView
	for _, a := range doc.Elements {
		v.Nodes = append(v.Nodes, nodeView{ID: a.str("id"), Name: a.str("label"), Acronym: a.str("Acronym"),
			Aliases: a.list("Aliases"), Kind: a.str("type"), Sector: a.str("Sector"), Country: a.str("Country"),
			FocusAreas: a.list("tags"), Mandates: a.list("Mandates"), Description: a.str("description"),
			Collective: a.boolean("Collective"), Sources: kumuSources(a)})
	}
	for _, a := range doc.Connections {
		direction := a.str("direction")
		if direction != "directed" && direction != "mutual" {
			t.Errorf("connection %s: direction %q, want directed or mutual", a.str("id"), direction)
		}
		v.Edges = append(v.Edges, edgeView{ID: a.str("id"), Source: a.str("from"), Target: a.str("to"),
			Type: a.str("type"), Directed: direction == "directed", Role: a.str("Role"), FocusAreas: a.list("tags"),
			Description: a.str("description"), Since: a.str("Since"), Until: a.str("Until"),
			EvidencedFrom: a.str("Evidenced from"), Sources: kumuSources(a)})
	}
	return v
}

func kumuSources(a attrs) sourcesView {
	return a.sources("Source keys", "Source titles", "Source publishers", "Source dates", "Source URLs", "Source quotes")
}

// readImport imports an export with Read and views the network it describes.
func readImport(f exchange.Format) func(*testing.T, []byte) graphView {
	return func(t *testing.T, data []byte) graphView {
		t.Helper()
		d, err := exchange.Read(bytes.NewReader(data), f)
		if err != nil {
			t.Fatalf("Read(%s): %v", f, err)
		}
		return viewOf(exchange.NetworkFromDataset(d))
	}
}

// TestNetworkXShape checks the graph NetworkX builds: directed, one edge per tie (partnerships are not
// doubled), parallel ties kept apart by their keys, and the classes the package comment promises.
func TestNetworkXShape(t *testing.T) {
	n := smallNetwork(t)
	tests := []struct {
		format    string
		wantClass string
	}{
		{"graphml", "MultiDiGraph"}, // read_back.py passes force_multigraph=True
		{"gexf", "MultiDiGraph"},    // small.json has two ties from ministry-a to council-b
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			g := readWithNetworkX(t, tc.format, write(t, exchange.Format(tc.format), n))
			if g.Class != tc.wantClass {
				t.Errorf("class %s, want %s", g.Class, tc.wantClass)
			}
			var ids []string
			for _, e := range g.Edges {
				ids = append(ids, e.str("id"))
			}
			want := []string{"ministry-a:MEMBER_OF:council-b", "ministry-a:PARTNERS_WITH:ngo-c",
				"ministry-a:SECRETARIAT_OF:council-b", "ngo-representatives:MEMBER_OF:council-b"}
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("edge ids (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGEXFTimeSpans checks the start and end NetworkX reads for each kind of span.
func TestGEXFTimeSpans(t *testing.T) {
	g := readWithNetworkX(t, "gexf", write(t, exchange.FormatGEXF, smallNetwork(t)))
	type span struct{ Start, End string }
	got := map[string]span{}
	for _, e := range g.Edges {
		got[e.str("id")] = span{e.str("start"), e.str("end")}
	}
	want := map[string]span{
		"ministry-a:MEMBER_OF:council-b":          {"2015-01-01", ""},           // a year opens on its first day
		"ministry-a:PARTNERS_WITH:ngo-c":          {"2024-07-30", ""},           // no since: evidencedFrom
		"ministry-a:SECRETARIAT_OF:council-b":     {"2023-02-01", "2024-02-29"}, // months, in a leap year
		"ngo-representatives:MEMBER_OF:council-b": {"", "2019-12-31"},           // evidence after the end: open start
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
}
