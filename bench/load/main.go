// Command load is the benchmark's load generator. It drives three servers that answer the same queries over
// the same Neo4j (the floor, the service and the Neo4j GraphQL Library) with closed-loop workers, one
// system at a time for each cell (query x concurrency), and prints a Markdown report: throughput, p50 and
// p99 latency, errors, server CPU per request, ratios to the floor and to the library, the service's peak
// memory, and a check, before any load, that all give the same answers. The service is measured twice:
// as deployed, and asked to read every answer from the graph (Cache-Control: no-cache), the "uncached"
// system, so its response cache's share of the result is visible.
//
// Every request goes to the URLs given (loopback in bench/run.sh); each cell runs for a fixed time, so
// the whole run is bounded: (queries + 1) x levels x 4 x (warm-up + duration).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type config struct {
	urls                      [4]string
	pids                      [4]int
	neo4jPID                  int
	neo4jURI                  string
	levels                    []int
	warmup, duration          time.Duration
	mixWarmup, mixDuration    time.Duration
	only                      map[string]bool
	checkSamples              int
	dataset, out, machineNote string
	// genSeed seeds the generated mix's shapes.
	genSeed uint64
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, argv []string) error {
	var c config
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&c.urls[floorSys], "floor", "http://127.0.0.1:8090", "the floor's base URL")
	fs.StringVar(&c.urls[serviceSys], "service", "http://127.0.0.1:8080", "the service's base URL")
	fs.StringVar(&c.urls[librarySys], "library", "http://127.0.0.1:4000", "the Neo4j GraphQL Library's base URL")
	fs.IntVar(&c.pids[floorSys], "floor-pid", 0, "the floor's process id (CPU and memory)")
	fs.IntVar(&c.pids[serviceSys], "service-pid", 0, "the service's process id (CPU and peak memory)")
	fs.IntVar(&c.pids[librarySys], "library-pid", 0, "the library's process id (CPU and memory)")
	fs.IntVar(&c.neo4jPID, "neo4j-pid", 0, "the Neo4j JVM's process id (CPU)")
	fs.StringVar(&c.neo4jURI, "neo4j", os.Getenv("NEO4J_URI"), "Bolt URI, to draw parameters from the data")
	levels := fs.String("concurrency", "1,4,16", "closed-loop worker counts")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "warm-up of each single-query cell (not measured)")
	fs.DurationVar(&c.duration, "duration", 6*time.Second, "measured time of each single-query cell")
	fs.DurationVar(&c.mixWarmup, "mix-warmup", 3*time.Second, "warm-up of each mix cell")
	fs.DurationVar(&c.mixDuration, "mix-duration", 15*time.Second, "measured time of each mix cell")
	only := fs.String("queries", "", "comma-separated query names to run (all when empty; 'mix' for the mix)")
	fs.IntVar(&c.checkSamples, "check", 5, "parameter samples per query for the same-answer check")
	fs.StringVar(&c.dataset, "dataset", "", "data set name, for the report")
	fs.StringVar(&c.out, "out", "", "also write the report to this file")
	fs.Uint64Var(&c.genSeed, "gen-seed", 1, "seed of the generated mix's shapes")
	fs.StringVar(&serviceToken, "service-token", os.Getenv("BENCH_SERVICE_TOKEN"), "an editor's API key for the service's mutations (the writes)")
	onlySystems := fs.String("systems", "", "comma-separated systems to measure: floor, service, library, uncached (all when empty)")
	if err := fs.Parse(argv); err != nil {
		return err
	}
	c.urls[uncachedSys], c.pids[uncachedSys] = c.urls[serviceSys], c.pids[serviceSys]
	for _, s := range strings.Split(*levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 256 {
			return fmt.Errorf("bad concurrency %q", s)
		}
		c.levels = append(c.levels, n)
	}
	if *onlySystems != "" {
		var chosen []system
		for _, sys := range systems {
			if slices.Contains(strings.Split(*onlySystems, ","), sys.String()) {
				chosen = append(chosen, sys)
			}
		}
		if len(chosen) == 0 {
			return fmt.Errorf("-systems %q names none of floor, service, library, uncached", *onlySystems)
		}
		systems = chosen
	}
	if *only != "" {
		c.only = map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			c.only[strings.TrimSpace(s)] = true
		}
	}
	d, err := loadDataset(ctx, c.neo4jURI)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 512, MaxIdleConnsPerHost: 256, IdleConnTimeout: 2 * time.Minute, DisableCompression: true}}
	rep := &report{cfg: c, data: d}
	log.Printf("dataset %s: %d stakeholders, %d ties", c.dataset, len(d.slugs), d.ties)

	log.Printf("checking that the systems agree (%d samples per query)", c.checkSamples)
	rep.checks = check(ctx, client, c, d)

	for _, qk := range append(slices.Clone(queryKinds), mixKind) {
		if c.only != nil && !c.only[qk.name] {
			continue
		}
		warm, dur := c.warmup, c.duration
		if qk.name == "mix" {
			warm, dur = c.mixWarmup, c.mixDuration
		}
		for _, n := range c.levels {
			for _, sys := range systems {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				cl := measure(ctx, client, c, d, qk, sys, n, warm, dur)
				log.Printf("%-12s c=%-3d %-8s %8.1f req/s  p50 %8s  p99 %8s  errors %d %s", qk.name, n, sys, cl.rps,
					ms(cl.p50), ms(cl.p99), cl.errors, cl.firstErr)
				rep.cells = append(rep.cells, cl)
			}
		}
	}
	if c.only == nil || c.only["gen"] || c.only["gen-lib"] {
		if err := runGenerated(ctx, client, c, d, rep); err != nil {
			return err
		}
	}
	// The writes change the data, so they run after everything that reads it.
	if c.only == nil || c.only["writes"] {
		if serviceToken == "" {
			return fmt.Errorf("the writes need -service-token (or BENCH_SERVICE_TOKEN): an editor's API key")
		}
		if err := runWrites(ctx, client, c, d, rep); err != nil {
			return err
		}
	}
	for _, sys := range systems {
		if sys != uncachedSys { // the service's process
			rep.mem[sys] = readMemory(c.pids[sys])
		}
	}
	text := rep.markdown()
	fmt.Print(text)
	if c.out != "" {
		return os.WriteFile(c.out, []byte(text), 0o644)
	}
	return nil
}

// mixKind is the weighted mix of every query: each request picks a query by weight.
var mixKind = queryKind{name: "mix", about: "weighted mix of the queries above",
	mix: func(r *rand.Rand, d *dataset) (*queryKind, args) { k := pickQuery(r); return k, k.draw(r, d) }}

func pickQuery(r *rand.Rand) *queryKind {
	total := 0
	for i := range queryKinds {
		total += queryKinds[i].weight
	}
	x := r.IntN(total)
	for i := range queryKinds {
		if x < queryKinds[i].weight {
			return &queryKinds[i]
		}
		x -= queryKinds[i].weight
	}
	return &queryKinds[0]
}

// cell is the outcome of one system at one concurrency on one query.
type cell struct {
	query    string
	conc     int
	sys      system
	n        int
	errors   int
	firstErr string
	rps      float64
	p50, p99 time.Duration
	// cpuServer and cpuNeo4j are CPU milliseconds per request of the server process and of Neo4j.
	cpuServer, cpuNeo4j float64
	// byKind are a mix's latencies by the query asked.
	byKind map[string][]time.Duration
}

// measure runs one cell: conc closed-loop workers for warm-up plus duration, timing the requests that
// start after the warm-up. Worker w draws its parameters from a generator seeded by (w, query, conc), so
// every system is asked the same sequence in a cell, and no cell repeats another's: a response cache
// meets a question again only when the data set's parameters are few, as a dashboard's are.
func measure(ctx context.Context, client *http.Client, c config, d *dataset, qk queryKind, sys system, conc int, warm, dur time.Duration) cell {
	runtime.GC()
	qi := uint64(len(queryKinds))
	for i := range queryKinds {
		if queryKinds[i].name == qk.name {
			qi = uint64(i)
		}
	}
	if qk.name != "mix" && qi == uint64(len(queryKinds)) { // a generated mix
		qi = uint64(len(queryKinds)+1) + uint64(len(qk.name))
	}
	start := time.Now()
	measureFrom, end := start.Add(warm), start.Add(warm+dur)
	var cpu0, neo0 float64
	var cpuOnce sync.Once
	lat := make([][]time.Duration, conc)
	byKind := make([]map[string][]time.Duration, conc)
	errs := make([]int, conc)
	firstErr := make([]string, conc)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w+1), qi*7919+uint64(conc)*104729+13))
			buf := make([]time.Duration, 0, 4096)
			kinds := map[string][]time.Duration{}
			for ctx.Err() == nil {
				now := time.Now()
				if now.After(end) {
					break
				}
				var k *queryKind
				var a args
				if qk.mix != nil {
					k, a = qk.mix(r, d)
				} else {
					k, a = &qk, qk.draw(r, d)
				}
				req := k.request(sys, a)
				t0 := time.Now()
				if !t0.Before(measureFrom) {
					cpuOnce.Do(func() { cpu0, neo0 = cpuSeconds(c.pids[sys]), cpuSeconds(c.neo4jPID) })
				}
				_, err := do(ctx, client, c.urls[sys], req)
				took := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				if err != nil {
					errs[w]++
					if firstErr[w] == "" {
						firstErr[w] = k.name + ": " + err.Error()
					}
					continue
				}
				buf = append(buf, took)
				if qk.mix != nil {
					kinds[k.name] = append(kinds[k.name], took)
				}
			}
			lat[w] = buf
			byKind[w] = kinds
		}()
	}
	wg.Wait()
	elapsed := time.Since(measureFrom)
	cpu1, neo1 := cpuSeconds(c.pids[sys]), cpuSeconds(c.neo4jPID)
	var all []time.Duration
	out := cell{query: qk.name, conc: conc, sys: sys, byKind: map[string][]time.Duration{}}
	for w := range conc {
		all = append(all, lat[w]...)
		for k, l := range byKind[w] {
			out.byKind[k] = append(out.byKind[k], l...)
		}
		out.errors += errs[w]
		if out.firstErr == "" {
			out.firstErr = firstErr[w]
		}
	}
	slices.Sort(all)
	out.n = len(all)
	out.rps = float64(len(all)) / elapsed.Seconds()
	if len(all) > 0 {
		out.p50 = all[len(all)*50/100]
		out.p99 = all[min(len(all)-1, len(all)*99/100)]
		if cpu0 > 0 {
			out.cpuServer = (cpu1 - cpu0) * 1000 / float64(len(all)+out.errors)
		}
		if neo0 > 0 {
			out.cpuNeo4j = (neo1 - neo0) * 1000 / float64(len(all)+out.errors)
		}
	}
	return out
}

// do sends one request and checks the answer without parsing it all: HTTP 200, a non-null data object and
// no errors. The same-answer check (check) parses and compares answers in full.
func do(ctx context.Context, client *http.Client, base string, req request) ([]byte, error) {
	body, err := json.Marshal(req.body)
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, base+req.path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	if req.noCache {
		hr.Header.Set("Cache-Control", "no-cache")
	}
	if req.token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.token)
	}
	resp, err := client.Do(hr)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, b)
	}
	if bytes.Contains(b, []byte(`"errors":`)) && !onlyAnswers(b, req.answers) {
		return b, fmt.Errorf("errors in answer: %.200s", b)
	}
	if !bytes.Contains(b, []byte(`"data":{`)) {
		return b, fmt.Errorf("no data: %.200s", b)
	}
	return b, nil
}

// checkResult is the same-answer check of one query.
type checkResult struct {
	query      string
	samples    int
	agree      int
	mismatches []string
	bytes      [4]int // mean answer size
	serviceTx  []int  // the service's extensions.cost.neo4jTransactions per sample (see txSystem)
}

// check asks every system the same sampled questions, reduces each answer to its canonical form and
// compares them.
func check(ctx context.Context, client *http.Client, c config, d *dataset) []checkResult {
	return checkKinds(ctx, client, c, d, queryKinds)
}

// checkKinds is check over the kinds given, each on the systems it is measured on.
func checkKinds(ctx context.Context, client *http.Client, c config, d *dataset, kinds []queryKind) []checkResult {
	var out []checkResult
	for qi, qk := range kinds {
		r := rand.New(rand.NewPCG(99, uint64(qi)))
		res := checkResult{query: qk.name, samples: c.checkSamples}
		for range c.checkSamples {
			a := qk.draw(r, d)
			var canon [4]string
			ok := true
			var on []system
			for _, sys := range systems {
				if qk.measuredOn(sys) {
					on = append(on, sys)
				}
			}
			for _, sys := range on {
				b, err := do(ctx, client, c.urls[sys], qk.request(sys, a))
				res.bytes[sys] += len(b) / c.checkSamples
				if err != nil {
					canon[sys] = "ERROR " + err.Error()
					ok = false
					continue
				}
				ans, err := decodeAnswer(b)
				if err != nil {
					canon[sys] = "ERROR " + err.Error()
					ok = false
					continue
				}
				if sys == txSystem() {
					res.serviceTx = append(res.serviceTx, ans.tx)
				}
				canon[sys], err = qk.canonical(sys, ans.data)
				if err != nil {
					canon[sys] = "ERROR " + err.Error()
					ok = false
				}
			}
			for _, x := range on {
				for _, y := range on {
					ok = ok && agree(canon[x], canon[y])
				}
			}
			if ok {
				res.agree++
				continue
			}
			var answers []string
			for _, sys := range on {
				answers = append(answers, fmt.Sprintf("%s %q", sys, canon[sys]))
			}
			res.mismatches = append(res.mismatches, fmt.Sprintf("%+v: %s", a, strings.Join(answers, ", ")))
		}
		log.Printf("check %-12s %d/%d agree", qk.name, res.agree, res.samples)
		for _, m := range res.mismatches {
			log.Printf("  mismatch %s", m)
		}
		out = append(out, res)
	}
	return out
}

// txSystem is the system whose transaction counts the check reports: the service reading from the graph
// when it is measured, else the service.
func txSystem() system {
	if slices.Contains(systems, uncachedSys) {
		return uncachedSys
	}
	return serviceSys
}

// cpuSeconds is the user plus system CPU time a process has used, from /proc/PID/stat; 0 when unknown.
func cpuSeconds(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:]) // f[0] is the state, field 3 of stat; utime and stime are fields 14 and 15
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}

// memory is a process's peak and current resident set size, from /proc/PID/status.
type memory struct{ hwm, rss string }

func readMemory(pid int) memory {
	if pid <= 0 {
		return memory{}
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}
	}
	var m memory
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch k {
		case "VmHWM":
			m.hwm = strings.TrimSpace(v)
		case "VmRSS":
			m.rss = strings.TrimSpace(v)
		}
	}
	return m
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// onlyAnswers reports whether every error of the response b has one of the codes in answers.
func onlyAnswers(b []byte, answers []string) bool {
	if len(answers) == 0 {
		return false
	}
	var env struct {
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &env) != nil {
		return false
	}
	for _, e := range env.Errors {
		if !slices.Contains(answers, e.Extensions.Code) {
			return false
		}
	}
	return true
}
