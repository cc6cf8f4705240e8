package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// service is a `serve` started by a test through run, as an operator starts it.
type service struct {
	base   string
	stderr *syncBuffer
	stop   context.CancelFunc
	done   chan error
}

// startService runs `serve` with env as its whole environment and waits until /healthz answers.
func startService(t *testing.T, env map[string]string, args ...string) *service {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &service{base: "http://" + addr, stderr: &syncBuffer{}, stop: cancel, done: make(chan error, 1)}
	getenv := func(k string) string { return env[k] }
	go func() {
		s.done <- run(ctx, append([]string{"stakeholder-graph", "serve", "--addr", addr}, args...), getenv, io.Discard, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(60 * time.Second):
			t.Error("serve did not stop")
		}
		if t.Failed() {
			t.Logf("service log:\n%s", s.stderr.String())
		}
	})
	s.waitFor(t, "/healthz", http.StatusOK, 3*time.Minute)
	return s
}

// waitFor polls path until it answers status.
func (s *service) waitFor(t *testing.T, path string, status int, within time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(s.base + path)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == status {
				return time.Now()
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve stopped: %v\n%s", err, s.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s did not answer %d within %v", path, status, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// outcome is one answered request of a load.
type outcome struct {
	start  time.Time
	took   time.Duration
	status int
	code   string
	name   string
}

// ask posts a query and reads the status, the first error's code, and the stakeholder's name.
func (s *service) ask(query string, fresh bool) outcome {
	o := outcome{start: time.Now()}
	req, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", strings.NewReader(fmt.Sprintf(`{"query": %q}`, query)))
	req.Header.Set("Content-Type", "application/json")
	if fresh {
		req.Header.Set("Cache-Control", "no-cache")
	}
	resp, err := http.DefaultClient.Do(req)
	o.took = time.Since(o.start)
	if err != nil {
		o.code = "transport: " + err.Error()
		return o
	}
	defer resp.Body.Close()
	o.status = resp.StatusCode
	var body struct {
		Data struct {
			Stakeholder struct{ Name string } `json:"stakeholder"`
		} `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	o.name = body.Data.Stakeholder.Name
	if len(body.Errors) > 0 {
		o.code, _ = body.Errors[0].Extensions["code"].(string)
	}
	return o
}

// load keeps workers asking a query read from the graph until stop is called, and returns what came back.
func (s *service) load(workers int, query string) (stop func() []outcome) {
	var mu sync.Mutex
	var out []outcome
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				o := s.ask(query, true)
				mu.Lock()
				out = append(out, o)
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	return func() []outcome {
		cancel()
		wg.Wait()
		return out
	}
}

const kdnQuery = `{ stakeholder(slug: "kdn") { name partners { partner { name } } } }`

// checkOutage checks the requests of a load against an outage that began at down and ended at back:
// none answered 500, every one started in the outage failed within a second with 503 UNAVAILABLE, and
// it returns the first answer after back.
func checkOutage(t *testing.T, outcomes []outcome, down, back time.Time) time.Time {
	t.Helper()
	var failed, slow int
	var firstOK time.Time
	for _, o := range outcomes {
		if o.status == http.StatusInternalServerError || strings.HasPrefix(o.code, "transport") || o.code == "INTERNAL" {
			t.Errorf("a request at %v answered %d %s", o.start.Sub(down), o.status, o.code)
		}
		if o.start.After(down) && o.start.Before(back) {
			if o.status == http.StatusOK {
				continue // answered before the outage was noticed, or from a pooled connection still open
			}
			failed++
			if o.status != http.StatusServiceUnavailable || o.code != "UNAVAILABLE" {
				t.Errorf("a request during the outage answered %d %s", o.status, o.code)
			}
			if o.took > time.Second {
				slow++
			}
		}
		if o.start.After(back) && o.status == http.StatusOK && (firstOK.IsZero() || o.start.Before(firstOK)) {
			firstOK = o.start.Add(o.took)
		}
	}
	if failed == 0 {
		t.Error("no request failed during the outage")
	}
	if slow > 0 {
		t.Errorf("%d of %d requests during the outage took over a second to fail", slow, failed)
	}
	t.Logf("%d requests failed fast during the outage", failed)
	return firstOK
}

// proxy forwards TCP connections to target until cut, when it closes what it carries and every new
// connection: to its clients, a server that went away.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.setCut(true) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			if p.cut {
				p.mu.Unlock()
				c.Close()
				continue
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				p.mu.Unlock()
				c.Close()
				continue
			}
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) setCut(cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = cut
	if cut {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// TestExternalNeo4jGoesAway runs the service against an external Neo4j behind a proxy, cuts the proxy
// under load, writes to the graph while the service cannot see, and restores it: requests fail fast with
// 503 UNAVAILABLE, /readyz turns 503, the service answers again within 5 s of Neo4j coming back without
// a restart of its own, and the response cache does not serve an answer from before the write it missed.
func TestExternalNeo4jGoesAway(t *testing.T) {
	neo4jtest.Store(t)
	t.Cleanup(func() { neo4jtest.Store(t) })
	uri := os.Getenv("NEO4J_URI")
	p := newProxy(t, strings.TrimPrefix(uri, "bolt://"))
	svc := startService(t, map[string]string{"NEO4J_URI": "bolt://" + p.ln.Addr().String(), "SHUTDOWN_DRAIN_DELAY": "0s", "RATE_LIMIT": "10000", "RATE_BURST": "10000"})
	svc.waitFor(t, "/readyz", http.StatusOK, time.Minute)

	if o := svc.ask(kdnQuery, false); o.name != "Ministry of Home Affairs" {
		t.Fatalf("before the outage: %+v", o) // and now kept in the response cache
	}
	stopLoad := svc.load(4, kdnQuery)
	time.Sleep(300 * time.Millisecond)
	down := time.Now()
	p.setCut(true)
	notReady := svc.waitFor(t, "/readyz", http.StatusServiceUnavailable, 5*time.Second)
	t.Logf("/readyz answered 503 %v after the cut", notReady.Sub(down).Round(time.Millisecond))
	if notReady.Sub(down) > time.Second {
		t.Errorf("/readyz took %v to notice the outage", notReady.Sub(down))
	}

	// The answer kept in the response cache is not served while the graph cannot be asked whether it
	// changed.
	if o := svc.ask(kdnQuery, false); o.status != http.StatusServiceUnavailable {
		t.Errorf("during the outage the cached answer was served: %d %s %q", o.status, o.code, o.name)
	}
	// Another process renames the ministry while this service cannot see Neo4j, and moves the graph's
	// version on as every writer does.
	wrote := time.Now()
	renameDirectly(t, uri, "kdn", "Ministry of Home Affairs (renamed)")
	t.Logf("the write took %v", time.Since(wrote))
	// Back within the second the store trusts a version it read: it must not trust one read before the
	// outage.
	time.Sleep(200 * time.Millisecond)
	back := time.Now()
	if back.Sub(down) >= time.Second {
		t.Logf("the outage lasted %v, longer than the version is trusted: the test proves less", back.Sub(down))
	}
	p.setCut(false)
	firstOK := checkOutage(t, stopLoadAfter(stopLoad, 6*time.Second), down, back)
	if firstOK.IsZero() || firstOK.Sub(back) > 5*time.Second {
		t.Errorf("the service answered again %v after Neo4j came back; want within 5 s", firstOK.Sub(back))
	}
	t.Logf("answered again %v after Neo4j came back", firstOK.Sub(back).Round(time.Millisecond))
	if o := svc.ask(kdnQuery, false); o.name != "Ministry of Home Affairs (renamed)" {
		t.Errorf("after the outage, the cached answer hid the write made during it: %+v", o)
	}
}

// renameDirectly renames a stakeholder through a driver of its own, as another process would, and moves
// the graph's version on.
func renameDirectly(t *testing.T, uri, slug, name string) {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	ctx := context.Background()
	_, err = neo4j.ExecuteQuery(ctx, driver, `MATCH (s:Stakeholder {slug: $slug}) SET s.name = $name
WITH count(*) AS renamed
MATCH (v:GraphVersion {id: 'graph'}) SET v.version = v.version + 1`,
		map[string]any{"slug": slug, "name": name}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
}

func stopLoadAfter(stop func() []outcome, d time.Duration) []outcome {
	time.Sleep(d)
	return stop()
}

// TestEmbeddedNeo4jKilled runs the service on its own embedded Neo4j, kills the JVM with SIGKILL under
// load, and checks that requests fail fast with 503, the service restarts Neo4j by itself and answers
// within 5 s of it being back, and that shutdown turns readiness to 503 first and stops Neo4j.
func TestEmbeddedNeo4jKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a Neo4j of its own")
	}
	dataDir := t.TempDir()
	env := map[string]string{"PATH": os.Getenv("PATH"), "JAVA_HOME": os.Getenv("JAVA_HOME"), "SHUTDOWN_DRAIN_DELAY": "1s", "RATE_LIMIT": "10000", "RATE_BURST": "10000",
		"NEO4J_LAUNCHER_DIR": os.Getenv("NEO4J_LAUNCHER_DIR")}
	svc := startService(t, env, "--data-dir", dataDir)
	svc.waitFor(t, "/readyz", http.StatusOK, 3*time.Minute)
	pid := jvmPIDs(dataDir)[0]
	if pid == 0 {
		t.Fatal("no embedded Neo4j found")
	}

	stopLoad := svc.load(4, kdnQuery)
	time.Sleep(300 * time.Millisecond)
	down := time.Now()
	if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	notReady := svc.waitFor(t, "/readyz", http.StatusServiceUnavailable, 5*time.Second)
	t.Logf("/readyz answered 503 %v after the kill", notReady.Sub(down).Round(time.Millisecond))
	if notReady.Sub(down) > time.Second {
		t.Errorf("/readyz took %v to notice the outage", notReady.Sub(down))
	}
	// Neo4j is back when the restarted server reports ready (its launcher warms it up first); the
	// supervisor counts the restart then.
	back := waitForRestart(t, svc, 5*time.Minute)
	t.Logf("neo4j was back %v after the kill", back.Sub(down).Round(time.Millisecond))
	firstOK := checkOutage(t, stopLoadAfter(stopLoad, 6*time.Second), down, back)
	if firstOK.IsZero() || firstOK.Sub(back) > 5*time.Second {
		t.Errorf("the service answered again %v after Neo4j came back; want within 5 s", firstOK.Sub(back))
	}
	t.Logf("the service answered again %v after Neo4j came back", firstOK.Sub(back).Round(time.Millisecond))

	// Shutdown: readiness first, the request in flight finishes, then Neo4j stops.
	inFlight := make(chan outcome, 1)
	go func() { inFlight <- svc.ask(`{ communities { modularity } }`, true) }()
	time.Sleep(10 * time.Millisecond)
	svc.stop()
	if resp, err := http.Get(svc.base + "/readyz"); err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz during shutdown: %v %v", resp, err)
	}
	if o := <-inFlight; o.status != http.StatusOK {
		t.Errorf("the request in flight at shutdown answered %d %s", o.status, o.code)
	}
	select {
	case err := <-svc.done:
		svc.done <- err // for the cleanup
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop")
	}
	if pid := jvmPIDs(dataDir)[0]; pid != 0 {
		t.Error("the embedded Neo4j still runs after shutdown")
	}
}

// jvmPIDs lists the processes started with this data directory; {0} when there is none.
func jvmPIDs(dataDir string) []int {
	abs, _ := filepath.Abs(dataDir)
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if bytes.Contains(cmdline, []byte("--data-dir\x00"+abs+"\x00")) {
			out = append(out, pid)
		}
	}
	if len(out) == 0 {
		out = []int{0}
	}
	return out
}

// waitForRestart waits until the service's metrics count one restart of its Neo4j, and returns when.
func waitForRestart(t *testing.T, svc *service, within time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(svc.base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(metrics, []byte("stakeholder_graph_neo4j_restarts_total 1")) {
			return time.Now()
		}
		if time.Now().After(deadline) {
			t.Fatalf("no restart counted within %v:\n%s", within, grepLines(metrics, "neo4j"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func grepLines(b []byte, s string) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
