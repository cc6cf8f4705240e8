//go:build linux

// These tests kill the supervised JVM the hard way (SIGKILL to its process group, as the OOM killer or an
// operator would) and watch the supervisor bring it back. Each JVM start takes ten seconds or more on two
// cores, so each test starts as few as it can.

package embedded

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// TestSuperviseRestartsAfterKill writes a node, kills the JVM, and expects a new one on the same URI within a
// bounded time, the node readable through the driver made before the kill, and no JVM or goroutine left after
// Stop.
func TestSuperviseRestartsAfterKill(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	dataDir := t.TempDir()
	sup := superviseServer(t, Options{DataDir: dataDir})
	uri := sup.URI()
	if !sup.Up() || sup.Restarts() != 0 {
		t.Fatalf("after Supervise: Up() = %v, Restarts() = %d; want true, 0", sup.Up(), sup.Restarts())
	}

	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	// The driver's managed transactions retry for 30 s by default; when other test runs load the machine, the
	// first read after a restart can take longer than that to get through.
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth(), func(c *config.Config) {
		c.MaxTransactionRetryTime = 2 * time.Minute
	})
	if err != nil {
		t.Fatalf("NewDriverWithContext: %v", err)
	}
	defer driver.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, driver, "CREATE (:Probe {name: $name})", map[string]any{"name": "before-kill"},
		neo4j.EagerResultTransformer); err != nil {
		t.Fatalf("writing the probe: %v", err)
	}

	pid := sup.PID()
	killed := killGroup(t, pid)
	upAfter := waitFor(t, 3*time.Minute, "a new JVM to be up", func() bool {
		p := sup.PID()
		return p != 0 && p != pid
	})
	if n := countProbes(ctx, t, driver, "before-kill"); n != 1 {
		t.Errorf("probes written before the kill, read after the restart: %d, want 1", n)
	}
	readAfter := time.Since(killed)
	t.Logf("kill to ready: supervisor up after %v, first read through the old driver after %v", upAfter, readAfter)

	if got := sup.URI(); got != uri {
		t.Errorf("URI() after restart = %q, want %q", got, uri)
	}
	if got := sup.Restarts(); got != 1 {
		t.Errorf("Restarts() = %d, want 1", got)
	}
	if processAlive(pid) {
		t.Errorf("killed JVM pid %d still alive", pid)
	}
	if err := driver.Close(ctx); err != nil {
		t.Errorf("driver.Close: %v", err)
	}

	newPID := sup.PID()
	if err := sup.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertStopped(t, sup, dataDir)
	if processAlive(newPID) {
		t.Errorf("JVM pid %d alive after Stop", newPID)
	}
	// A restart, had one been scheduled, would begin restartMinDelay after the exit; look well past that.
	time.Sleep(4 * restartMinDelay)
	if pids := jvmsOf(dataDir); len(pids) > 0 || sup.Restarts() != 1 {
		t.Errorf("after Stop: JVMs %v, Restarts() = %d; want none and still 1", pids, sup.Restarts())
	}
	assertNoGoroutineLeak(t, goroutines)
}

// TestSuperviseRetriesWhilePortIsTaken takes the Bolt port while the JVM is dead, so that restarts fail, and
// expects the supervisor to keep trying and succeed on the same port once it is free again.
func TestSuperviseRetriesWhilePortIsTaken(t *testing.T) {
	sup := superviseServer(t, Options{DataDir: t.TempDir()})
	uri := sup.URI()
	port, err := boltPort(uri)
	if err != nil {
		t.Fatal(err)
	}

	pid := sup.PID()
	killGroup(t, pid)
	waitFor(t, 30*time.Second, "the killed JVM to be gone", func() bool { return !processAlive(pid) })
	ln := listenOn(t, port)

	waitFor(t, 3*time.Minute, "a restart to fail on the taken port", func() bool { return sup.failedAttempts() >= 1 })
	if sup.Up() || sup.Restarts() != 0 {
		t.Errorf("while the port is taken: Up() = %v, Restarts() = %d; want false, 0", sup.Up(), sup.Restarts())
	}
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	upAfter := waitFor(t, 3*time.Minute, "a JVM to be up once the port is free", func() bool { return sup.Up() })
	t.Logf("up %v after the port was freed, %d failed attempt(s) before", upAfter, sup.failedAttempts())

	if got := sup.URI(); got != uri {
		t.Errorf("URI() = %q, want %q", got, uri)
	}
	if got := sup.Restarts(); got != 1 {
		t.Errorf("Restarts() = %d, want 1", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	if err := driver.VerifyConnectivity(ctx); err != nil {
		t.Errorf("VerifyConnectivity after the restart: %v", err)
	}
}

// TestStopCancelsRestartInProgress calls Stop while a replacement JVM is starting, and expects Stop to end it
// promptly and start no other.
func TestStopCancelsRestartInProgress(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	dataDir := t.TempDir()
	sup := superviseServer(t, Options{DataDir: dataDir})

	pid := sup.PID()
	killGroup(t, pid)
	waitFor(t, 30*time.Second, "a replacement JVM to be starting", func() bool {
		return slices.ContainsFunc(jvmsOf(dataDir), func(p int) bool { return p != pid })
	})
	if sup.Up() {
		t.Error("Up() = true while the replacement is still starting")
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	began := time.Now()
	if err := sup.Stop(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
	took := time.Since(began)
	t.Logf("Stop during a restart took %v", took)
	if took > 10*time.Second {
		t.Errorf("Stop took %v; a starting JVM should be killed at once", took)
	}
	assertStopped(t, sup, dataDir)
	if got := sup.Restarts(); got != 0 {
		t.Errorf("Restarts() = %d, want 0", got)
	}
	assertNoGoroutineLeak(t, goroutines)
}

// superviseServer starts a supervisor with the test's logger and stops it at cleanup.
func superviseServer(t *testing.T, opts Options) *Supervisor {
	t.Helper()
	opts.LauncherDir = launcherDir(t)
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	began := time.Now()
	sup, err := Supervise(context.Background(), opts)
	if err != nil {
		t.Fatalf("Supervise: %v", err)
	}
	t.Logf("supervising %s (Neo4j %s, pid %d), started in %v", sup.URI(), sup.Version(), sup.PID(), time.Since(began))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = sup.Stop(ctx)
	})
	return sup
}

// killGroup sends SIGKILL to the process group led by pid and returns when.
func killGroup(t *testing.T, pid int) time.Time {
	t.Helper()
	if pid == 0 {
		t.Fatal("no JVM to kill")
	}
	at := time.Now()
	if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -KILL -%d: %v", pid, err)
	}
	return at
}

// waitFor polls cond until it holds and returns how long that took, or fails the test after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	began := time.Now()
	for !cond() {
		if time.Since(began) > timeout {
			t.Fatalf("gave up after %v waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(began)
}

// listenOn takes a loopback port, retrying briefly while the kernel finishes tearing down the killed JVM's
// listener.
func listenOn(t *testing.T, port int) net.Listener {
	t.Helper()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	var err error
	for began := time.Now(); time.Since(began) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err == nil {
			t.Cleanup(func() { ln.Close() })
			return ln
		}
	}
	t.Fatalf("could not take port %d: %v", port, err)
	return nil
}

// countProbes counts the :Probe nodes with the given name.
func countProbes(ctx context.Context, t *testing.T, driver neo4j.DriverWithContext, name string) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (p:Probe {name: $name}) RETURN count(p) AS n",
		map[string]any{"name": name}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatalf("reading the probe: %v", err)
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// assertStopped checks what Stop promises: supervision over, nothing up, no JVM running on the data
// directory.
func assertStopped(t *testing.T, sup *Supervisor, dataDir string) {
	t.Helper()
	select {
	case <-sup.done:
	default:
		t.Error("supervision still running after Stop")
	}
	if sup.Up() || sup.PID() != 0 {
		t.Errorf("after Stop: Up() = %v, PID() = %d; want false, 0", sup.Up(), sup.PID())
	}
	if pids := jvmsOf(dataDir); len(pids) > 0 {
		t.Errorf("JVMs still running on %s after Stop: %v", dataDir, pids)
	}
}

// jvmsOf returns the live processes whose command line names dataDir after
// --data-dir: every JVM the package started there, whoever holds its pid.
func jvmsOf(dataDir string) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var pids []int
	for _, dir := range dirs {
		cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
		if err != nil {
			continue
		}
		args := strings.Split(string(cmdline), "\x00")
		i := slices.Index(args, "--data-dir")
		if i < 0 || i+1 >= len(args) || args[i+1] != dataDir {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(dir)); err == nil && processAlive(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// assertNoGoroutineLeak waits a little for goroutines to wind down to the count seen before the test started,
// and shows them all if they do not.
func assertNoGoroutineLeak(t *testing.T, before int) {
	t.Helper()
	began := time.Now()
	for runtime.NumGoroutine() > before {
		if time.Since(began) > 5*time.Second {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("%d goroutines after Stop, %d before:\n%s", runtime.NumGoroutine(), before, buf)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
