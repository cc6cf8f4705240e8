package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/querygen"
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

// queryValues are the values generated queries draw their arguments from (querygen.FromDataset, read from
// the database instead of a data file): slugs, words of names and mandates, countries and dates.
func queryValues(ctx context.Context, uri string) (querygen.Values, error) {
	var v querygen.Values
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return v, err
	}
	defer driver.Close(ctx)
	read := func(query string, each func(r *neo4j.Record)) error {
		res, err := neo4j.ExecuteQuery(ctx, driver, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return err
		}
		for _, r := range res.Records {
			each(r)
		}
		return nil
	}
	get := func(r *neo4j.Record, key string) string { s, _ := r.AsMap()[key].(string); return s }
	getList := func(r *neo4j.Record, key string) []string {
		var out []string
		l, _ := r.AsMap()[key].([]any)
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	steps := []struct {
		query string
		each  func(r *neo4j.Record)
	}{
		{`MATCH (s:Stakeholder) RETURN s.slug AS slug, s.name AS name, s.acronym AS acronym, s.aliases AS aliases,
  s.mandates AS mandates, s.country AS country`, func(r *neo4j.Record) {
			v.Stakeholders = append(v.Stakeholders, get(r, "slug"))
			v.Words = append(v.Words, querygen.Words(get(r, "name"), 3)...)
			v.Words = append(v.Words, querygen.Words(get(r, "acronym"), 2)...)
			for _, a := range getList(r, "aliases") {
				v.Words = append(v.Words, querygen.Words(a, 2)...)
			}
			for _, m := range getList(r, "mandates") {
				v.Mandates = append(v.Mandates, querygen.Words(m, 4)...)
			}
			if c := get(r, "country"); c != "" {
				v.Countries = append(v.Countries, c)
			}
		}},
		{`MATCH (p:Person) RETURN p.slug AS slug, p.name AS name`, func(r *neo4j.Record) {
			v.People = append(v.People, get(r, "slug"))
			v.Words = append(v.Words, querygen.Words(get(r, "name"), 3)...)
		}},
		{`MATCH (e:Event) RETURN e.slug AS slug, e.name AS name, e.date AS date, e.country AS country`, func(r *neo4j.Record) {
			v.Events = append(v.Events, get(r, "slug"))
			v.Words = append(v.Words, querygen.Words(get(r, "name"), 3)...)
			v.Dates = append(v.Dates, get(r, "date"))
			if c := get(r, "country"); c != "" {
				v.Countries = append(v.Countries, c)
			}
		}},
		{`MATCH ()-[r:PARTNERS_WITH|MEMBER_OF|PART_OF|SECRETARIAT_OF|HOLDS_POSITION]->()
WHERE r.since IS NOT NULL OR r.until IS NOT NULL RETURN DISTINCT r.since AS since, r.until AS until`, func(r *neo4j.Record) {
			v.Dates = append(v.Dates, get(r, "since"), get(r, "until"))
		}},
		{`MATCH (d:Source) WHERE d.date IS NOT NULL RETURN DISTINCT d.date AS date`, func(r *neo4j.Record) {
			v.Dates = append(v.Dates, get(r, "date"))
		}},
	}
	for _, s := range steps {
		if err := read(s.query, s.each); err != nil {
			return v, err
		}
	}
	return v, nil
}
