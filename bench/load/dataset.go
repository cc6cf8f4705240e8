package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// dataset is what parameters are drawn from: every stakeholder's slug and name, and the kinds present.
type dataset struct {
	slugs, names []string
	kinds        []string
	ties         int64
}

func loadDataset(ctx context.Context, uri string) (*dataset, error) {
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return nil, err
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (s:Stakeholder) RETURN s.slug AS slug, s.name AS name, s.kind AS kind ORDER BY slug`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	d := &dataset{}
	seen := map[string]bool{}
	for _, r := range res.Records {
		slug, _, _ := neo4j.GetRecordValue[string](r, "slug")
		name, _, _ := neo4j.GetRecordValue[string](r, "name")
		kind, _, _ := neo4j.GetRecordValue[string](r, "kind")
		d.slugs, d.names = append(d.slugs, slug), append(d.names, name)
		if !seen[kind] {
			seen[kind] = true
		}
	}
	for _, k := range kinds { // a fixed order, so draws do not depend on the order rows came in
		if seen[k] {
			d.kinds = append(d.kinds, k)
		}
	}
	if len(d.slugs) < 2 {
		return nil, fmt.Errorf("the database holds %d stakeholders: load a data set first", len(d.slugs))
	}
	res, err = neo4j.ExecuteQuery(ctx, driver, `MATCH ()-[r:PARTNERS_WITH|MEMBER_OF|PART_OF|SECRETARIAT_OF]->() RETURN count(r) AS n`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err == nil && len(res.Records) == 1 {
		d.ties, _, _ = neo4j.GetRecordValue[int64](res.Records[0], "n")
	}
	return d, nil
}

func (d *dataset) slug(r *rand.Rand) string { return d.slugs[r.IntN(len(d.slugs))] }
func (d *dataset) kind(r *rand.Rand) string { return d.kinds[r.IntN(len(d.kinds))] }

// searchText is what a user would type to find a stakeholder: its name, without the "Synthetic" every
// generated name starts with (a word that matches every stakeholder and so tells nothing).
func (d *dataset) searchText(r *rand.Rand) string {
	name := d.names[r.IntN(len(d.names))]
	return strings.TrimSpace(strings.TrimPrefix(name, "Synthetic "))
}
