// Package embedded runs a Neo4j Community server as a child JVM, for tests and for the default local run of
// the service. The server is the Java launcher built from the neo4jlauncher/ Maven project (`make launcher`).
// It listens for Bolt on 127.0.0.1 only, with authentication disabled, so it must never be exposed beyond
// loopback.
//
// The child is tied to this process in three ways: its stdin is a pipe this process holds open (EOF makes
// the launcher shut down cleanly), on Linux it gets SIGTERM when this process dies (Pdeathsig), and it runs
// in its own process group so that Stop can signal it and anything it started.
//
// Start runs one JVM: if it dies it stays dead, which is what a test wants (a crash should fail it, not be
// papered over). Supervise runs one JVM after another: when one exits without Stop (killed, crashed, out of
// memory), it logs a warning with the tail of the JVM's stderr and starts a new one on the same Bolt port and
// data directory, first after 250 ms, then doubling the wait up to 10 s; a server that stayed up for a minute
// starts the next incident at 250 ms again. The URI therefore never changes, a driver made for it reconnects
// by itself, and Neo4j recovers its transaction log, so committed data survives. Up and Restarts tell a
// readiness probe and a metrics exporter whether a server is running now and how often one was replaced.
//
// For example:
//
//	srv, err := embedded.Supervise(ctx, embedded.Options{DataDir: dataDir})
//	...
//	defer srv.Stop(context.Background())
//	driver, err := neo4j.NewDriverWithContext(srv.URI(), neo4j.NoAuth())
package embedded

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Where the launcher is and how to run it.
const (
	// LauncherJar is the file name of the launcher jar in a launcher directory; its runtime dependencies are
	// in the lib/ folder next to it.
	LauncherJar = "neo4j-launcher.jar"
	// MainClass is the launcher's Java entry point.
	MainClass = "org.stakeholdergraph.launcher.Neo4jLauncher"
	// EnvLauncherDir names the environment variable that, when set, tells FindLauncherDir where the launcher
	// jar and its lib/ folder are.
	EnvLauncherDir = "NEO4J_LAUNCHER_DIR"
)

// Defaults that Start and Supervise apply to zero-valued Options fields.
const (
	// DefaultHeapMB is the JVM's maximum heap in MiB.
	DefaultHeapMB = 512
	// DefaultPageCache is the size of Neo4j's page cache, off-heap memory on top of the heap.
	DefaultPageCache = "128m"
	// DefaultStartTimeout is how long a start may take to report that Bolt accepts connections.
	DefaultStartTimeout = 120 * time.Second
)

const (
	// stopGrace is how long Stop waits after SIGTERM before sending SIGKILL.
	stopGrace = 10 * time.Second
	// stderrTailLines is how many of the JVM's most recent stderr lines are kept for errors and warnings.
	stderrTailLines = 20
)

// Options configures Start and Supervise. Only DataDir is required.
type Options struct {
	// LauncherDir holds neo4j-launcher.jar and lib/. Empty means FindLauncherDir(os.Getenv).
	LauncherDir string
	// JavaBin is the java executable. Empty means $JAVA_HOME/bin/java when JAVA_HOME is set, else "java"
	// from PATH.
	JavaBin string
	// DataDir is the Neo4j home: databases, transaction logs and Neo4j's own log files (logs/debug.log) are
	// written below it. Required.
	DataDir string
	// BoltPort is the loopback port to listen on; 0 lets the OS pick a free one (see Server.URI for the
	// result; a Supervisor keeps the port it got first for every restart).
	BoltPort int
	// HeapMB is the JVM maximum heap (-Xmx) in MiB. 0 means DefaultHeapMB.
	HeapMB int
	// PageCache is Neo4j's page cache size, e.g. "128m" or "1g". It is off-heap memory on top of HeapMB.
	// Empty means DefaultPageCache.
	PageCache string
	// Logger receives lifecycle messages at info level and every stderr line of the JVM at debug level. Nil
	// means slog.Default().
	Logger *slog.Logger
	// StartTimeout bounds how long Start, and each restart of a Supervisor, waits for the ready line. 0
	// means DefaultStartTimeout.
	StartTimeout time.Duration
}

// Server is one Neo4j child process started by Start; it is not restarted when it dies (see Supervisor for
// that).
type Server struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	uri     string
	version string
	logger  *slog.Logger
	tail    *lineTail

	readyAt time.Time // when the ready line arrived

	done    chan struct{} // closed once the process has exited and been reaped
	waitErr error         // cmd.Wait result; valid after done is closed

	stopOnce sync.Once
	stopErr  error
}

// readyLine is the single JSON line the launcher prints on stdout.
type readyLine struct {
	Event        string `json:"event"`
	BoltURI      string `json:"boltUri"`
	Neo4jVersion string `json:"neo4jVersion"`
}

// Start launches the Neo4j child process and waits until it reports that Bolt accepts connections. ctx only
// bounds startup (together with opts.StartTimeout): cancelling it later does not stop the server; use Stop.
// On failure the child is killed and the error includes the tail of its stderr.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if err := opts.fillDefaults(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opts.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded: create data dir: %w", err)
	}
	began := time.Now()
	s, ready, err := launch(opts)
	if err != nil {
		return nil, err
	}
	if err := s.awaitReady(ctx, ready, opts.StartTimeout); err != nil {
		return nil, err
	}
	s.logger.Info("neo4j: ready", slog.String("uri", s.uri), slog.String("version", s.version),
		slog.Duration("startup", time.Since(began)))
	return s, nil
}

// launch starts the JVM and the goroutines that read its output and reap it. The channel it returns
// receives the ready line, if the launcher prints one.
func launch(opts Options) (*Server, <-chan readyLine, error) {
	javaBin, err := exec.LookPath(opts.JavaBin)
	if err != nil {
		return nil, nil, fmt.Errorf("embedded: java not found (%q; set JAVA_HOME or Options.JavaBin): %w",
			opts.JavaBin, err)
	}
	cmd := exec.Command(javaBin, javaArgs(opts)...)
	cmd.Dir = opts.DataDir
	cmd.SysProcAttr = sysProcAttr()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, fmt.Errorf("embedded: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, fmt.Errorf("embedded: %w", err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, nil, fmt.Errorf("embedded: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("embedded: start %s: %w", javaBin, err)
	}

	log := opts.Logger.With(slog.Int("pid", cmd.Process.Pid))
	log.Debug("neo4j: process started", slog.String("cmd", strings.Join(cmd.Args, " ")))
	s := &Server{
		cmd:    cmd,
		stdin:  stdin,
		logger: log,
		tail:   newLineTail(stderrTailLines),
		done:   make(chan struct{}),
	}
	return s, s.watch(stdout, stderr), nil
}

// watch drains the JVM's stdout and stderr and reaps it once both reach EOF: the readers must be done before
// cmd.Wait, which closes the pipes. The channel it returns receives the ready line.
func (s *Server) watch(stdout, stderr io.Reader) <-chan readyLine {
	ready := make(chan readyLine, 1)
	var readers sync.WaitGroup
	readers.Go(func() { s.readStdout(stdout, ready) })
	readers.Go(func() { s.readStderr(stderr) })
	go func() {
		readers.Wait()
		s.waitErr = s.cmd.Wait()
		close(s.done)
	}()
	return ready
}

// awaitReady waits for the ready line. If the JVM exits first, or timeout passes or ctx ends first, it kills
// the JVM, waits until it is reaped, and returns why, with the tail of its stderr.
func (s *Server) awaitReady(ctx context.Context, ready <-chan readyLine, timeout time.Duration) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var cause error
	select {
	case r := <-ready:
		s.uri, s.version, s.readyAt = r.BoltURI, r.Neo4jVersion, time.Now()
		return nil
	case <-s.done:
		cause = fmt.Errorf("exited before it was ready (%v)", s.waitErr)
	case <-timer.C:
		cause = fmt.Errorf("not ready after %v", timeout)
	case <-ctx.Done():
		cause = fmt.Errorf("startup aborted: %w", ctx.Err())
	}
	s.kill()
	<-s.done
	return fmt.Errorf("embedded: neo4j %w%s", cause, s.tail.describe())
}

// URI returns the Bolt URI of the server, e.g. "bolt://127.0.0.1:41234".
func (s *Server) URI() string { return s.uri }

// Version returns the Neo4j version reported by the server, e.g. "5.26.30".
func (s *Server) Version() string { return s.version }

// PID returns the process id of the JVM.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// exited reports whether the JVM has exited and been reaped.
func (s *Server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Stop shuts the server down cleanly by closing its stdin and waiting for it to exit. If ctx ends first, the
// process group gets SIGTERM and, if still alive after a grace period, SIGKILL. Stop may be called more than
// once and from several goroutines: later calls wait for the first and return its result. It returns nil
// only if the JVM exited with status 0.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() { s.stopErr = s.stop(ctx) })
	return s.stopErr
}

// stop is the body of Stop, run once.
func (s *Server) stop(ctx context.Context) error {
	began := time.Now()
	_ = s.stdin.Close() // EOF on the child's stdin asks for a clean shutdown

	var forced error
	select {
	case <-s.done:
	case <-ctx.Done():
		s.logger.Warn("neo4j: clean stop timed out, sending SIGTERM", slog.Any("err", ctx.Err()))
		forced = fmt.Errorf("embedded: neo4j did not stop in time: %w", ctx.Err())
		s.terminate()
		select {
		case <-s.done:
		case <-time.After(stopGrace):
			s.logger.Warn("neo4j: still running after SIGTERM, sending SIGKILL")
			s.kill()
			<-s.done
		}
	}

	if s.waitErr != nil {
		err := fmt.Errorf("embedded: neo4j exited: %w%s", s.waitErr, s.tail.describe())
		return errors.Join(forced, err)
	}
	s.logger.Info("neo4j: stopped", slog.Duration("took", time.Since(began)))
	return forced
}

// readStdout waits for the ready line, hands it over, and then keeps draining stdout so the child can never
// block on a full pipe. Anything else on stdout is a protocol violation and is logged as a warning.
func (s *Server) readStdout(r io.Reader, ready chan<- readyLine) {
	sc := newLineScanner(r)
	sent := false
	for sc.Scan() {
		line := sc.Text()
		var msg readyLine
		if !sent && json.Unmarshal([]byte(line), &msg) == nil && msg.Event == "ready" && msg.BoltURI != "" {
			ready <- msg
			sent = true
			continue
		}
		s.logger.Warn("neo4j: unexpected line on stdout", slog.String("line", line))
	}
}

// readStderr relays every stderr line to the logger at debug level and keeps the most recent ones for error
// messages.
func (s *Server) readStderr(r io.Reader) {
	sc := newLineScanner(r)
	for sc.Scan() {
		line := sc.Text()
		s.tail.add(line)
		s.logger.Debug("neo4j: " + line)
	}
}

// newLineScanner reads r line by line. Lines may be up to 1 MiB, not bufio's default 64 KiB: Scan stops at a
// longer line, and the rest of the output would go unread.
func newLineScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	return sc
}

// fillDefaults checks o and sets its zero-valued fields to their defaults; DataDir becomes absolute.
func (o *Options) fillDefaults() error {
	if o.DataDir == "" {
		return errors.New("embedded: Options.DataDir is required")
	}
	abs, err := filepath.Abs(o.DataDir)
	if err != nil {
		return fmt.Errorf("embedded: data dir: %w", err)
	}
	o.DataDir = abs
	if o.LauncherDir == "" {
		dir, err := FindLauncherDir(os.Getenv)
		if err != nil {
			return err
		}
		o.LauncherDir = dir
	}
	if err := checkLauncherDir(o.LauncherDir); err != nil {
		return err
	}
	if o.JavaBin == "" {
		o.JavaBin = "java"
		if home := os.Getenv("JAVA_HOME"); home != "" {
			o.JavaBin = filepath.Join(home, "bin", "java")
		}
	}
	if o.BoltPort < 0 || o.BoltPort > 65535 {
		return fmt.Errorf("embedded: Options.BoltPort out of range: %d", o.BoltPort)
	}
	if o.HeapMB <= 0 {
		o.HeapMB = DefaultHeapMB
	}
	if o.PageCache == "" {
		o.PageCache = DefaultPageCache
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	return nil
}

// javaArgs builds the JVM command line.
//
// The collector is the serial one (-XX:+UseSerialGC): the heap is small (hundreds of MiB) and this is a test
// and local-development server on a 2-core machine. The serial collector has the smallest footprint (no
// parallel GC threads, no G1 remembered sets), starts fastest, and its pauses at this heap size are a few
// milliseconds. G1, Neo4j's production default, pays off only with large heaps and many cores.
func javaArgs(o Options) []string {
	sep := string(os.PathListSeparator)
	classpath := filepath.Join(o.LauncherDir, LauncherJar) + sep + filepath.Join(o.LauncherDir, "lib", "*")
	return []string{
		"-Xmx" + strconv.Itoa(o.HeapMB) + "m",
		"-XX:+UseSerialGC",
		// A JVM that ran out of heap may limp on with some of Neo4j's threads dead; exiting instead lets a
		// Supervisor start a healthy one.
		"-XX:+ExitOnOutOfMemoryError",
		// The JVM's own unified-logging warnings go to stdout by default; stdout is reserved for the ready
		// line.
		"-Xlog:disable", "-Xlog:all=warning:stderr",
		"-XX:+DisplayVMOutputToStderr",
		// Neo4j's page cache wants DirectByteBuffer internals; without this it warns and falls back to a
		// slower path.
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"-Dfile.encoding=UTF-8",
		"-cp", classpath,
		MainClass,
		"--data-dir", o.DataDir,
		"--bolt-port", strconv.Itoa(o.BoltPort),
		"--page-cache", o.PageCache,
	}
}

// lineTail keeps the last n lines written to it.
type lineTail struct {
	mu    sync.Mutex
	n     int
	lines []string
}

func newLineTail(n int) *lineTail { return &lineTail{n: n} }

// add keeps line, dropping the oldest line once n are kept.
func (t *lineTail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, line)
	if len(t.lines) > t.n {
		t.lines = t.lines[len(t.lines)-t.n:]
	}
}

// snapshot returns a copy of the kept lines.
func (t *lineTail) snapshot() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.lines...)
}

// describe renders the kept lines as the end of an error message, or says that there were none.
func (t *lineTail) describe() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) == 0 {
		return " (no stderr output)"
	}
	return "; stderr tail:\n\t" + strings.Join(t.lines, "\n\t")
}
