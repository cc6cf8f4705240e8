package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/app"
	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// syncBuffer collects a command's output while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestServe(t *testing.T) {
	neo4jtest.Empty(t) // serve must seed an empty graph by itself
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"stakeholder-graph", "serve", "--addr", addr}, os.Getenv, io.Discard, &stderr)
	}()

	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the service did not come up\n%s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /readyz: %v %v", resp, err)
	}
	resp.Body.Close()

	// GET works for queries too.
	resp, err = http.Get(base + `/graphql?query=` + `%7B%20stakeholder(slug%3A%20%22agc%22)%20%7B%20name%20%7D%20%7D`)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Data struct {
			Stakeholder struct{ Name string } `json:"stakeholder"`
		} `json:"data"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got.Data.Stakeholder.Name != "Attorney General's Chambers" {
		t.Errorf("GET /graphql on the seeded graph: %+v", got)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(stderr.String(), "level=INFO msg=serving") {
		t.Errorf("no structured log line for serving:\n%s", stderr.String())
	}
}

func TestSeedCommand(t *testing.T) {
	neo4jtest.Empty(t)
	for i := 0; i < 2; i++ { // twice: seeding is idempotent
		var stdout bytes.Buffer
		if err := run(context.Background(), []string{"stakeholder-graph", "seed"}, os.Getenv, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "seed network loaded") {
			t.Errorf("stdout = %q", stdout.String())
		}
	}
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	n, err := neo4jtest.Current(t).CountStakeholders(context.Background(), domain.StakeholderFilter{})
	if err != nil || n != len(d.Stakeholders) {
		t.Errorf("after seeding twice: %d stakeholders (err %v), want %d", n, err, len(d.Stakeholders))
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		args     []string
		env      map[string]string
		wantErr  error
		wantCode int
		wantOut  string
	}{
		{args: []string{"serve", "--help"}, wantErr: flag.ErrHelp, wantCode: 0, wantOut: "-addr"},
		{args: []string{"seed", "--help"}, wantErr: flag.ErrHelp, wantCode: 0, wantOut: "-data-dir"},
		{args: []string{"neo4j", "--help"}, wantErr: flag.ErrHelp, wantCode: 0, wantOut: "-bolt-port"},
		{args: []string{"help"}, wantCode: 0, wantOut: "NEO4J_URI"},
		{args: []string{"frobnicate"}, wantCode: 2, wantOut: "Usage"},
		{args: []string{"serve", "--bogus"}, wantCode: 2, wantOut: "bogus"},
		{args: []string{"check"}, wantCode: 2, wantOut: "usage: stakeholder-graph check FILE..."},
		{args: []string{"check", "--help"}, wantErr: flag.ErrHelp, wantCode: 0, wantOut: "Nothing is loaded"},
		{args: []string{"check", "seed/malaysia.json"}, wantCode: 0, wantOut: "ok: "},
		{args: []string{"check", "no-such-file.json"}, wantCode: 1},
		{args: []string{"serve"}, env: map[string]string{"CORS_ALLOWED_ORIGINS": "*"}, wantCode: 2},
		{args: []string{"serve"}, env: map[string]string{"LOG_LEVEL": "loud"}, wantCode: 2},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			getenv := func(k string) string {
				if v, ok := tc.env[k]; ok {
					return v
				}
				return os.Getenv(k)
			}
			var out bytes.Buffer
			err := run(context.Background(), append([]string{"stakeholder-graph"}, tc.args...), getenv, &out, &out)
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			code := 0
			if err != nil {
				code = exitCode(err)
			}
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d (err %v)", code, tc.wantCode, err)
			}
			if !strings.Contains(out.String(), tc.wantOut) {
				t.Errorf("output does not mention %q:\n%s", tc.wantOut, out.String())
			}
		})
	}
}

// TestCheckCommand checks that check reports each problem of a dataset file at its line and fails, and
// touches no database (it runs without one).
func TestCheckCommand(t *testing.T) {
	data := "{\n  \"sources\": [{\"key\": \"s1\", \"title\": \"T\", \"url\": \"https://example.org\"}],\n" +
		"  \"ties\": [\n    {\"type\": \"PARTNERS_WITH\", \"from\": \"kdn\", \"to\": \"nobody\",\n" +
		"     \"citations\": [{\"source\": \"s1\", \"quote\": \"KDN works with nobody.\"}]}\n  ]\n}\n"
	file := filepath.Join(t.TempDir(), "extra.json")
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"stakeholder-graph", "check", "seed/malaysia.json", file}, os.Getenv, &out, &out)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("err = %v, want a failure with exit code 1", err)
	}
	shipped, err := seed.Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`%s:4: ties[%d] (kdn PARTNERS_WITH nobody): to "nobody" names no stakeholder in the data`, file, len(shipped.Ties))
	if got := strings.TrimSpace(out.String()); got != want {
		t.Errorf("check printed\n%s\nwant\n%s", got, want)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	neo4jtest.Store(t)
	dir := t.TempDir()
	ctx := context.Background()
	runOK := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, append([]string{"stakeholder-graph"}, args...), os.Getenv, &out, io.Discard); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	zip := dir + "/network.zip"
	runOK("export", "--format", "csv", "--out", zip)
	want, err := neo4jtest.Current(t).Network(ctx, domain.NetworkFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}

	neo4jtest.Empty(t)
	if out := runOK("import", "--format", "csv", "--in", zip); !strings.Contains(out, " 0 updated, 0 unchanged, 0 rejected") {
		t.Errorf("import said %q, want every record created", out)
	}
	got, err := neo4jtest.Current(t).Network(ctx, domain.NetworkFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Stakeholders) != len(want.Stakeholders) || len(got.Ties) != len(want.Ties) {
		t.Fatalf("after export and import: %d stakeholders, %d ties; before: %d, %d",
			len(got.Stakeholders), len(got.Ties), len(want.Stakeholders), len(want.Ties))
	}
	keys := func(n *domain.Network) []string {
		var out []string
		for _, tie := range n.Ties {
			out = append(out, tie.Key+" "+tie.From+">"+tie.To)
		}
		slices.Sort(out)
		return out
	}
	if diff := cmp.Diff(keys(want), keys(got)); diff != "" {
		t.Errorf("ties after export and import (-before +after):\n%s", diff)
	}

	if out := runOK("import", "--format", "csv", "--in", zip); !strings.HasPrefix(out, "0 created, 0 updated, ") || !strings.HasSuffix(out, " unchanged, 0 rejected\n") {
		t.Errorf("importing again said %q, want every record unchanged", out)
	}

	t.Run("records are rejected alone, at their line", func(t *testing.T) {
		neo4jtest.Empty(t)
		bad := dir + "/bad.json"
		body := `{"sources": [{"key": "s", "title": "T"}],
"stakeholders": [
  {"slug": "a", "name": "A", "kind": "NGO", "sector": "CIVIL_SOCIETY", "description": "Runs a shelter.", "citations": [{"source": "s", "quote": "q"}]},
  {"slug": "b", "name": "B", "kind": "EMBASSY", "sector": "DIPLOMATIC", "citations": [{"source": "s", "quote": "q"}]}
],
"ties": [{"type": "PARTNERS_WITH", "from": "a", "to": "b", "citations": [{"source": "s", "quote": "q"}]}]}`
		if err := os.WriteFile(bad, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := run(ctx, []string{"stakeholder-graph", "import", "--format", "json", "--in", bad}, os.Getenv, &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "2 record(s) rejected") {
			t.Errorf("err = %v", err)
		}
		for _, want := range []string{
			bad + `:4: stakeholder "b": kind: "EMBASSY" is not one of the allowed values`,
			bad + `:6: tie "a:PARTNERS_WITH:b": to: "b" names no stakeholder`,
			"2 created, 0 updated, 0 unchanged, 2 rejected",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("import printed\n%s\nwant a line with %q", out.String(), want)
			}
		}
		n, _ := neo4jtest.Current(t).CountStakeholders(ctx, domain.StakeholderFilter{})
		if n != 1 {
			t.Errorf("%d stakeholders, want the one valid record written", n)
		}

		// A file that leaves a field out keeps its stored value; the change is recorded as the CLI user's.
		renamed := dir + "/renamed.json"
		if err := os.WriteFile(renamed, []byte(`{"stakeholders": [{"slug": "a", "name": "A renamed"}]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if out := runOK("import", "--in", renamed); out != "0 created, 1 updated, 0 unchanged, 0 rejected\n" {
			t.Errorf("import of a partial record said %q", out)
		}
		got, err := neo4jtest.Current(t).Stakeholder(ctx, "a", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "A renamed" || got.Description == nil || *got.Description != "Runs a shelter." || len(got.Sources) != 1 {
			t.Errorf("after a partial import: %q %v %d sources", got.Name, got.Description, len(got.Sources))
		}
		changes, err := neo4jtest.Current(t).Changes(ctx, dataset.ChangeFilter{TargetKind: dataset.KindStakeholder, TargetKey: "a"}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != 2 || changes[0].Operation != "import" || !strings.HasPrefix(changes[0].Actor.Subject, "cli:") ||
			fmt.Sprint(changes[0].Entries[0].Fields) != "[{name A A renamed}]" {
			t.Errorf("the audit trail of a: %+v", changes)
		}

		// CSV tables too: a row that fails a check is rejected alone, at its file and line.
		neo4jtest.Empty(t)
		nodes, ties := dir+"/nodes.csv", dir+"/ties.csv"
		if err := os.WriteFile(nodes, []byte("slug,name,kind,sector,source_titles,source_quotes\n"+
			"c,C,NGO,CIVIL_SOCIETY,Report,C runs a shelter.\n"+
			"d,D,EMBASSY,DIPLOMATIC,Report,D is an embassy.\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ties, []byte("type,from,to,source_titles,source_quotes\n"+
			"PARTNERS_WITH,c,d,Report,C and D work together.\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		err = run(ctx, []string{"stakeholder-graph", "import", "--format", "csv", "--nodes", nodes, "--ties", ties}, os.Getenv, &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "2 record(s) rejected") {
			t.Errorf("csv: err = %v", err)
		}
		for _, want := range []string{
			nodes + `:3: stakeholder "d": kind: "EMBASSY" is not one of the allowed values`,
			ties + `:2: tie "c:PARTNERS_WITH:d": to: "d" names no stakeholder`,
			"2 created, 0 updated, 0 unchanged, 2 rejected", // the source and c
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("csv import printed\n%s\nwant a line with %q", out.String(), want)
			}
		}
	})
}

// TestKeysCommand makes an API key with the CLI, checks that the API takes it for its role, lists it, and
// revokes it, after which a service that reads it again refuses it.
func TestKeysCommand(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	runKeys := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"stakeholder-graph", "keys"}, args...), os.Getenv, &out, io.Discard)
		return out.String(), err
	}
	out, err := runKeys("create", "--name", "NGO partnerships office", "--role", "editor")
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out)
	id, _, ok := auth.ParseKey(token)
	if !ok {
		t.Fatalf("create printed %q, not a key", out)
	}
	viewer := func() (int, string) {
		h := app.NewAPI(store, app.APIConfig{}, nil) // a fresh service: it reads the key from Neo4j
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ viewer { role } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	if status, body := viewer(); status != 200 || !strings.Contains(body, `"role":"EDITOR"`) {
		t.Errorf("with the new key: %d %s", status, body)
	}
	list, err := runKeys("list")
	if err != nil || !strings.Contains(list, id) || !strings.Contains(list, "NGO partnerships office") || strings.Contains(list, token) {
		t.Errorf("list: %v\n%s", err, list)
	}
	if out, err := runKeys("revoke", id); err != nil || !strings.Contains(out, "revoked") {
		t.Errorf("revoke: %v %s", err, out)
	}
	if status, body := viewer(); status != http.StatusUnauthorized {
		t.Errorf("with the revoked key: %d %s", status, body)
	}
	for _, args := range [][]string{{"create", "--name", "x", "--role", "owner"}, {"create", "--role", "admin"}, {"revoke"}, {"revoke", "0000000000000000"}, {"rotate"}, {}} {
		if _, err := runKeys(args...); err == nil || exitCode(err) != 2 {
			t.Errorf("keys %v: %v, want a usage error", args, err)
		}
	}
}
