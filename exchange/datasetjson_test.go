package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

// TestReadJSONSeed imports seed/malaysia.json as it is.
func TestReadJSONSeed(t *testing.T) {
	path := filepath.Join("..", "seed", "malaysia.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := exchange.Read(f, exchange.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(loadDataset(t, path), got); diff != "" {
		t.Errorf("dataset (-want +got):\n%s", diff)
	}
}

func TestReadJSONProblems(t *testing.T) {
	const record = `{"slug": "a", "name": "A", "kind": "NGO", "sector": "CIVIL_SOCIETY",
  "citations": [{"source": "s", "quote": "A is an NGO."}]}`
	const sources = `"sources": [{"key": "s", "title": "Report"}]`
	tests := []struct {
		name, input, wantErr string
	}{
		{"OK", "{" + sources + `, "stakeholders": [` + record + "]}", ""},
		{"unknown field", "{" + sources + `,
 "stakeholders": [{"slug": "a", "colour": "red"}]}`, `dataset JSON line 2: unknown field "colour"`},
		{"wrong type", "{\n" + `"stakeholders": 3}`, "dataset JSON line 2: cannot unmarshal number"},
		{"syntax", "{" + sources + ",\n\n" + `"stakeholders": [}`, "dataset JSON line 3: invalid character '}'"},
		{"invalid record", "{" + sources + `, "stakeholders": [` + strings.Replace(record, "NGO", "EMBASSY", 1) + "]}",
			`stakeholders[0] (a): kind "EMBASSY" is not one of the allowed values`},
		{"dangling reference", "{" + sources + `, "stakeholders": [` + record + `],
 "ties": [{"type": "MEMBER_OF", "from": "a", "to": "b", "citations": [{"source": "s", "quote": "q"}]}]}`,
			`ties[0] (a MEMBER_OF b): to "b" names no stakeholder in the data`},
		{"trailing data", "{" + sources + "}\n{}", "dataset JSON line 2: unexpected data after the dataset"},
		{"empty", "", "dataset JSON is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := exchange.Read(strings.NewReader(tc.input), exchange.FormatJSON)
			checkErr(t, err, tc.wantErr)
			if tc.wantErr != "" && d != nil {
				t.Error("a dataset came back with the error")
			}
		})
	}
}
