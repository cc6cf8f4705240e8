package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

// report collects one run's results and writes them as Markdown.
type report struct {
	cfg    config
	data   *dataset
	checks []checkResult
	cells  []cell
	mem    [4]memory
	gen    *genReport
	// writeCells are the writes' cells (writes.go); readsAlone and readsUnderWrites the service's read mix
	// without and with a stream of creates, through the service and through the floor.
	writeCells       []cell
	readsAlone       cell
	readsUnderWrites []readsUnder
}

func (r *report) find(query string, conc int, sys system) (cell, bool) {
	for _, c := range r.cells {
		if c.query == query && c.conc == conc && c.sys == sys {
			return c, true
		}
	}
	return cell{}, false
}

// rows calls row for every query (the mix last, in bold) and concurrency at which all the given systems
// were measured, with their cells in the order given.
func (r *report) rows(row func(name string, conc int, cells []cell), systems ...system) {
	for _, qk := range append(queryKinds, mixKind) {
		for _, n := range r.cfg.levels {
			cells := make([]cell, 0, len(systems))
			for _, sys := range systems {
				if cl, ok := r.find(qk.name, n, sys); ok {
					cells = append(cells, cl)
				}
			}
			if len(cells) < len(systems) {
				continue
			}
			name := qk.name
			if name == "mix" {
				name = "**mix**"
			}
			row(name, n, cells)
		}
	}
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

func (r *report) markdown() string {
	var b strings.Builder
	c := r.cfg
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("## Data set `%s`: %d stakeholders, %d ties\n\n", c.dataset, len(r.data.slugs), r.data.ties)
	p("Run %s. Load generator (bench/load): Go %s, closed-loop workers on one keep-alive HTTP client, "+
		"concurrency %v; each single-query cell %s warm-up + %s measured, each mix cell %s + %s; the systems take turns "+
		"cell by cell; worker w of every system draws the same parameter sequence (seeded by w, the query and the concurrency, so no cell repeats another's).\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.Version(), c.levels, c.warmup, c.duration, c.mixWarmup, c.mixDuration)

	p("### Same answers\n\n")
	p("Each query asked of every system with %d sampled parameter sets; answers reduced to a canonical form "+
		"(sorted slugs, counts, checksums of ordered lists, citations with a document title; the path's length) and "+
		"compared; `?` marks what one system cannot give (the library's partnership documents) and matches anything.\n\n", c.checkSamples)
	p("| query | agree | service Bolt transactions per request (read from the graph) | mean answer bytes floor / service / library |\n| --- | --- | --- | --- |\n")
	for _, ch := range r.checks {
		p("| %s | %d/%d | %v | %d / %d / %d |\n", ch.query, ch.agree, ch.samples, ch.serviceTx, ch.bytes[0], ch.bytes[1], ch.bytes[2])
	}
	for _, ch := range r.checks {
		for _, m := range ch.mismatches {
			p("\n- mismatch in %s: %s", ch.query, m)
		}
	}
	p("\n\n### Throughput and latency\n\n")
	p("| query | conc | floor req/s | p50 | p99 | service req/s | p50 | p99 | library req/s | p50 | p99 | service/floor | service/library | p99 service/library | errors f/s/l |\n")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	r.rows(func(name string, n int, cs []cell) {
		f, s, l := cs[0], cs[1], cs[2]
		p("| %s | %d | %.1f | %s | %s | %.1f | %s | %s | %.1f | %s | %s | %s | %s | %s | %d/%d/%d |\n", name, n,
			f.rps, ms(f.p50), ms(f.p99), s.rps, ms(s.p50), ms(s.p99), l.rps, ms(l.p50), ms(l.p99),
			ratio(s.rps, f.rps), ratio(s.rps, l.rps), ratio(float64(s.p99), float64(l.p99)), f.errors, s.errors, l.errors)
	}, floorSys, serviceSys, librarySys)
	p("\n\n### The service without its response cache\n\n")
	p("The same service asked with `Cache-Control: no-cache` on every request, so every answer is read from the graph: " +
		"what the service costs when dashboards do not repeat themselves. It takes its turn with the others in every cell.\n\n")
	p("| query | conc | uncached req/s | p50 | p99 | uncached/floor | uncached/library | p99 uncached/library | errors |\n")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	r.rows(func(name string, n int, cs []cell) {
		f, u, l := cs[0], cs[1], cs[2]
		p("| %s | %d | %.1f | %s | %s | %s | %s | %s | %d |\n", name, n, u.rps, ms(u.p50), ms(u.p99),
			ratio(u.rps, f.rps), ratio(u.rps, l.rps), ratio(float64(u.p99), float64(l.p99)), u.errors)
	}, floorSys, uncachedSys, librarySys)
	for _, cl := range r.cells {
		if cl.firstErr != "" {
			p("\n- first error of %s at %d on %s: `%.300s`", cl.sys, cl.conc, cl.query, cl.firstErr)
		}
	}

	p("\n\n### CPU per request (ms): the server process, and Neo4j while serving it\n\n")
	p("| query | conc | floor | Neo4j (floor) | service | Neo4j (service) | library | Neo4j (library) | uncached | Neo4j (uncached) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, qk := range append(queryKinds, mixKind) {
		for _, n := range c.levels {
			f, ok1 := r.find(qk.name, n, floorSys)
			s, ok2 := r.find(qk.name, n, serviceSys)
			l, ok3 := r.find(qk.name, n, librarySys)
			if !ok1 || !ok2 || !ok3 {
				continue
			}
			u, _ := r.find(qk.name, n, uncachedSys)
			p("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", qk.name, n, f.cpuServer, f.cpuNeo4j,
				s.cpuServer, s.cpuNeo4j, l.cpuServer, l.cpuNeo4j, u.cpuServer, u.cpuNeo4j)
		}
	}

	p("\n### Memory (resident set, from /proc/PID/status at the end of the run)\n\n| process | peak (VmHWM) | at end (VmRSS) |\n| --- | ---: | ---: |\n")
	for _, sys := range systems {
		if sys != uncachedSys {
			p("| %s | %s | %s |\n", sys, orDash(r.mem[sys].hwm), orDash(r.mem[sys].rss))
		}
	}

	p("\n### Targets on the mix\n\n| conc | service | throughput / library (target >= 3x) | p99 vs library (target <=) | throughput / floor (target >= 0.8x) |\n| ---: | --- | --- | --- | --- |\n")
	for _, n := range c.levels {
		f, ok1 := r.find("mix", n, floorSys)
		l, ok3 := r.find("mix", n, librarySys)
		for _, sys := range []system{serviceSys, uncachedSys} {
			s, ok2 := r.find("mix", n, sys)
			if !ok1 || !ok2 || !ok3 {
				continue
			}
			variant := "as deployed (response cache on)"
			if sys == uncachedSys {
				variant = "every answer read from the graph"
			}
			p("| %d | %s | %s %s | %s vs %s %s | %s %s |\n", n, variant, ratio(s.rps, l.rps), mark(s.rps >= 3*l.rps),
				ms(s.p99), ms(l.p99), mark(s.p99 <= l.p99), ratio(s.rps, f.rps), mark(s.rps >= 0.8*f.rps))
		}
	}
	p("\n")
	if r.gen != nil {
		r.gen.markdown(&b, r)
	}
	if len(r.writeCells) > 0 {
		p("\n### Writes\n\n")
		p("The service's mutations (an editor's key; each checked in full, one transaction, recorded in the audit trail) "+
			"against the library's generated ones (no checks, no audit; the client sends the derived properties) and the floor's "+
			"hand-written statements (one statement, one transaction, nothing checked or recorded), on the same Neo4j; all three "+
			"store the same properties. `create`: a new stakeholder with one sourced partnership to an existing one (the service: "+
			"one createStakeholder with the tie in its `ties`, one change; the library: one nested createStakeholders with a "+
			"connect); `update`: a new description for an existing partnership. %s warm-up + %s measured per cell.\n\n",
			c.warmup, c.duration)
		p("| write | conc | floor req/s | p50 | p99 | service req/s | p50 | p99 | library req/s | p50 | p99 | service/library | p99 service/library | service/floor | library/floor | errors f/s/l |\n")
		p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
		for i := 0; i+2 < len(r.writeCells); i += 3 {
			f, s, l := r.writeCells[i], r.writeCells[i+1], r.writeCells[i+2]
			p("| %s | %d | %.1f | %s | %s | %.1f | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %d/%d/%d |\n", s.query, s.conc,
				f.rps, ms(f.p50), ms(f.p99), s.rps, ms(s.p50), ms(s.p99), l.rps, ms(l.p50), ms(l.p99),
				ratio(s.rps, l.rps), ratio(float64(s.p99), float64(l.p99)), ratio(s.rps, f.rps), ratio(l.rps, f.rps),
				f.errors, s.errors, l.errors)
		}
		p("\nCPU per write (ms): each system's server process, and Neo4j while serving it.\n\n")
		p("| write | conc | floor | Neo4j (floor) | service | Neo4j (service) | library | Neo4j (library) |\n")
		p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for i := 0; i+2 < len(r.writeCells); i += 3 {
			f, s, l := r.writeCells[i], r.writeCells[i+1], r.writeCells[i+2]
			p("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", s.query, s.conc, f.cpuServer, f.cpuNeo4j,
				s.cpuServer, s.cpuNeo4j, l.cpuServer, l.cpuNeo4j)
		}
		a := r.readsAlone
		p("\nReads under writes: the service's uncached mix at concurrency %d, %.1f req/s alone (p99 %s), and while one "+
			"client created stakeholders with a tie without pause. The floor's and the library's creates leave the graph "+
			"version alone (they record no change), so the service's projections stay as they are under them; under the "+
			"service's own creates every change moves the version, and the neighbourhood and path views are patched "+
			"before they answer.\n\n", a.conc, a.rps, ms(a.p99))
		p("| creates through | creates/s | reads req/s | p99 | reads kept |\n| --- | ---: | ---: | ---: | ---: |\n")
		for _, u := range r.readsUnderWrites {
			p("| %s | %.1f | %.1f | %s | **%s** |\n", u.writer, u.writes, u.reads.rps, ms(u.reads.p99), ratio(u.reads.rps, a.rps))
		}
		p("\nMean latency of each query of the mix, alone and under each stream of creates:\n\n| query | alone |")
		for _, u := range r.readsUnderWrites {
			p(" under the %s's |", u.writer)
		}
		p("\n| --- | ---: |%s\n", strings.Repeat(" ---: |", len(r.readsUnderWrites)))
		for _, qk := range queryKinds {
			if qk.weight == 0 {
				continue
			}
			p("| %s | %s |", qk.name, ms(statsOf(a.byKind[qk.name]).mean))
			for _, u := range r.readsUnderWrites {
				p(" %s |", ms(statsOf(u.reads.byKind[qk.name]).mean))
			}
			p("\n")
		}
	}
	return b.String()
}

func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
