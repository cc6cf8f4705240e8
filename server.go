// Command stakeholder-graph serves the counter-trafficking stakeholder graph over GraphQL, backed by Neo4j.
//
// Subcommands:
//
//	serve     run the explorer, the GraphQL API, the playground, downloads, metrics and health probes
//	seed      load the seed network (idempotent)
//	neo4j     run only the embedded Neo4j in the foreground and print its Bolt URI
//	export    write the network, or a filtered view, in one of the export formats
//	import    check and load a csv or json dataset
//	check     check dataset JSON files without loading them, each problem at its file and line
//	generate  write a synthetic network for measuring at scale
//
// Run `stakeholder-graph COMMAND --help` for each command's flags.
package main

//go:generate go tool gqlgen generate --config gqlgen.yml
//go:generate go run ./codegen/tuneexec

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"os/user"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/app"
	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/curation"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/embedded"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
	"github.com/stakeholder-graph/stakeholder-graph/synthetic"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "stakeholder-graph:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line.
type usageError struct{ error }

const usage = `stakeholder-graph: the counter-trafficking stakeholder graph over GraphQL

Usage:
  stakeholder-graph serve [flags]   run the explorer (/), the GraphQL API (POST/GET /graphql), the
                                    playground (/playground), downloads (/export/{format}), /metrics,
                                    /healthz and /readyz
  stakeholder-graph seed [flags]    load the seed network into Neo4j (loading it twice changes nothing)
  stakeholder-graph neo4j [flags]   run the embedded Neo4j alone, in the foreground, and print its Bolt URI
  stakeholder-graph export [flags]  write the network, or a filtered view, as graphml, gexf, csv (zip),
                                    cytoscape, kumu or json
  stakeholder-graph import [flags]  load a csv (zip, or --nodes and --ties) or json dataset through the
                                    curation checks and audit trail; a record that fails a check is
                                    rejected alone, at its file and line (--bulk: the unaudited loader)
  stakeholder-graph check FILE...   check dataset JSON files, read together as one data set, without loading
                                    them: what import refuses, quotations over 60 words, malformed
                                    addresses and probable duplicate organisations, each at its line
  stakeholder-graph generate [flags]
                                    write a synthetic network (slugs syn-*) for measuring at scale
  stakeholder-graph keys create --name WHO --role viewer|editor|admin
                                    make an API key and print it, once; only its hash is kept
  stakeholder-graph keys list       list the keys: id, role, name, when made and revoked
  stakeholder-graph keys revoke ID  stop a key from working (other running services: within 10 s)

Without NEO4J_URI the commands start an embedded Neo4j (Java, built by "make launcher") on 127.0.0.1,
and serve restarts it if it dies.

Environment:
  NEO4J_URI              an external Neo4j: bolt://, bolt+s://, neo4j:// (cluster routing), neo4j+s://
  NEO4J_USERNAME         user for basic auth (none when empty)
  NEO4J_PASSWORD         password for basic auth
  NEO4J_DATABASE         database name (the server's default when empty)
  NEO4J_LAUNCHER_DIR     where neo4j-launcher.jar and lib/ are (found next to the binary otherwise)
  CORS_ALLOWED_ORIGINS   comma-separated origins browsers may call the API from (none by default)
  QUERY_TIMEOUT          deadline of each GraphQL request, such as 30s (default 30s)
  GRAPHQL_DEBUG          true adds each request's Neo4j transaction count and price to extensions.cost
  RESPONSE_CACHE_MB      size of the response cache in MiB (default 64; 0 turns it off)
  ANALYTICS_CACHE_MB     memory for network projections and analysis results in MiB (default 512)
  ANALYSIS_SEARCH_LIMIT  search steps an exact analysis may take (default 2.5e9: 10,000 stakeholders with
                         100,000 ties)
  COMPLEXITY_LIMIT       the highest price of one operation (default 200000)
  MAX_REQUEST_BYTES      the largest request body (default 262144)
  RATE_LIMIT, RATE_BURST requests per second one client may send, and its burst (default 50 and 100)
  CLIENT_CONCURRENCY     requests one client may have in the service at once (default 16)
  EXECUTION_SLOTS        operations run at once (default four per core)
  TRUSTED_PROXIES        comma-separated addresses or CIDR prefixes whose X-Forwarded-For is believed
  ANONYMOUS              read (default): a request without a bearer token reads as a viewer; off:
                         every request needs a token
  INTROSPECTION          off refuses introspection queries (default on)
  PLAYGROUND             off leaves /playground out (default on)
  JWT_HS256_SECRET       accept JWTs signed with this shared secret (at least 32 bytes)
  JWT_JWKS_FILE          accept JWTs signed with the RS256 or ES256 public keys of this JWKS file
  JWT_ISSUER, JWT_AUDIENCE
                         the issuer and audience a JWT must name (needed with either of the above)
  JWT_ROLE_CLAIM         the claim that holds a JWT's role: viewer, editor or admin (default role)
  METRICS_ADDR           serve /metrics on this address instead of the API's
  SHUTDOWN_DRAIN_DELAY   how long to keep serving after /readyz turns 503 at shutdown (default 1s)
  SHUTDOWN_TIMEOUT       how long requests in flight may take to finish at shutdown (default 15s)
  PPROF_ADDR             serve Go's runtime profiles (/debug/pprof/) on this address, such as 127.0.0.1:6060
  GOGC, GOMEMLIMIT       Go's collector settings; when neither is set, serve uses GOGC=400 capped at half
                         the machine's memory
  LOG_LEVEL              debug, info, warn or error (default info)
  LOG_FORMAT             text or json (default text)

Run "stakeholder-graph COMMAND --help" for a command's flags.
`

// run is the whole program: it parses args (args[0] is the program name) and runs one subcommand.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return usageError{errors.New("no command given")}
	}
	log, err := app.NewLogger(getenv, stderr)
	if err != nil {
		return usageError{err}
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stderr, log)
	case "seed":
		return seedCommand(ctx, rest, getenv, stdout, stderr, log)
	case "neo4j":
		return neo4jCommand(ctx, rest, getenv, stdout, stderr, log)
	case "generate":
		return generateCommand(ctx, rest, getenv, stdout, stderr, log)
	case "export":
		return exportCommand(ctx, rest, getenv, stdout, stderr, log)
	case "import":
		return importCommand(ctx, rest, getenv, stdout, stderr, log)
	case "check":
		return checkCommand(rest, stdout, stderr)
	case "keys":
		return keysCommand(ctx, rest, getenv, stdout, stderr, log)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError{fmt.Errorf("unknown command %q", cmd)}
	}
}

// commonFlags are the flags every command that opens the database takes.
func commonFlags(name string, stderr io.Writer, cfg *app.Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DataDir, "data-dir", "data/neo4j", "directory for the embedded Neo4j's files (ignored with NEO4J_URI)")
	fs.IntVar(&cfg.EmbeddedHeapMB, "neo4j-heap-mb", embedded.DefaultHeapMB, "embedded Neo4j: maximum Java heap in MiB")
	fs.StringVar(&cfg.EmbeddedPageCache, "neo4j-page-cache", embedded.DefaultPageCache, "embedded Neo4j: page cache size, such as 128m or 1g")
	return fs
}

func parse(fs *flag.FlagSet, args []string, getenv func(string) string, cfg *app.Config) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("%s: unexpected arguments %q", fs.Name(), fs.Args())}
	}
	if err := cfg.FromEnv(getenv); err != nil {
		return usageError{err}
	}
	return nil
}

func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("serve", stderr, &cfg)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "HTTP listen address (port 0 picks a free port)")
	fs.BoolVar(&cfg.Seed, "seed", true, "load the seed network when the graph is empty")
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	app.TuneGC(getenv, log)
	return withDatabase(ctx, cfg, getenv, log, cfg.Seed, func(db *app.Database) error {
		return app.Serve(ctx, cfg, db, log, nil)
	})
}

func seedCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("seed", stderr, &cfg)
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	return withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) error {
		if err := app.Seed(ctx, db.Store, log); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "seed network loaded")
		return nil
	})
}

func neo4jCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("neo4j", stderr, &cfg)
	port := fs.Int("bolt-port", 0, "Bolt port on 127.0.0.1 (0 picks a free port)")
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	dir, err := embedded.FindLauncherDir(getenv)
	if err != nil {
		return err
	}
	srv, err := embedded.Supervise(ctx, embedded.Options{LauncherDir: dir, DataDir: cfg.DataDir, BoltPort: *port,
		HeapMB: cfg.EmbeddedHeapMB, PageCache: cfg.EmbeddedPageCache, Logger: log})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, srv.URI())
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Stop(stopCtx)
}

func generateCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("generate", stderr, &cfg)
	var o synthetic.Options
	fs.IntVar(&o.Stakeholders, "stakeholders", 10000, "how many stakeholders to make")
	fs.IntVar(&o.Ties, "ties", 100000, "how many ties to make")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same network")
	fs.IntVar(&o.Communities, "communities", 0, "how many communities to plant (0: one per 200 stakeholders)")
	// Small transactions: with 20,000 ties per transaction a million-tie network stalled for minutes on
	// one batch; with 2,000 it loads in two and a half minutes on two cores.
	batch := fs.Int("batch", 2000, "rows per write transaction")
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	d, err := synthetic.Network(o)
	if err != nil {
		return usageError{err}
	}
	return withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) error {
		start := time.Now()
		sum, err := db.Store.LoadBulk(ctx, d, *batch)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "generated %d stakeholders and %d ties (seed %d) in %s\n", sum.Stakeholders, sum.Ties, o.Seed,
			time.Since(start).Round(time.Millisecond))
		return nil
	})
}

func exportCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("export", stderr, &cfg)
	format := fs.String("format", "graphml", "one of graphml, gexf, csv, cytoscape, kumu, json")
	out := fs.String("out", "-", "file to write; - for standard output")
	filter := map[string]*string{}
	for name, help := range map[string]string{
		"kinds": "only these stakeholder kinds, comma-separated (MINISTRY,AGENCY,...)", "sectors": "only these sectors, comma-separated",
		"focusAreas": "only stakeholders serving these focus areas, comma-separated", "tieTypes": "only these tie types, comma-separated (default: the cooperative types; name SANCTIONS, CRITICISES and DISPUTES to include them, as a full backup needs)",
		"country": "only stakeholders in this country (ISO 3166-1 alpha-2)", "asOf": "the network as it stood on this date (YYYY-MM-DD)",
		"minSources":  "only ties shown by at least this many independent sources",
		"minKind":     "only ties with a source of this kind or a weightier one (OFFICIAL, INTERGOVERNMENTAL, NEWS, SELF, ADVOCACY, COPY, LEAK, MACHINE); default: every tie but those only machine summaries show; MACHINE for every tie, as a full backup needs",
		"affiliation": "true for the affiliation network: stakeholders linked by the events they took part in together, weighted by their number",
		"eventKinds":  "affiliation network: only events of these kinds, comma-separated",
		"roles":       "affiliation network: only these participation roles, comma-separated",
		"eventsFrom":  "affiliation network: only events on or after this date",
		"eventsTo":    "affiliation network: only events on or before this date",
	} {
		filter[name] = fs.String(name, "", help)
	}
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	f, err := exchange.ParseFormat(*format)
	if err != nil {
		return usageError{err}
	}
	nf, err := domain.ParseNetworkFilter(func(name string) string { return *filter[name] })
	if err == nil {
		err = f.CanWrite(nf)
	}
	if err != nil {
		return usageError{err}
	}
	var n *domain.Network
	err = withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) (err error) {
		n, err = db.Store.Network(ctx, nf, true)
		return err
	})
	if err != nil {
		return err
	}
	w, finish := stdout, func() error { return nil }
	if *out != "-" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		w, finish = file, file.Close
	}
	if err := exchange.Write(w, f, n); err != nil {
		finish()
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	log.Info("exported", "format", f, "stakeholders", len(n.Stakeholders), "ties", len(n.Ties), "out", *out)
	return nil
}

func importCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	var cfg app.Config
	fs := commonFlags("import", stderr, &cfg)
	format := fs.String("format", "json", "csv or json")
	in := fs.String("in", "", "the file to load: a json dataset, or a zip of nodes.csv and ties.csv")
	nodes := fs.String("nodes", "", "with --format csv: the nodes table, instead of --in")
	ties := fs.String("ties", "", "with --format csv: the ties table, instead of --in")
	bulk := fs.Int("bulk", 0, "load a large generated network in transactions of this many rows, checked as a whole "+
		"and without the audit trail (for measuring at scale); 0 imports record by record")
	if err := parse(fs, args, getenv, &cfg); err != nil {
		return err
	}
	f, err := exchange.ParseFormat(*format)
	if err != nil || !f.Readable() {
		return usageError{fmt.Errorf("--format must be csv or json, not %q", *format)}
	}
	if *bulk > 0 {
		d, err := readDataset(f, *in, *nodes, *ties)
		if err != nil {
			return err
		}
		return withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) error {
			sum, err := db.Store.LoadBulk(ctx, d, *bulk)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "loaded %d stakeholders, %d ties, %d sources\n", sum.Stakeholders, sum.Ties, sum.Sources)
			return nil
		})
	}
	items, err := readItems(f, *in, *nodes, *ties, stdout)
	if err != nil {
		return err
	}
	return withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) error {
		progress := newProgress(stderr, len(items))
		sum, err := curation.New(db.Store).Import(ctx, cliActor(getenv), items, progress.update)
		progress.done()
		for _, r := range sum.Rejected {
			fmt.Fprintln(stdout, "rejected:", r)
		}
		fmt.Fprintf(stdout, "%d created, %d updated, %d unchanged, %d rejected\n", sum.Created, sum.Updated, sum.Unchanged, len(sum.Rejected))
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted after %d of %d records; what was written stays, and running the import again completes it", sum.Done(), len(items))
			}
			return err
		}
		if len(sum.Rejected) > 0 {
			return fmt.Errorf("%d record(s) rejected", len(sum.Rejected))
		}
		return nil
	})
}

// readItems reads the records to import, each with its file and line: a JSON dataset with the fields
// each record gives, CSV tables whose rows give every column.
func readItems(f exchange.Format, in, nodes, ties string, stdout io.Writer) ([]dataset.Item, error) {
	if f == exchange.FormatCSV {
		return readCSVItems(in, nodes, ties)
	}
	if f != exchange.FormatJSON {
		_, err := readDataset(f, in, nodes, ties) // says which formats import reads
		return nil, err
	}
	if in == "" {
		return nil, usageError{errors.New("--in is required")}
	}
	data, err := readLimited(in, exchange.MaxImportSize)
	if err != nil {
		return nil, err
	}
	items, findings, err := exchange.ReadItems(exchange.DatasetFile{Name: in, Data: data})
	if err != nil {
		return nil, err
	}
	if len(findings) > 0 {
		for _, f := range findings {
			fmt.Fprintln(stdout, f)
		}
		return nil, fmt.Errorf("%s does not decode; nothing was imported", in)
	}
	return items, nil
}

// cliActor names the person running a command in the audit trail: cli:<user>.
func cliActor(getenv func(string) string) dataset.Actor {
	name := getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return dataset.Actor{Subject: "cli:" + name, Role: string(auth.RoleAdmin)}
}

// checkCommand reads dataset JSON files as one data set and lists every problem in them, without
// touching a database. It fails when there is any.
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: stakeholder-graph check FILE...")
		fmt.Fprintln(stderr, "Reads the dataset JSON files as one data set (a file may refer to another's records) and")
		fmt.Fprintln(stderr, "lists each problem at its file and line. Nothing is loaded.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{errors.New("check: give one or more dataset JSON files")}
	}
	files := make([]exchange.DatasetFile, 0, fs.NArg())
	for _, name := range fs.Args() {
		data, err := readLimited(name, exchange.MaxImportSize)
		if err != nil {
			return err
		}
		files = append(files, exchange.DatasetFile{Name: name, Data: data})
	}
	rep, err := exchange.CheckFiles(files)
	if err != nil {
		return err
	}
	for _, f := range rep.Findings {
		fmt.Fprintln(stdout, f)
	}
	if rep.Unlisted > 0 {
		fmt.Fprintf(stdout, "and %d more problem(s)\n", rep.Unlisted)
	}
	if n := len(rep.Findings) + rep.Unlisted; n > 0 {
		return fmt.Errorf("%d problem(s) in %s", n, strings.Join(fs.Args(), ", "))
	}
	d := rep.Dataset
	fmt.Fprintf(stdout, "ok: %d sources, %d stakeholders, %d people, %d events, %d ties, %d positions, %d participations\n",
		len(d.Sources), len(d.Stakeholders), len(d.People), len(d.Events), len(d.Ties), len(d.Positions), len(d.Participations))
	return nil
}

// readLimited reads a whole file, refusing one larger than limit bytes before reading it.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, limit>>20)
	}
	return data, nil
}

// readCSVItems reads a CSV import, --in (a zip archive) or --nodes and --ties, record by record. A record's
// file is the path it was read from, or, in an archive, the archive's path and the file's name in it.
func readCSVItems(in, nodes, ties string) ([]dataset.Item, error) {
	var files map[string]string // the reader's file names to the paths to report
	items, pair, err := readCSVFiles(in, nodes, ties, exchange.ReadCSVItems)
	if err != nil {
		return nil, err
	}
	if pair {
		files = map[string]string{"nodes.csv": nodes, "ties.csv": ties}
	} else {
		if in == "" {
			return nil, usageError{errors.New("--in is required")}
		}
		file, err := os.Open(in)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		if items, err = exchange.ReadCSVZipItems(file); err != nil {
			return nil, err
		}
		files = map[string]string{"nodes.csv": in + ": nodes.csv", "ties.csv": in + ": ties.csv"}
	}
	for i := range items {
		items[i].File = cmp.Or(files[items[i].File], items[i].File)
	}
	return items, nil
}

// readCSVFiles reads the CSV files an import names with --nodes and --ties with read; pair is false when
// it names neither (it names an archive with --in instead).
func readCSVFiles[T any](in, nodes, ties string, read func(nodes, ties io.Reader) (T, error)) (v T, pair bool, err error) {
	if nodes == "" && ties == "" {
		return v, false, nil
	}
	if in != "" || nodes == "" || ties == "" {
		return v, true, usageError{errors.New("give --in, or both --nodes and --ties")}
	}
	nf, err := os.Open(nodes)
	if err != nil {
		return v, true, err
	}
	defer nf.Close()
	tf, err := os.Open(ties)
	if err != nil {
		return v, true, err
	}
	defer tf.Close()
	v, err = read(nf, tf)
	return v, true, err
}

// readDataset reads and checks the file(s) to import, before the database is touched.
func readDataset(f exchange.Format, in, nodes, ties string) (*dataset.Dataset, error) {
	if f == exchange.FormatCSV {
		if d, pair, err := readCSVFiles(in, nodes, ties, exchange.ReadCSV); pair || err != nil {
			return d, err
		}
	}
	if in == "" {
		return nil, usageError{errors.New("--in is required")}
	}
	file, err := os.Open(in)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return exchange.Read(file, f)
}

// withDatabase opens the database cfg names (the embedded one unless NEO4J_URI is set), seeding an empty
// graph when seed is set, runs work on it, and closes it.
func withDatabase(ctx context.Context, cfg app.Config, getenv func(string) string, log *slog.Logger, seed bool,
	work func(*app.Database) error) error {
	db, err := app.OpenDatabase(ctx, cfg, getenv, log, seed)
	if err != nil {
		return err
	}
	defer closeDatabase(db, log)
	return work(db)
}

func closeDatabase(db *app.Database, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.Close(ctx); err != nil {
		log.Error("closing the database", "err", err)
	}
}

// keysCommand creates, lists and revokes API keys.
func keysCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError{errors.New("keys: say create, list or revoke")}
	}
	var cfg app.Config
	fs := commonFlags("keys "+args[0], stderr, &cfg)
	name := fs.String("name", "", "create: who holds the key, such as \"research team dashboard\"")
	roleName := fs.String("role", "viewer", "create: viewer, editor or admin")
	sub, rest := args[0], args[1:]
	var id string
	if sub == "revoke" {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			return usageError{errors.New("keys revoke: give the id of the key to revoke (keys list shows it)")}
		}
		id, rest = rest[0], rest[1:]
	}
	if err := parse(fs, rest, getenv, &cfg); err != nil {
		return err
	}
	var role auth.Role
	switch sub {
	case "create":
		var err error
		if role, err = auth.ParseRole(*roleName); err != nil {
			return usageError{err}
		}
		if strings.TrimSpace(*name) == "" {
			return usageError{errors.New("keys create: --name says who holds the key")}
		}
	case "list", "revoke":
	default:
		return usageError{fmt.Errorf("keys: unknown subcommand %q: say create, list or revoke", sub)}
	}
	return withDatabase(ctx, cfg, getenv, log, false, func(db *app.Database) error {
		switch sub {
		case "create":
			token, k, err := auth.NewKey(*name, role, time.Now())
			if err != nil {
				return usageError{err}
			}
			if err := db.Store.CreateAPIKey(ctx, k); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s\n", token)
			fmt.Fprintf(stderr, "key %s (%s, %s) made; it is shown this once, and only its hash is kept\n", k.ID, k.Role, k.Name)
		case "list":
			keys, err := db.Store.APIKeys(ctx)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tROLE\tNAME\tCREATED\tREVOKED")
			for _, k := range keys {
				revoked := "-"
				if k.RevokedAt != nil {
					revoked = k.RevokedAt.Format(time.RFC3339)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, k.Name, k.Created.Format(time.RFC3339), revoked)
			}
			return w.Flush()
		case "revoke":
			found, err := db.Store.RevokeAPIKey(ctx, id, time.Now())
			if err != nil {
				return err
			}
			if !found {
				return usageError{fmt.Errorf("keys revoke: no key has the id %q", id)}
			}
			fmt.Fprintf(stdout, "key %s revoked\n", id)
		}
		return nil
	})
}
