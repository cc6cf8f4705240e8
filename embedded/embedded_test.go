//go:build linux

// These tests start a real JVM. They need the launcher built (`make launcher`) and fail, not skip, when it is
// missing. They are Linux-only because they check process state through /proc and rely on Pdeathsig.

package embedded

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// envHelperDataDir switches the test binary into "parent helper" mode: start a server in that directory,
// print the JVM's pid, and wait to be killed.
const envHelperDataDir = "EMBEDDED_TEST_HELPER_DATA_DIR"

// TestMain runs the tests, or the parent helper when envHelperDataDir is set.
func TestMain(m *testing.M) {
	if dir := os.Getenv(envHelperDataDir); dir != "" {
		runParentHelper(dir)
		return
	}
	os.Exit(m.Run())
}

// TestStartQueryStop is the main end-to-end check: start on a free port, run a read transaction through the
// Go driver, stop, and make sure the JVM is gone and a second Stop is harmless.
func TestStartQueryStop(t *testing.T) {
	srv := startServer(t, Options{DataDir: t.TempDir()})
	if !strings.HasPrefix(srv.URI(), "bolt://127.0.0.1:") {
		t.Errorf("URI() = %q, want bolt://127.0.0.1:<port>", srv.URI())
	}
	if !strings.HasPrefix(srv.Version(), "5.26.") {
		t.Errorf("Version() = %q, want 5.26.x", srv.Version())
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(srv.URI(), neo4j.NoAuth())
	if err != nil {
		t.Fatalf("NewDriverWithContext: %v", err)
	}
	defer driver.Close(ctx)

	session := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	got, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "RETURN 1 AS n", nil)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		n, _ := rec.Get("n")
		return n, nil
	})
	if err != nil {
		t.Fatalf("ExecuteRead: %v", err)
	}
	if got != int64(1) {
		t.Errorf("RETURN 1 gave %v (%T), want int64 1", got, got)
	}
	if err := session.Close(ctx); err != nil {
		t.Errorf("session.Close: %v", err)
	}
	if err := driver.Close(ctx); err != nil {
		t.Errorf("driver.Close: %v", err)
	}

	pid := srv.PID()
	began := time.Now()
	if err := srv.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	t.Logf("stopped in %v", time.Since(began))
	if processAlive(pid) {
		t.Errorf("JVM pid %d still alive after Stop", pid)
	}
	if err := srv.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

// TestStartFailsWhenPortInUse checks that a startup failure is reported with the launcher's stderr, and that
// no process is left behind.
func TestStartFailsWhenPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port

	dir := launcherDir(t)
	srv, err := Start(context.Background(), Options{
		LauncherDir: dir, DataDir: t.TempDir(), BoltPort: port, Logger: testLogger(t),
	})
	if err == nil {
		_ = srv.Stop(context.Background())
		t.Fatalf("Start on busy port %d succeeded", port)
	}
	t.Logf("error (as expected): %v", err)
	if !strings.Contains(err.Error(), "Address already in use") {
		t.Errorf("error does not carry the launcher's reason: %v", err)
	}
}

// TestChildDiesWithParent kills (SIGKILL) a parent process that started a server, and expects the JVM to exit
// by itself soon after.
func TestChildDiesWithParent(t *testing.T) {
	launcherDir(t) // fail early, with the helpful message, if not built

	parent := exec.Command(os.Args[0])
	parent.Env = append(os.Environ(), envHelperDataDir+"="+t.TempDir())
	parent.Stderr = os.Stderr
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = parent.Process.Kill(); _ = parent.Wait() }()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("helper printed no pid: %v", err)
	}
	jvmPid, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(line), "jvm-pid="))
	if err != nil {
		t.Fatalf("helper printed %q", line)
	}
	if !processAlive(jvmPid) {
		t.Fatalf("JVM pid %d not running before the parent was killed", jvmPid)
	}

	if err := parent.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = parent.Wait()
	began := time.Now()
	for processAlive(jvmPid) {
		if time.Since(began) > 60*time.Second {
			if p, err := os.FindProcess(jvmPid); err == nil {
				_ = p.Kill()
			}
			t.Fatalf("JVM pid %d still alive 60s after its parent was killed", jvmPid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("JVM exited %v after its parent was killed", time.Since(began))
}

// TestFindLauncherDirReportsWhatItTried checks that a $NEO4J_LAUNCHER_DIR that is not a launcher directory
// is refused with an error naming it and saying how to build the launcher.
func TestFindLauncherDirReportsWhatItTried(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // created empty in the directory
	}{
		{name: "no jar"},
		{name: "no lib", files: []string{LauncherJar}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := FindLauncherDir(func(k string) string {
				if k == EnvLauncherDir {
					return dir
				}
				return ""
			})
			if err == nil {
				t.Fatal("FindLauncherDir accepted a directory that is not a launcher directory")
			}
			if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "make launcher") {
				t.Errorf("error should name the directory and `make launcher`: %v", err)
			}
		})
	}
}

// runParentHelper is the body of the helper process of TestChildDiesWithParent; it never returns normally.
func runParentHelper(dataDir string) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := Start(context.Background(), Options{DataDir: dataDir, Logger: quiet})
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	fmt.Printf("jvm-pid=%d\n", srv.PID())
	select {} // wait for SIGKILL
}

// startServer starts a server with the test's logger and stops it at cleanup.
func startServer(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.LauncherDir = launcherDir(t)
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	began := time.Now()
	srv, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Logf("started %s (Neo4j %s, pid %d) in %v", srv.URI(), srv.Version(), srv.PID(), time.Since(began))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = srv.Stop(ctx)
	})
	return srv
}

// launcherDir finds the built launcher or fails the test with the reason.
func launcherDir(t *testing.T) string {
	t.Helper()
	dir, err := FindLauncherDir(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// testLogger sends everything, Neo4j's stderr included, to t.Log (shown with
// -v or when the test fails).
func testLogger(t *testing.T) *slog.Logger {
	t.Helper()
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// tWriter writes each line it is given to t.Log.
type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// processAlive reports whether pid is a live (not zombie) process. A JVM orphaned by TestChildDiesWithParent
// is reaped by init, which may lag.
func processAlive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// Format: pid (comm) state ...; comm may contain spaces, so cut at ')'.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 >= len(s) {
		return true
	}
	state := s[i+2]
	return state != 'Z' && state != 'X'
}
