package org.stakeholdergraph.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.PortBindException;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j Community DBMS in this JVM and exposes it over Bolt on
 * 127.0.0.1 only, for tests and local runs of the Go service.
 *
 * <p>Protocol with the parent process:
 * <ul>
 *   <li>stdout carries exactly one line, written once Bolt accepts
 *       connections and the Cypher planner has been warmed up ({@link Warmup}):
 *       {@code {"event":"ready","boltUri":"bolt://127.0.0.1:PORT","neo4jVersion":"X"}}.
 *       Everything else (Neo4j's logs, our own messages) goes to stderr or to
 *       files under the data directory.</li>
 *   <li>The server stops cleanly when stdin reaches end of file (the parent
 *       closed the pipe or died), or on SIGTERM / SIGINT. Exit code 0 after a
 *       clean stop.</li>
 *   <li>If startup fails, one line starting with {@code neo4j-launcher: } is
 *       written to stderr and the exit code is 1 (2 for bad arguments).</li>
 * </ul>
 *
 * <p>Flags: {@code --data-dir DIR} (required), {@code --bolt-port N} (default
 * 0: let the OS pick a free port), {@code --page-cache SIZE} (default 128m).
 * The heap is the caller's business ({@code -Xmx}).
 */
public final class Neo4jLauncher {

    private static final String PREFIX = "neo4j-launcher: ";
    private static final int MAX_PORT_ATTEMPTS = 3;
    /** The most time the warm-up may take before the server is reported ready (see {@link Warmup}). */
    private static final long WARMUP_BUDGET_MILLIS = 8_000;

    /** Guards {@link #dbms} and {@link #stopped}; held during startup and shutdown. */
    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms;
    private static Log4jLogProvider userLog;
    private static boolean stopped;

    private Neo4jLauncher() {
    }

    /** Parsed command line. */
    private record Options(Path dataDir, int boltPort, long pageCacheBytes) {
    }

    public static void main(String[] args) {
        // Keep a private handle on the real stdout for the ready line, then
        // point System.out at stderr so that nothing else (a library that
        // prints, a console log appender) can ever end up on stdout.
        PrintStream protocolOut = new PrintStream(
                new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Options opts;
        try {
            opts = parseArgs(args);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
            return;
        }

        // SIGTERM / SIGINT run shutdown hooks; ours stops the DBMS (waiting for
        // startup to finish first if it is still in progress).
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLauncher::onShutdownHook, "neo4j-launcher-shutdown"));

        int port = -1;
        Throwable startError = null;
        synchronized (LOCK) {
            for (int attempt = 1; ; attempt++) {
                // With --bolt-port 0 we choose the free port ourselves rather
                // than letting Neo4j bind port 0: Neo4j's advertised address
                // (what the routing table hands to neo4j:// drivers) must
                // name the real port, and it is fixed before binding.
                int wanted = opts.boltPort();
                try {
                    if (wanted == 0) {
                        wanted = pickFreeLoopbackPort();
                    }
                    port = start(opts, wanted);
                    break;
                } catch (Throwable t) {
                    stopQuietly();
                    // Someone may grab the chosen port before Neo4j binds it.
                    if (opts.boltPort() == 0 && attempt < MAX_PORT_ATTEMPTS && isPortBindFailure(t)) {
                        System.err.println(PREFIX + "port " + wanted + " was taken meanwhile, retrying");
                        continue;
                    }
                    startError = t;
                    break;
                }
            }
        }
        if (startError != null) {
            // Outside the lock: System.exit runs the shutdown hook, which takes it.
            fail(1, "startup failed: " + describe(startError));
            return;
        }

        long warming = System.currentTimeMillis();
        Warmup.run(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME), WARMUP_BUDGET_MILLIS);
        System.err.println(PREFIX + "warmed up in " + (System.currentTimeMillis() - warming) + " ms");

        String version = Version.getNeo4jVersion();
        protocolOut.println("{\"event\":\"ready\",\"boltUri\":\"bolt://127.0.0.1:" + port
                + "\",\"neo4jVersion\":\"" + jsonEscape(version) + "\"}");
        protocolOut.flush();

        // The parent keeps our stdin open for as long as it wants us alive.
        // EOF means it closed the pipe on purpose or it died: stop either way.
        waitForStdinEof();
        System.err.println(PREFIX + "stdin closed, shutting down");
        boolean clean = stop();
        System.exit(clean ? 0 : 1);
    }

    /** Configures and starts the DBMS; returns the Bolt port actually bound. */
    private static int start(Options opts, int boltPort) throws IOException {
        dbms = null;
        stopped = false;
        Path home = opts.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(home);

        // Neo4j's user-facing log ("Started.", "Bolt enabled on ...") goes to
        // stderr; the debug log is written to <data-dir>/logs/debug.log.
        userLog = new Log4jLogProvider(System.err, Level.INFO);

        // The builder's home directory is neo4j_home: everything on disk
        // (data/databases, data/transactions, logs/) lives under the data dir.
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                // Loopback only, for every connector, and no authentication:
                // anyone who can reach 127.0.0.1 is trusted (test / local use).
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Server-side routing would open a second listener (port 7688).
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                // No phoning home: usage data collection and Bolt driver telemetry off.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                // Bounded off-heap memory: the page cache is fixed, not "50% of RAM".
                .setConfig(GraphDatabaseSettings.pagecache_memory, opts.pageCacheBytes())
                // The service writes one statement text per selection and filter shape, so a dashboard
                // asking many shapes needs more than Neo4j's default of 1,000 cached plans, or it pays
                // the planner again and again (tens of ms each). A plan takes about 85 KiB here: two
                // per MiB of heap keeps the cache under a sixth of it.
                .setConfig(GraphDatabaseSettings.query_cache_size, queryCacheEntries())
                // Small transaction logs: no 256 MiB preallocated files, keep
                // only what recovery needs plus one rotated file.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Do not let a stuck client transaction delay shutdown for long.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // Netty waits a 5 s "quiet period" per event loop group when Bolt
                // stops (about 10 s in all). By then the databases are already
                // stopped, so there is nothing to be quiet for: stop at once.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        dbms = builder.build();

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
            throw new IllegalStateException("default database did not become available");
        }

        // Report what the connector really bound, as Neo4j recorded it.
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
        if (bolt == null || bolt.getPort() <= 0) {
            throw new IllegalStateException("Bolt connector did not report a bound port");
        }
        return bolt.getPort();
    }

    /** Asks the OS for a currently free port on 127.0.0.1. */
    private static int pickFreeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isPortBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PortBindException) {
                return true;
            }
        }
        return false;
    }

    /** Blocks until stdin reports end of file (or cannot be read any more). */
    private static void waitForStdinEof() {
        byte[] buf = new byte[256];
        InputStream in = System.in;
        try {
            while (in.read(buf) >= 0) {
                // Input is ignored; only EOF matters.
            }
        } catch (IOException e) {
            System.err.println(PREFIX + "reading stdin failed: " + e.getMessage());
        }
    }

    /**
     * Shutdown hook. If the DBMS is still running here, the JVM is going down
     * for another reason (normally SIGTERM/SIGINT): stop it cleanly, then halt
     * with 0 so that a requested, clean stop is not reported as "killed by
     * signal" (143/130). If main already stopped it, or startup failed, do
     * nothing and let the exit code chosen by main stand.
     */
    private static void onShutdownHook() {
        boolean needed;
        synchronized (LOCK) {
            needed = dbms != null && !stopped;
        }
        if (!needed) {
            return;
        }
        System.err.println(PREFIX + "signal received, shutting down");
        boolean clean = stop();
        Runtime.getRuntime().halt(clean ? 0 : 1);
    }

    /** Stops the DBMS once; later calls return immediately. True if clean. */
    private static boolean stop() {
        synchronized (LOCK) {
            if (dbms == null || stopped) {
                return true;
            }
            stopped = true;
            try {
                dbms.shutdown();
                System.err.println(PREFIX + "stopped");
                return true;
            } catch (Throwable t) {
                System.err.println(PREFIX + "shutdown failed: " + describe(t));
                return false;
            } finally {
                closeUserLog();
            }
        }
    }

    /** Best-effort cleanup after a failed startup. */
    private static void stopQuietly() {
        try {
            stop();
        } catch (Throwable ignored) {
            // Already failing; the startup error is the one worth reporting.
        }
        closeUserLog();
    }

    private static void closeUserLog() {
        if (userLog != null) {
            try {
                userLog.close();
            } catch (Exception ignored) {
                // Nothing useful to do with a failure to close a log.
            }
            userLog = null;
        }
    }

    /** How many plans the query cache keeps: two per MiB of the maximum heap, at least Neo4j's default. */
    static int queryCacheEntries() {
        long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return (int) Math.max(1000, Math.min(100_000, 2 * heapMiB));
    }

    private static Options parseArgs(String[] args) {
        Path dataDir = null;
        int boltPort = 0;
        long pageCache = ByteUnit.parse("128m");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            switch (name) {
                case "--data-dir":
                    dataDir = Path.of(value);
                    break;
                case "--bolt-port":
                    try {
                        boltPort = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--bolt-port: not a number: " + value);
                    }
                    if (boltPort < 0 || boltPort > 65535) {
                        throw new IllegalArgumentException("--bolt-port: out of range: " + value);
                    }
                    break;
                case "--page-cache":
                    try {
                        pageCache = ByteUnit.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--page-cache: bad size: " + value);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + name
                            + " (usage: --data-dir DIR [--bolt-port N] [--page-cache SIZE])");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new Options(dataDir, boltPort, pageCache);
    }

    /** Prints a one-line error to stderr and exits. */
    private static void fail(int code, String message) {
        System.err.println(PREFIX + message.replace('\n', ' '));
        System.err.flush();
        System.exit(code);
    }

    /** Exception chain flattened to one line, e.g. "A: x; caused by B: y". */
    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (sb.length() > 0) {
                sb.append("; caused by ");
            }
            sb.append(c.getClass().getName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
