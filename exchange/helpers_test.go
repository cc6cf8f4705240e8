package exchange_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadDataset reads a dataset JSON file the way the seed is read: unknown fields refused, then validated.
func loadDataset(t *testing.T, path string) *dataset.Dataset {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d dataset.Dataset
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := d.Validate(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &d
}

// seedNetwork is the Malaysia seed as a network.
func seedNetwork(t *testing.T) *domain.Network {
	t.Helper()
	return exchange.NetworkFromDataset(loadDataset(t, filepath.Join("..", "seed", "malaysia.json")))
}

// smallNetwork is testdata/small.json as a network: four stakeholders, a partnership given in reverse
// order, two parallel ties between one pair, partial dates, and values holding the list separators.
func smallNetwork(t *testing.T) *domain.Network {
	t.Helper()
	return exchange.NetworkFromDataset(loadDataset(t, filepath.Join("testdata", "small.json")))
}

// write writes n in format f.
func write(t *testing.T, f exchange.Format, n *domain.Network) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.Write(&b, f, n); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return b.Bytes()
}

// golden compares got with testdata/golden/name, or rewrites the file when -update is set.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exchange/ -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got; go test ./exchange/ -update rewrites it):\n%s", name, diff)
	}
}
