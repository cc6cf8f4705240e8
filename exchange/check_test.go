package exchange_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

const checkBase = `{
  "sources": [
    {"key": "s1", "title": "A report", "date": "2024-07-30", "url": "https://example.org/report"}
  ],
  "stakeholders": [
    {"slug": "a", "name": "Alpha", "kind": "NGO", "sector": "CIVIL_SOCIETY",
     "citations": [{"source": "s1", "quote": "Alpha works with Beta."}]},
    {"slug": "b", "name": "Beta", "kind": "MINISTRY", "sector": "GOVERNMENT", "country": "MY",
     "citations": [{"source": "s1", "quote": "Beta is a ministry."}]}
  ]
}`

// lineOf returns the line of text's first line containing marker.
func lineOf(t *testing.T, text, marker string) int {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("no %q in the test data", marker)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestCheckFiles(t *testing.T) {
	ties := `{
  "ties": [
    {"type": "PARTNERS_WITH", "from": "a", "to": "b",
     "citations": [{"source": "s1", "quote": "Alpha works with Beta."}]},
    {"type": "PARTNERS_WITH", "from": "a", "to": "c",
     "citations": [{"source": "s1", "quote": "Alpha works with Gamma."}]},
    {"type": "MEMBER_OF", "from": "b", "to": "a",
     "citations": [{"source": "s1", "quote": "` + strings.Repeat("many ", 61) + `"}]}
  ]
}`
	unknown := `{
  "sources": [
    {"key": "s2", "title": "B", "weight": 3},
    {"key": "s3", "title": "C"},
    {"key": "s4", "title": "D", "tier": "A"}
  ],
  "excluded": []
}`
	tests := []struct {
		name  string
		files []exchange.DatasetFile
		want  []string // findings, each as file:line: where: reason, in order
	}{
		{"two files read together", []exchange.DatasetFile{{"base.json", []byte(checkBase)}, {"tie.json", []byte(`{"ties": [
  {"type": "PARTNERS_WITH", "from": "a", "to": "b", "since": "2020", "citations": [{"source": "s1", "quote": "Alpha works with Beta."}]}
]}`)}}, nil},
		{"problems at their lines", []exchange.DatasetFile{{"base.json", []byte(checkBase)}, {"ties.json", []byte(ties)}},
			[]string{
				fmt.Sprintf(`ties.json:%d: ties[1] (a PARTNERS_WITH c): to "c" names no stakeholder in the data`, lineOf(t, ties, `"to": "c"`)),
				fmt.Sprintf(`ties.json:%d: ties[2] (b MEMBER_OF a): the quotation from "s1" has 61 words`, lineOf(t, ties, `"MEMBER_OF"`)),
			}},
		{"in either order", []exchange.DatasetFile{{"ties.json", []byte(ties)}, {"base.json", []byte(checkBase)}},
			[]string{
				fmt.Sprintf(`ties.json:%d: ties[1] (a PARTNERS_WITH c): to "c" names no stakeholder in the data`, lineOf(t, ties, `"to": "c"`)),
				fmt.Sprintf(`ties.json:%d: ties[2] (b MEMBER_OF a): the quotation from "s1" has 61 words`, lineOf(t, ties, `"MEMBER_OF"`)),
			}},
		{"fields an import refuses, every one", []exchange.DatasetFile{{"base.json", []byte(checkBase)}, {"new.json", []byte(unknown)}},
			[]string{
				fmt.Sprintf(`new.json:%d: sources[0] of this file: unknown field "weight"`, lineOf(t, unknown, `"s2"`)),
				fmt.Sprintf(`new.json:%d: sources[2] of this file: unknown field "tier"`, lineOf(t, unknown, `"s4"`)),
				fmt.Sprintf(`new.json:%d: unknown field "excluded"`, lineOf(t, unknown, `"excluded"`)),
			}},
		{"a file cut short", []exchange.DatasetFile{{"short.json", []byte("{\n  \"sources\": [\n    {\"key\": \"s1\", \"title\": \"T\"}")}},
			[]string{`short.json:3: unexpected EOF`}},
		{"a list given twice", []exchange.DatasetFile{{"twice.json", []byte("{\n  \"sources\": [],\n  \"Sources\": []\n}")}},
			[]string{`twice.json:3: Sources is given twice: give each list once`}},
		{"keys in any case, as import reads them", []exchange.DatasetFile{{"base.json", []byte(strings.Replace(checkBase, `"stakeholders"`, `"Stakeholders"`, 1))}}, nil},
		{"a syntax error", []exchange.DatasetFile{{"bad.json", []byte("{\n  \"sources\": [\n    {\"key\": \"s1\",, }\n  ]\n}")}},
			[]string{`bad.json:3: invalid character ',' looking for beginning of object key string`}},
		{"an address and a duplicate", []exchange.DatasetFile{{"base.json", []byte(strings.NewReplacer(
			`https://example.org/report`, `https://exam ple.org`, `"name": "Beta"`, `"name": "the alpha."`).Replace(checkBase))}},
			[]string{
				fmt.Sprintf(`base.json:%d: sources[0] (s1): url "https://exam ple.org" contains a space`, lineOf(t, checkBase, `"key": "s1"`)),
				fmt.Sprintf(`base.json:%d: stakeholders[1] (b): probably the same organisation as stakeholders[0] (a)`, lineOf(t, checkBase, `"slug": "b"`)),
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := exchange.CheckFiles(tc.files)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.String())
			}
			if len(got) != len(tc.want) || rep.Unlisted != 0 {
				t.Fatalf("findings (%d unlisted):\n%s\nwant:\n%s", rep.Unlisted, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("finding %d:\n got %s\nwant %s", i, got[i], tc.want[i])
				}
			}
			if tc.name == "two files read together" && (rep.Dataset == nil || len(rep.Dataset.Ties) != 1 || len(rep.Dataset.Stakeholders) != 2) {
				t.Errorf("the files read together give %+v", rep.Dataset)
			}
		})
	}
}

// TestCheckFilesBoundsFindings checks that a file with very many bad records lists MaxProblems of them
// and counts the rest, as an import's errors do.
func TestCheckFilesBoundsFindings(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"sources": [`)
	const n = 5000
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"key": "s%d", "title": "T", "weight": 1}`, i)
	}
	b.WriteString("]}")
	rep, err := exchange.CheckFiles([]exchange.DatasetFile{{"big.json", []byte(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != dataset.MaxProblems || rep.Unlisted != n-dataset.MaxProblems {
		t.Fatalf("%d findings listed and %d unlisted, want %d and %d", len(rep.Findings), rep.Unlisted, dataset.MaxProblems, n-dataset.MaxProblems)
	}
	if last := rep.Findings[len(rep.Findings)-1]; last.Line != dataset.MaxProblems {
		t.Errorf("the last listed finding is at line %d, want %d", last.Line, dataset.MaxProblems)
	}
}
