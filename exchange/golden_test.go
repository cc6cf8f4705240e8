package exchange_test

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

func TestWriteGolden(t *testing.T) {
	n := smallNetwork(t)
	for _, f := range []exchange.Format{exchange.FormatGraphML, exchange.FormatGEXF, exchange.FormatCytoscape,
		exchange.FormatKumu, exchange.FormatJSON} {
		t.Run(string(f), func(t *testing.T) {
			golden(t, "small"+f.Extension(), write(t, f, n))
		})
	}
	t.Run("csv", func(t *testing.T) {
		var nodes, ties bytes.Buffer
		if err := exchange.WriteCSV(&nodes, &ties, n); err != nil {
			t.Fatal(err)
		}
		golden(t, "small.nodes.csv", nodes.Bytes())
		golden(t, "small.ties.csv", ties.Bytes())
	})
}

// TestWriteCSVZip checks that the single-stream csv format is a zip archive of exactly the two tables
// WriteCSV writes.
func TestWriteCSVZip(t *testing.T) {
	n := smallNetwork(t)
	var nodes, ties bytes.Buffer
	if err := exchange.WriteCSV(&nodes, &ties, n); err != nil {
		t.Fatal(err)
	}
	data := write(t, exchange.FormatCSV, n)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		got[f.Name] = string(b)
	}
	want := map[string]string{"nodes.csv": nodes.String(), "ties.csv": ties.String()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("archive contents (-want +got):\n%s", diff)
	}
}

// TestWriteDeterministic writes the seed twice in every format, from differently ordered inputs, and
// expects the same bytes.
func TestWriteDeterministic(t *testing.T) {
	n := seedNetwork(t)
	half, halfTies := len(n.Stakeholders)/2, len(n.Ties)/2
	shuffled := domain.Network{
		Stakeholders: slices.Concat(n.Stakeholders[half:], n.Stakeholders[:half]),
		Ties:         slices.Concat(n.Ties[halfTies:], n.Ties[:halfTies]),
	}
	for _, f := range exchange.Formats {
		t.Run(string(f), func(t *testing.T) {
			if !bytes.Equal(write(t, f, n), write(t, f, &shuffled)) {
				t.Error("the same network written in another order gives other bytes")
			}
		})
	}
}
