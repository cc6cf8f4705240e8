// Command probe explains the service's slow spots in the benchmark: it sends variants of the benchmark's
// queries that add one field at a time, one request at a time (no concurrency), and prints each variant's
// median latency and the Neo4j transactions the service reports (run the service with GRAPHQL_DEBUG=true,
// as bench/run.sh does). Parameters are drawn from the data like bench/load's.
//
//	go run ./probe -service http://127.0.0.1:18180 -neo4j bolt://127.0.0.1:7687 -n 40
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type variant struct {
	group, label, query string
	vars                func(r *rand.Rand) map[string]any
}

func main() {
	service := flag.String("service", "http://127.0.0.1:18180", "the service's base URL")
	uri := flag.String("neo4j", os.Getenv("NEO4J_URI"), "Bolt URI, to draw slugs from")
	n := flag.Int("n", 40, "requests per variant")
	flag.Parse()
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(*uri, neo4j.NoAuth())
	if err != nil {
		log.Fatal(err)
	}
	// Not the records the write cells left (slugs bw-*): the library's were written behind the service's
	// back, which its caches are not made to notice (writes go through the service, import or seed).
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (s:Stakeholder) WHERE NOT s.slug STARTS WITH 'bw-' RETURN s.slug AS slug ORDER BY slug`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		log.Fatal(err)
	}
	_ = driver.Close(ctx)
	var slugs []string
	for _, r := range res.Records {
		s, _, _ := neo4j.GetRecordValue[string](r, "slug")
		slugs = append(slugs, s)
	}
	slug := func(r *rand.Rand) string { return slugs[r.IntN(len(slugs))] }
	id := func(r *rand.Rand) string {
		return base64.RawURLEncoding.EncodeToString([]byte("Stakeholder:" + slug(r)))
	}
	bySlug := func(r *rand.Rand) map[string]any { return map[string]any{"slug": slug(r)} }
	byID := func(r *rand.Rand) map[string]any { return map[string]any{"id": id(r)} }
	pair := func(r *rand.Rand) map[string]any { return map[string]any{"a": id(r), "b": id(r)} }
	ngo := func(*rand.Rand) map[string]any { return map[string]any{"kinds": []string{"NGO"}} }
	variants := []variant{
		{"partners", "stakeholder(slug) { slug }", `query($slug: String!) { stakeholder(slug: $slug) { slug } }`, bySlug},
		{"partners", "+ partners { partner { slug } }", `query($slug: String!) { stakeholder(slug: $slug) { slug partners { partner { slug } } } }`, bySlug},
		{"partners", "the benchmark's query", `query($slug: String!) { stakeholder(slug: $slug) { slug name kind sector country focusAreas sources { title quote } partners { partner { slug name kind sector } focusAreas since until evidencedFrom sources { title quote } } } }`, bySlug},
		{"count", "stakeholders(filter) { totalCount }", `query($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}) { totalCount } }`, ngo},
		{"count", "stakeholders(filter, first: 0) { totalCount }", `query($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}, first: 0) { totalCount } }`, ngo},
		{"page", "first: 100 { nodes { slug } }", `query($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}, first: 100) { nodes { slug } } }`, ngo},
		{"page", "+ partners { partner { slug } }", `query($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}, first: 100) { nodes { slug partners { partner { slug } } } } }`, ngo},
		{"page", "the benchmark's query", `query($kinds: [StakeholderKind!]) { stakeholders(filter: {kinds: $kinds}, first: 100) { nodes { slug name kind sector sources { title quote } partners { partner { slug name } since focusAreas sources { title quote } } } pageInfo { hasNextPage } } }`, ngo},
		{"neighborhood", "{ stakeholderCount tieCount }", `query($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount } }`, byID},
		{"neighborhood", "+ stakeholders { slug name kind }", `query($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount stakeholders { slug name kind } } }`, byID},
		{"neighborhood", "+ ties { key type }", `query($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount stakeholders { slug name kind } ties { key type } } }`, byID},
		{"neighborhood", "+ ties { from { slug } to { slug } } (the benchmark's query)", `query($id: ID!) { neighborhood(id: $id, depth: 2) { stakeholderCount tieCount stakeholders { slug name kind } ties { key type from { slug } to { slug } } } }`, byID},
		{"path", "path { length }", `query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6, limit: 1) { length } }`, pair},
		{"path", "+ paths { stakeholders { slug name kind } } (the benchmark's query)", `query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6, limit: 1) { length paths { stakeholders { slug name kind } } } }`, pair},
		{"search", "search(text, first: 10) { score node { ... on Stakeholder { slug } } }", `query($t: String!) { search(text: $t, first: 10) { score node { ... on Stakeholder { slug } } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"t": fmt.Sprintf("NGO %d", r.IntN(len(slugs)))}
			}},
	}
	client := &http.Client{Timeout: time.Minute}
	fmt.Println("| query | variant | median | p90 | Neo4j transactions (first 5) |\n| --- | --- | ---: | ---: | --- |")
	for _, v := range variants {
		r := rand.New(rand.NewPCG(7, 7))
		var took []time.Duration
		var txs []int
		for i := range *n + 3 {
			body, _ := json.Marshal(map[string]any{"query": v.query, "variables": v.vars(r)})
			t0 := time.Now()
			req, err := http.NewRequest(http.MethodPost, *service+"/graphql", bytes.NewReader(body))
			if err != nil {
				log.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Cache-Control", "no-cache") // measure the work, not the response cache
			resp, err := client.Do(req)
			if err != nil {
				log.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			d := time.Since(t0)
			var env struct {
				Errors     []any
				Extensions struct {
					Cost struct{ Neo4jTransactions int }
				}
			}
			_ = json.Unmarshal(b, &env)
			if len(env.Errors) > 0 {
				log.Fatalf("%s: %.300s", v.label, b)
			}
			if i < 3 { // warm-up
				continue
			}
			took = append(took, d)
			txs = append(txs, env.Extensions.Cost.Neo4jTransactions)
		}
		slices.Sort(took)
		fmt.Printf("| %s | `%s` | %.1f ms | %.1f ms | %v |\n", v.group, v.label, ms(took[len(took)/2]), ms(took[len(took)*9/10]), txs[:min(5, len(txs))])
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
