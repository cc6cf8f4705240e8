package main

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The write path: the same two changes made through the service's mutations, the library's generated
// ones and the floor's hand-written statements, on the same Neo4j. Each system writes records of its own
// (slugs bw-<f|s|l>-<n>), so none finds another's; the same-answer check compares what each answers about
// the tie it wrote, and sameRecords that each stored the same properties. The floor is the least any
// server can do to make the change (one statement, one transaction, nothing checked or recorded): how
// close to it a system comes is what its own work costs.
//
// - create: a new stakeholder with one sourced partnership to an existing one. The service takes one
//   createStakeholder with the tie in its ties (checked, one transaction, recorded in the audit trail as
//   one change); the library one nested createStakeholders with a connect. The library computes
//   nothing, so its client sends every property the service derives and stores: the stakeholder's
//   nameKey, searchText (which nameContains reads, through a text index), aliasText and empty lists, and
//   the tie's key, evidencedFrom and strongestSource. Every system then writes the same records, which
//   every system's reads find.
// - update: a new description for an existing partnership.

// serviceToken is the editor's API key the service's mutations carry (-service-token).
var serviceToken string

// writeData is what the writes draw on: a source to cite and partnerships to update, read from Neo4j.
type writeData struct {
	source     string
	sourceKind string      // what a tie citing only the source holds as its strongest source
	sourceDate string      // and as the date it is evidenced from
	pairs      [][2]string // start and end slug of PARTNERS_WITH relationships, as stored
}

var (
	writes     writeData
	writeCount atomic.Int64
)

func loadWriteData(ctx context.Context, uri string) error {
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (d:Source) WHERE d.kind IS NOT NULL AND d.date IS NOT NULL
RETURN d.key AS key, d.kind AS kind, d.date AS date ORDER BY key LIMIT 1`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		return err
	}
	if len(res.Records) == 0 {
		return fmt.Errorf("no dated source to cite")
	}
	writes.source, _ = res.Records[0].Values[0].(string)
	writes.sourceKind, _ = res.Records[0].Values[1].(string)
	writes.sourceDate, _ = res.Records[0].Values[2].(string)
	res, err = neo4j.ExecuteQuery(ctx, driver, `MATCH (a:Stakeholder)-[r:PARTNERS_WITH]->(b:Stakeholder)
WHERE NOT a.slug STARTS WITH 'bw-' AND NOT b.slug STARTS WITH 'bw-'
RETURN a.slug AS a, b.slug AS b ORDER BY r.key LIMIT 2000`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		return err
	}
	for _, r := range res.Records {
		a, _ := r.Values[0].(string)
		b, _ := r.Values[1].(string)
		writes.pairs = append(writes.pairs, [2]string{a, b})
	}
	if len(writes.pairs) == 0 {
		return fmt.Errorf("no partnership to update")
	}
	return nil
}

// newSlug is a slug no system has written: args.text carries the run's number, so each system's slug
// (bw-<system>-<n>) is new.
func drawCreate(r *rand.Rand, d *dataset) args {
	return args{text: fmt.Sprintf("%d-%d", time.Now().UnixNano()%1e9, writeCount.Add(1)), other: d.slugs[r.IntN(len(d.slugs))]}
}

func drawUpdate(r *rand.Rand, d *dataset) args {
	p := writes.pairs[r.IntN(len(writes.pairs))]
	return args{slug: p[0], other: p[1], text: fmt.Sprintf("benchmark description %d", writeCount.Add(1))}
}

const quote = "The benchmark records this partnership."

var writeKinds = []queryKind{
	{
		name: "create", about: "a new stakeholder with one sourced partnership to an existing one", systems: writeSystems,
		draw: drawCreate,
		ask: [3]func(a args) request{
			floorSys: func(a args) request {
				slug := "bw-f-" + a.text
				name := "Benchmark " + slug
				from, to := slug, a.other
				if to < from {
					from, to = to, from
				}
				return floorQ("create", map[string]any{"slug": slug, "name": name, "nameKey": strings.ToLower(name), "to": a.other,
					"newFirst": from == slug, "key": from + ":PARTNERS_WITH:" + to, "src": writes.source, "quote": quote,
					"srcKind": writes.sourceKind, "srcDate": writes.sourceDate})
			},
			serviceSys: func(a args) request {
				slug := "bw-s-" + a.text
				return withToken(gql(`mutation Create($slug: String!, $name: String!, $to: String!, $src: String!, $quote: String!) {
  createStakeholder(input: {slug: $slug, name: $name, kind: NGO, sector: CIVIL_SOCIETY, citations: [{source: $src, quote: $quote}],
    ties: [{type: PARTNERS_WITH, from: $slug, to: $to, citations: [{source: $src, quote: $quote}]}]}) {
    stakeholder { slug ties { other { slug } sources { key } } } }
}`, map[string]any{"slug": slug, "name": "Benchmark " + slug, "to": a.other, "src": writes.source, "quote": quote}))
			},
			librarySys: func(a args) request {
				slug := "bw-l-" + a.text
				from, to := slug, a.other
				if to < from {
					from, to = to, from
				}
				name := "Benchmark " + slug
				return (gql(`mutation Create($slug: String!, $name: String!, $nameKey: String!, $to: String!, $key: String!, $src: String!, $quote: String!,
  $srcKind: String!, $srcDate: String!) {
  createStakeholders(input: [{slug: $slug, name: $name, nameKey: $nameKey, searchText: $nameKey, aliasText: "", aliases: [],
    kind: "NGO", sector: "CIVIL_SOCIETY", focusAreas: [], mandates: [], collective: false, citeSources: [$src], citeQuotes: [$quote],
    partners: {connect: [{where: {node: {slug: {eq: $to}}}, edge: {key: $key, focusAreas: [], citeSources: [$src], citeQuotes: [$quote],
      independentSources: 1, strongestSource: $srcKind, evidencedFrom: $srcDate}}]}}]) {
    stakeholders { slug partnersConnection { edges { properties { citeSources } node { slug } } } }
  }
}`, map[string]any{"slug": slug, "name": name, "nameKey": strings.ToLower(name), "to": a.other,
					"key": from + ":PARTNERS_WITH:" + to, "src": writes.source, "quote": quote,
					"srcKind": writes.sourceKind, "srcDate": writes.sourceDate}))
			},
		},
		canon: [3]func(map[string]any) (string, error){
			floorSys: createdTie, serviceSys: createdTie,
			librarySys: func(data map[string]any) (string, error) {
				e := dig(data, "createStakeholders", "stakeholders", 0, "partnersConnection", "edges", 0)
				return fmt.Sprintf("partner %s, sources %v", str(dig(e, "node", "slug")), dig(e, "properties", "citeSources", 0)), nil
			},
		},
	},
	{
		name: "update", about: "a new description for an existing partnership", systems: writeSystems,
		draw: drawUpdate,
		ask: [3]func(a args) request{
			floorSys: func(a args) request {
				return floorQ("update", map[string]any{"key": a.slug + ":PARTNERS_WITH:" + a.other, "d": a.text})
			},
			serviceSys: func(a args) request {
				return withToken(gql(`mutation Update($from: String!, $to: String!, $d: String!) {
  updateTie(input: {type: PARTNERS_WITH, from: $from, to: $to, description: $d}) { tie { key description } }
}`, map[string]any{"from": a.slug, "to": a.other, "d": a.text}))
			},
			librarySys: func(a args) request {
				return (gql(`mutation Update($from: String!, $to: String!, $d: String!) {
  updateStakeholders(where: {slug: {eq: $from}}, update: {partners: [{update: {where: {node: {slug: {eq: $to}}}, edge: {description: {set: $d}}}}]}) {
    stakeholders { partnersConnection(where: {node: {slug: {eq: $to}}}) { edges { properties { key description } } } }
  }
}`, map[string]any{"from": a.slug, "to": a.other, "d": a.text}))
			},
		},
		canon: [3]func(map[string]any) (string, error){
			floorSys: updatedTie, serviceSys: updatedTie,
			librarySys: func(data map[string]any) (string, error) {
				p := dig(data, "updateStakeholders", "stakeholders", 0, "partnersConnection", "edges", 0, "properties")
				return fmt.Sprintf("%v %v", dig(p, "key"), dig(p, "description")), nil
			},
		},
	},
}

// writeSystems are the systems the writes are measured on: the floor (bench/floor: one hand-written
// statement per write, nothing checked or recorded), the service and the library.
var writeSystems = []system{floorSys, serviceSys, librarySys}

// createdTie and updatedTie reduce the service's answers, and the floor's, which answers in the same shape.
func createdTie(data map[string]any) (string, error) {
	tie := dig(data, "createStakeholder", "stakeholder", "ties", 0)
	return fmt.Sprintf("partner %s, sources %v", str(dig(tie, "other", "slug")), dig(tie, "sources", 0, "key")), nil
}

func updatedTie(data map[string]any) (string, error) {
	return fmt.Sprintf("%v %v", dig(data, "updateTie", "tie", "key"), dig(data, "updateTie", "tie", "description")), nil
}

// dig walks decoded JSON by field names and list indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// runWrites measures the writes on the service and the library, after checking that both answer the same
// about what they wrote, and then the service's read mix alone and under a stream of creates.
func runWrites(ctx context.Context, client *http.Client, c config, d *dataset, rep *report) error {
	if err := loadWriteData(ctx, c.neo4jURI); err != nil {
		return err
	}
	rep.checks = append(rep.checks, checkKinds(ctx, client, c, d, writeKinds)...)
	if err := sameRecords(ctx, c.neo4jURI); err != nil {
		return err
	}
	for _, qk := range writeKinds {
		for _, n := range c.levels {
			for _, sys := range writeSystems {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				cl := measure(ctx, client, c, d, qk, sys, n, c.warmup, c.duration)
				log.Printf("%-12s c=%-3d %-8s %8.1f req/s  p50 %8s  p99 %8s  errors %d %s", qk.name, n, sys, cl.rps,
					ms(cl.p50), ms(cl.p99), cl.errors, cl.firstErr)
				rep.writeCells = append(rep.writeCells, cl)
			}
		}
	}
	// Reads alone, then the same reads while one client creates stakeholders and ties without pause through
	// each system in turn: the floor's writes cost the least any writer's can, so what the reads keep under
	// them is what the machine allows.
	const readers = 4
	alone := measure(ctx, client, c, d, mixKind, uncachedSys, readers, c.mixWarmup, c.mixDuration)
	rep.readsAlone = alone
	for _, writer := range writeSystems {
		under, rate := readsUnderCreates(ctx, client, c, d, writer, readers)
		rep.readsUnderWrites = append(rep.readsUnderWrites, readsUnder{writer: writer, reads: under, writes: rate})
		log.Printf("reads alone %.1f req/s, under the %s's creates %.1f req/s (%.2fx), creates %.1f/s", alone.rps, writer,
			under.rps, under.rps/alone.rps, rate)
	}
	return nil
}

// readsUnder is the service's read mix measured while a writer created without pause, at writes per second.
type readsUnder struct {
	writer system
	reads  cell
	writes float64
}

// readsUnderCreates measures the service's uncached read mix while one client creates stakeholders with a
// tie through writer, and returns the creates' rate.
func readsUnderCreates(ctx context.Context, client *http.Client, c config, d *dataset, writer system, readers int) (cell, float64) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written atomic.Int64
	wg.Go(func() {
		r := rand.New(rand.NewPCG(99, 7))
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := do(ctx, client, c.urls[writer], writeKinds[0].request(writer, writeKinds[0].draw(r, d))); err == nil {
				written.Add(1)
			}
		}
	})
	start := time.Now()
	under := measure(ctx, client, c, d, mixKind, uncachedSys, readers, c.mixWarmup, c.mixDuration)
	close(stop)
	wg.Wait()
	return under, float64(written.Load()) / time.Since(start).Seconds()
}

// sameRecords checks, after the same-answer check wrote with both systems, that the two systems' creates
// store the same properties on the stakeholder and on its tie, so neither is measured writing less (a
// property left out is an index entry the commit does not pay for).
func sameRecords(ctx context.Context, uri string) error {
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	stored := map[string]string{}
	for _, prefix := range []string{"bw-f-", "bw-s-", "bw-l-"} {
		res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (s:Stakeholder)-[r:PARTNERS_WITH]-() WHERE s.slug STARTS WITH $prefix
WITH s, r LIMIT 1
RETURN keys(s) AS node, keys(r) AS tie`, map[string]any{"prefix": prefix}, neo4j.EagerResultTransformer)
		if err != nil {
			return err
		}
		if len(res.Records) == 0 {
			return fmt.Errorf("no stakeholder %s* with a partnership was written", prefix)
		}
		var names [2][]string
		for i, v := range res.Records[0].Values {
			for _, k := range v.([]any) {
				names[i] = append(names[i], k.(string))
			}
			slices.Sort(names[i])
		}
		stored[prefix] = fmt.Sprintf("stakeholder %v, tie %v", names[0], names[1])
	}
	if stored["bw-s-"] != stored["bw-l-"] || stored["bw-s-"] != stored["bw-f-"] {
		return fmt.Errorf("the systems' creates store different properties: floor %s, service %s, library %s",
			stored["bw-f-"], stored["bw-s-"], stored["bw-l-"])
	}
	log.Printf("every system's create stores the properties %s", stored["bw-s-"])
	return nil
}

// withToken is r carrying the service's editor key.
func withToken(r request) request {
	r.token = serviceToken
	return r
}
