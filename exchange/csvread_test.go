package exchange_test

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

// TestCSVImportGivesBackDataset exports networks as CSV and imports them: the dataset must hold the
// same stakeholders, ties and sources as the dataset JSON export of the same network.
func TestCSVImportGivesBackDataset(t *testing.T) {
	for name, network := range map[string]func(*testing.T) *domain.Network{"seed": seedNetwork, "small": smallNetwork} {
		t.Run(name, func(t *testing.T) {
			n := network(t)
			fromCSV, err := exchange.Read(bytes.NewReader(write(t, exchange.FormatCSV, n)), exchange.FormatCSV)
			if err != nil {
				t.Fatal(err)
			}
			fromJSON, err := exchange.Read(bytes.NewReader(write(t, exchange.FormatJSON, n)), exchange.FormatJSON)
			if err != nil {
				t.Fatal(err)
			}
			bySourceKey := cmpopts.SortSlices(func(a, b dataset.SourceRecord) bool { return a.Key < b.Key })
			if diff := cmp.Diff(fromJSON, fromCSV, cmpopts.EquateEmpty(), bySourceKey); diff != "" {
				t.Errorf("dataset imported from CSV (-json +csv):\n%s", diff)
			}
			if diff := cmp.Diff(n, exchange.NetworkFromDataset(fromCSV)); diff != "" {
				t.Errorf("network of the imported dataset (-exported +imported):\n%s", diff)
			}
		})
	}
}

// TestReadCSVHandWritten imports the kind of CSV people type: minimal columns, lower-case enums, no
// source keys, one document cited by several rows, a quoted multi-line cell and a byte order mark.
func TestReadCSVHandWritten(t *testing.T) {
	nodes := "\ufeff\"slug\",name,kind,sector,focus_areas,collective,source_titles,source_dates,source_quotes\n" +
		"a,A,ngo,civil society,prevention; Protection,,Report,2024,\"A is an NGO,\nsays the report.\"\n" +
		"b,B,Ministry,government,,TRUE,Report | Page,2024 | ,B is a ministry. | B exists.\n" +
		",,,,,,,,\n"
	ties := "type,from,to,since,source_titles,source_dates,source_quotes\n" +
		"partners with,b,a,2020-03,Report,2024,A works with B.\n"
	d, err := exchange.ReadCSV(strings.NewReader(nodes), strings.NewReader(ties))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sources) != 2 {
		t.Fatalf("sources %+v, want Report and Page once each", d.Sources)
	}
	report, page := d.Sources[0].Key, d.Sources[1].Key
	if !strings.HasPrefix(report, "report-") || !strings.HasPrefix(page, "page-") || report == page {
		t.Errorf("derived keys %q and %q, want report-<hash> and page-<hash>", report, page)
	}
	want := &dataset.Dataset{
		Sources: []dataset.SourceRecord{{Key: report, Title: "Report", Date: "2024"}, {Key: page, Title: "Page"}},
		Stakeholders: []dataset.StakeholderRecord{
			{Slug: "a", Name: "A", Kind: "NGO", Sector: "CIVIL_SOCIETY", FocusAreas: []string{"PREVENTION", "PROTECTION"},
				Citations: []domain.Citation{{Source: report, Quote: "A is an NGO,\nsays the report."}}},
			{Slug: "b", Name: "B", Kind: "MINISTRY", Sector: "GOVERNMENT", Collective: true,
				Citations: []domain.Citation{{Source: report, Quote: "B is a ministry."}, {Source: page, Quote: "B exists."}}},
		},
		Ties: []dataset.TieRecord{{Type: "PARTNERS_WITH", From: "b", To: "a", Since: "2020-03",
			Citations: []domain.Citation{{Source: report, Quote: "A works with B."}}}},
	}
	if diff := cmp.Diff(want, d, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("dataset (-want +got):\n%s", diff)
	}
}

const (
	kinds   = "MINISTRY, AGENCY, COUNCIL, NGO, CIVIL_SOCIETY, INTERNATIONAL_ORGANIZATION, DIPLOMATIC_MISSION, PRIVATE_SECTOR, ACADEMIC"
	focuses = "PREVENTION, PROSECUTION, PROTECTION, PARTNERSHIP"
	// The files the bad-row cases start from: line 1 is the header, line 2 the first row.
	goodNodes = "slug,name,kind,sector,source_keys,source_titles,source_dates,source_urls,source_quotes,collective\n" +
		"a,A,NGO,CIVIL_SOCIETY,r,Report,2024,,A is an NGO.,\n" +
		"b,B,MINISTRY,GOVERNMENT,r,Report,2024,,B is a ministry.,\n"
	goodTies = "type,from,to,since,source_titles,source_quotes\n" +
		"PARTNERS_WITH,a,b,2020,Report,A works with B.\n"
)

func TestReadCSVProblems(t *testing.T) {
	tests := []struct {
		name         string
		nodes, ties  string
		wantProblems []string
	}{
		{"OK", goodNodes, goodTies, nil},
		{"unknown kind", goodNodes + "c,C,EMBASSY,DIPLOMATIC,,Report,,,C is an embassy.,\n", goodTies, []string{
			`nodes.csv line 4: kind "EMBASSY" is not one of ` + kinds,
		}},
		{"dangling tie", goodNodes, goodTies + "MEMBER_OF,x,b,,Report,X is a member.\n", []string{
			`ties.csv line 3: from "x" names no stakeholder in the data`,
		}},
		{"missing source", goodNodes + "c,C,NGO,CIVIL_SOCIETY,,,,,,\n", goodTies, []string{
			`nodes.csv line 4: at least one citation is required: every fact needs a source`,
		}},
		{"missing quote", goodNodes + "c,C,NGO,CIVIL_SOCIETY,,Report,,,,\n", goodTies, []string{
			`nodes.csv line 4: source "Report" has no quote: give the passage that supports this row in source_quotes`,
		}},
		{"bad date", goodNodes, goodTies + "MEMBER_OF,a,b,2024-13,Report,A is a member.\n", []string{
			`ties.csv line 3: since: "2024-13" is not a real date`,
		}},
		{"bad source date", goodNodes + "c,C,NGO,CIVIL_SOCIETY,,Letter,30/07/2024,,C wrote.,\n", goodTies, []string{
			`nodes.csv line 4: source "Letter": date: "30/07/2024" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY`,
		}},
		{"duplicate slug", goodNodes + "a,A again,NGO,CIVIL_SOCIETY,r,Report,2024,,A is an NGO.,\n", goodTies, []string{
			`nodes.csv line 4: slug "a" is used twice`,
		}},
		{"wrong column count", goodNodes + "c,C, an NGO,NGO,CIVIL_SOCIETY,r,Report,2024,,C is an NGO.,\n",
			goodTies + "MEMBER_OF,c,b,,Report,C is a member.\n", []string{
				`nodes.csv line 4: has 11 cells where the header has 10: a value holding a comma, quote or line break must be in double quotes`,
			}},
		{"several bad rows", goodNodes + "c,C,EMBASSY,DIPLOMATIC,,Report,,,C is an embassy.,maybe\n",
			goodTies + "MEMBER_OF,x,b,2024-13,Report,X is a member.\nMEMBER_OF,a,a,,Report,A is in A.\n", []string{
				`nodes.csv line 4: collective "maybe" must be true or false`,
				`nodes.csv line 4: kind "EMBASSY" is not one of ` + kinds,
				`ties.csv line 3: from "x" names no stakeholder in the data`,
				`ties.csv line 3: since: "2024-13" is not a real date`,
				`ties.csv line 4: a stakeholder cannot be tied to itself`,
			}},
		{"line numbers after a multi-line cell", strings.Replace(goodNodes, "A is an NGO.", "\"A is\nan NGO.\"", 1) +
			"c,C,EMBASSY,DIPLOMATIC,r,Report,2024,,C is an embassy.,\n", goodTies, []string{
			`nodes.csv line 5: kind "EMBASSY" is not one of ` + kinds,
		}},
		{"focus area", goodNodes, "type,from,to,focus_areas,source_titles,source_quotes\n" +
			"PARTNERS_WITH,a,b,PREVENTION;TRAINING,Report,A works with B.\n", []string{
			`ties.csv line 2: focus_areas "TRAINING" is not one of ` + focuses,
		}},
		{"source columns out of line", goodNodes + "c,C,NGO,CIVIL_SOCIETY,,Report,2024 | 2025,,C is an NGO.,\n", goodTies, []string{
			`nodes.csv line 4: source_dates has 2 entries where source_titles has 1: give one entry per source, separated by " | ", leaving an entry empty rather than out`,
		}},
		{"one key, two documents", goodNodes, "type,from,to,source_keys,source_titles,source_quotes\n" +
			"PARTNERS_WITH,a,b,r,Other report,A works with B.\n", []string{
			`ties.csv line 2: source "Other report": key "r" already names a different document on nodes.csv line 2`,
		}},
		{"tie given twice", goodNodes, goodTies + "PARTNERS_WITH,b,a,,Report,B works with A.\n", []string{
			`ties.csv line 3: the tie b PARTNERS_WITH a is already given on line 2`,
		}},
		{"bad url", goodNodes + "c,C,NGO,CIVIL_SOCIETY,,Site,,www.c.org,C is an NGO.,\n", goodTies, []string{
			`nodes.csv line 4: source "Site": url "www.c.org" must start with http:// or https://`,
		}},
		{"bad header", strings.Replace(goodNodes, "collective", "colour", 1), "type,from,source_titles,source_quotes\n", []string{
			`nodes.csv line 1: unknown column "colour": the columns are slug, name, acronym, aliases, kind, sector, country, focus_areas, mandates, description, collective, source_keys, source_titles, source_publishers, source_dates, source_urls, source_kinds, source_stories, source_quotes`,
			`ties.csv line 1: column "to" is missing`,
		}},
		{"empty file", goodNodes, "", []string{
			`ties.csv line 1: the file is empty: its first row must name the columns (key,type,from,to,directed,role,focus_areas,description,since,until,evidenced_from,source_keys,source_titles,source_publishers,source_dates,source_urls,source_kinds,source_stories,source_quotes)`,
		}},
		{"broken quoting", goodNodes + "c,C \"the\" NGO,NGO,CIVIL_SOCIETY,,Report,,,C.,\n", goodTies, []string{
			`nodes.csv line 4: bare " in non-quoted-field (column 5); the rest of nodes.csv was not read`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := exchange.ReadCSV(strings.NewReader(tc.nodes), strings.NewReader(tc.ties))
			if tc.wantProblems == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if d != nil {
				t.Error("a dataset came back with the problems")
			}
			if diff := cmp.Diff(tc.wantProblems, problems(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// problems checks that err is an invalid-input error and returns the problems its message lists.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("err = %v, want a %s error", err, domain.CodeInvalid)
	}
	head, list, _ := strings.Cut(domain.ErrorMessage(err), "\n")
	if !strings.HasSuffix(head, "problem(s) in the CSV files, nothing was imported:") {
		t.Errorf("message starts %q", head)
	}
	return strings.Split(list, "\n")
}

func TestReadCSVZip(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string // a fragment of the message; "" means the import succeeds
	}{
		{"OK", map[string]string{"nodes.csv": goodNodes, "ties.csv": goodTies}, ""},
		{"in a folder", map[string]string{"export/nodes.csv": goodNodes, "export/ties.csv": goodTies,
			"__MACOSX/export/._nodes.csv": "junk"}, ""},
		{"no ties", map[string]string{"nodes.csv": goodNodes, "notes.txt": ""}, "the archive must hold nodes.csv and ties.csv; it holds nodes.csv, notes.txt"},
		{"twice", map[string]string{"a/nodes.csv": goodNodes, "b/nodes.csv": goodNodes, "ties.csv": goodTies}, "the archive holds nodes.csv twice"},
		{"bad row", map[string]string{"nodes.csv": goodNodes, "ties.csv": goodTies + "MEMBER_OF,x,b,,Report,X.\n"},
			`ties.csv line 3: from "x" names no stakeholder`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exchange.Read(bytes.NewReader(zipOf(t, tc.files)), exchange.FormatCSV)
			checkErr(t, err, tc.wantErr)
		})
	}
	t.Run("not a zip", func(t *testing.T) {
		_, err := exchange.Read(strings.NewReader(goodNodes), exchange.FormatCSV)
		checkErr(t, err, "the csv format is a zip archive holding nodes.csv and ties.csv")
	})
}

// zipOf builds a zip archive of the named files.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, files[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(domain.ErrorMessage(err), want) {
		t.Fatalf("err = %v, want a %s error containing %q", err, domain.CodeInvalid, want)
	}
}
