package main

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The write path: the same two changes made through the service's mutations and the library's generated
// ones, on the same Neo4j. Each system writes records of its own (slugs bw-<system>-<n>), so neither finds
// the other's; the same-answer check compares what each answers about the tie it wrote. The floor is not
// measured: it has no writes.
//
// - create: a new stakeholder with one sourced partnership to an existing one. The service takes one
//   createStakeholder with the tie in its ties (checked, one transaction, recorded in the audit trail as
//   one change); the library one nested createStakeholders with a connect, whose derived properties
//   (nameKey, the tie's key) the client must send, as the library computes nothing.
// - update: a new description for an existing partnership.

// serviceToken is the editor's API key the service's mutations carry (-service-token).
var serviceToken string

// writeData is what the writes draw on: a source to cite and partnerships to update, read from Neo4j.
type writeData struct {
	source string
	pairs  [][2]string // start and end slug of PARTNERS_WITH relationships, as stored
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
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (d:Source) RETURN d.key AS key ORDER BY key LIMIT 1`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		return err
	}
	if len(res.Records) == 0 {
		return fmt.Errorf("no source to cite")
	}
	writes.source, _ = res.Records[0].Values[0].(string)
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
		name: "create", about: "a new stakeholder with one sourced partnership to an existing one", systems: []system{serviceSys, librarySys},
		draw: drawCreate,
		ask: [3]func(a args) request{
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
				return (gql(`mutation Create($slug: String!, $name: String!, $nameKey: String!, $to: String!, $key: String!, $src: String!, $quote: String!) {
  createStakeholders(input: [{slug: $slug, name: $name, nameKey: $nameKey, kind: "NGO", sector: "CIVIL_SOCIETY",
    citeSources: [$src], citeQuotes: [$quote],
    partners: {connect: [{where: {node: {slug: {eq: $to}}}, edge: {key: $key, focusAreas: [], citeSources: [$src], citeQuotes: [$quote], independentSources: 1}}]}}]) {
    stakeholders { slug partnersConnection { edges { properties { citeSources } node { slug } } } }
  }
}`, map[string]any{"slug": slug, "name": "Benchmark " + slug, "nameKey": strings.ToLower("Benchmark " + slug), "to": a.other,
					"key": from + ":PARTNERS_WITH:" + to, "src": writes.source, "quote": quote}))
			},
		},
		canon: [3]func(map[string]any) (string, error){
			serviceSys: func(data map[string]any) (string, error) {
				tie := dig(data, "createStakeholder", "stakeholder", "ties", 0)
				return fmt.Sprintf("partner %s, sources %v", str(dig(tie, "other", "slug")), dig(tie, "sources", 0, "key")), nil
			},
			librarySys: func(data map[string]any) (string, error) {
				e := dig(data, "createStakeholders", "stakeholders", 0, "partnersConnection", "edges", 0)
				return fmt.Sprintf("partner %s, sources %v", str(dig(e, "node", "slug")), dig(e, "properties", "citeSources", 0)), nil
			},
		},
	},
	{
		name: "update", about: "a new description for an existing partnership", systems: []system{serviceSys, librarySys},
		draw: drawUpdate,
		ask: [3]func(a args) request{
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
			serviceSys: func(data map[string]any) (string, error) {
				return fmt.Sprintf("%v %v", dig(data, "updateTie", "tie", "key"), dig(data, "updateTie", "tie", "description")), nil
			},
			librarySys: func(data map[string]any) (string, error) {
				p := dig(data, "updateStakeholders", "stakeholders", 0, "partnersConnection", "edges", 0, "properties")
				return fmt.Sprintf("%v %v", dig(p, "key"), dig(p, "description")), nil
			},
		},
	},
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
	for _, qk := range writeKinds {
		for _, n := range c.levels {
			for _, sys := range []system{serviceSys, librarySys} {
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
	// Reads alone, then the same reads while one client creates stakeholders and ties without pause.
	const readers = 4
	alone := measure(ctx, client, c, d, mixKind, uncachedSys, readers, c.mixWarmup, c.mixDuration)
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
			if _, err := do(ctx, client, c.urls[serviceSys], writeKinds[0].request(serviceSys, writeKinds[0].draw(r, d))); err == nil {
				written.Add(1)
			}
		}
	})
	start := time.Now()
	under := measure(ctx, client, c, d, mixKind, uncachedSys, readers, c.mixWarmup, c.mixDuration)
	close(stop)
	wg.Wait()
	rep.readsAlone, rep.readsUnderWrites = alone, under
	rep.writesDuringReads = float64(written.Load()) / time.Since(start).Seconds()
	log.Printf("reads alone %.1f req/s, under writes %.1f req/s (%.2fx), writes %.1f/s", alone.rps, under.rps,
		under.rps/alone.rps, rep.writesDuringReads)
	return nil
}

// withToken is r carrying the service's editor key.
func withToken(r request) request {
	r.token = serviceToken
	return r
}
