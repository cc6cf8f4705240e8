package exchange_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		input   string
		want    exchange.Format
		wantErr string
	}{
		{"graphml", exchange.FormatGraphML, ""},
		{" GEXF ", exchange.FormatGEXF, ""},
		{"Kumu", exchange.FormatKumu, ""},
		{"xlsx", "", `unknown format "xlsx": use one of graphml, gexf, csv, cytoscape, kumu, json`},
	}
	for _, tc := range tests {
		t.Run(tc.input, func(t *testing.T) {
			got, err := exchange.ParseFormat(tc.input)
			checkErr(t, err, tc.wantErr)
			if got != tc.want {
				t.Errorf("ParseFormat(%q) = %q, want %q", tc.input, got, tc.want)
			}
		})
	}
}

// TestFormatDetails checks that every format can be served: a file extension, a media type, and Read
// accepting exactly the readable ones.
func TestFormatDetails(t *testing.T) {
	for _, f := range exchange.Formats {
		t.Run(string(f), func(t *testing.T) {
			if !strings.HasPrefix(f.Extension(), ".") || f.MediaType() == "" {
				t.Errorf("extension %q, media type %q", f.Extension(), f.MediaType())
			}
			_, err := exchange.Read(strings.NewReader(""), f)
			refused := err != nil && strings.Contains(err.Error(), "cannot import format")
			if refused == f.Readable() {
				t.Errorf("Readable() = %v, but Read gave %v", f.Readable(), err)
			}
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := exchange.Write(io.Discard, "xlsx", &domain.Network{})
	checkErr(t, err, `unknown format "xlsx"`)
}

// TestWriteEmpty writes an empty network in every format; what comes out must read back as empty.
func TestWriteEmpty(t *testing.T) {
	for _, r := range readers {
		t.Run(string(r.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := exchange.Write(&b, r.format, nil); err != nil {
				t.Fatal(err)
			}
			if got := r.read(t, b.Bytes()); len(got.Nodes)+len(got.Edges) != 0 {
				t.Errorf("read back %+v", got)
			}
		})
	}
}
