package neo4jstore

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// openMigrated opens a store of its own on the test Neo4j, with the schema migrated; it is closed when
// the test ends.
func openMigrated(t *testing.T) *Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, Config{URI: os.Getenv("NEO4J_URI")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// operators lists the operators of the plan Neo4j makes for query, without running it.
func operators(t *testing.T, s *Store, query string, params map[string]any) []string {
	t.Helper()
	ctx := context.Background()
	session := s.currentDriver().NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: s.database})
	defer session.Close(ctx)
	res, err := session.Run(ctx, "EXPLAIN "+query, params)
	if err != nil {
		t.Fatal(err)
	}
	summary, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		ops = append(ops, strings.SplitN(p.Operator(), "@", 2)[0])
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(summary.Plan())
	return ops
}

// TestFiltersUseIndexes checks that the filters of the lists compile to predicates Neo4j serves from its
// indexes, and that an unfiltered count comes from the count store, not from reading every node.
func TestFiltersUseIndexes(t *testing.T) {
	s := openMigrated(t)
	name, kinds, country := "police", []domain.StakeholderKind{domain.KindAgency}, "MY"
	list := stakeholderPageQueries[domain.StakeholderOrder{Field: domain.OrderByName, Direction: domain.Ascending}]
	tests := []struct {
		name   string
		filter filter
		query  string
		want   string
	}{
		{"count of everything", stakeholderFilter(domain.StakeholderFilter{}), countStakeholders, "NodeCountFromCountStore"},
		{"count by kind", stakeholderFilter(domain.StakeholderFilter{Kinds: kinds}), countStakeholders, "NodeIndexSeek"},
		{"page by kind", stakeholderPageFilter(domain.StakeholderFilter{Kinds: kinds}), list.projecting("s"), "NodeIndexSeek"},
		{"page by name", stakeholderPageFilter(domain.StakeholderFilter{NameContains: &name}), list.projecting("s"), "NodeIndexContainsScan"},
		{"count by country", stakeholderFilter(domain.StakeholderFilter{Country: &country}), countStakeholders, "NodeIndexSeek"},
		{"count by sector", stakeholderFilter(domain.StakeholderFilter{Sectors: []domain.Sector{domain.SectorGovernment}}), countStakeholders, "NodeIndexSeek"},
		{"page by country", stakeholderPageFilter(domain.StakeholderFilter{Country: &country}), list.projecting("s"), "NodeIndexSeek"},
		{"events by kind", eventFilter(domain.EventFilter{Kinds: []domain.EventKind{domain.EventCeremony}}), countEvents, "NodeIndexSeek"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.filter.set("limit", 10)
			ops := operators(t, s, tc.filter.apply(tc.query), tc.filter.params)
			if !containsPrefix(ops, tc.want) {
				t.Errorf("plan %v does not use %s", ops, tc.want)
			}
			if containsPrefix(ops, "AllNodesScan") {
				t.Errorf("plan %v scans every node", ops)
			}
		})
	}

	t.Run("the first page reads the sort index in order", func(t *testing.T) {
		w := stakeholderPageFilter(domain.StakeholderFilter{})
		w.set("limit", 10)
		ops := operators(t, s, w.apply(list.projecting("s"), list.first), w.params)
		if !containsPrefix(ops, "NodeIndexScan") || containsPrefix(ops, "Top") || containsPrefix(ops, "Sort") {
			t.Errorf("plan %v does not read the first page from the sort index in order", ops)
		}
	})

	t.Run("a page after a cursor seeks the sort index", func(t *testing.T) {
		w := stakeholderPageFilter(domain.StakeholderFilter{})
		w.set("limit", 10)
		w.set("after0", "m")
		w.set("after1", "m")
		ops := operators(t, s, w.apply(list.projecting("s"), list.after), w.params)
		if !containsPrefix(ops, "NodeIndexSeek") && !containsPrefix(ops, "NodeUniqueIndexSeek") {
			t.Errorf("plan %v does not seek an index to the cursor", ops)
		}
	})
}

// TestOneKindPageReadsInOrder checks that a page of a single kind in name order, the dashboard's commonest
// list, is read in order from the (kind, nameKey, slug) index and stops after the page, in both directions
// and after a cursor: no sort of the whole kind.
func TestOneKindPageReadsInOrder(t *testing.T) {
	s := openMigrated(t)
	f := domain.StakeholderFilter{Kinds: []domain.StakeholderKind{domain.KindAgency}}
	for _, dir := range domain.OrderDirections {
		for _, cursor := range []bool{false, true} {
			q, w, ok := oneKindPage(f, domain.StakeholderOrder{Field: domain.OrderByName, Direction: dir})
			if !ok {
				t.Fatalf("%s: a one-kind page in name order takes the general query", dir)
			}
			w.set("limit", 10)
			query := w.apply(q.projecting("s"))
			if cursor {
				w.set("after0", "m")
				w.set("after1", "m")
				query = w.apply(q.projecting("s"), q.after)
			}
			ops := operators(t, s, query, w.params)
			if !containsPrefix(ops, "NodeIndexSeek") || containsPrefix(ops, "Top") || containsPrefix(ops, "PartialTop") || containsPrefix(ops, "Sort") {
				t.Errorf("%s (after a cursor: %v): plan %v sorts instead of reading the index in order", dir, cursor, ops)
			}
		}
	}
	for _, other := range []struct {
		f domain.StakeholderFilter
		o domain.StakeholderOrder
	}{
		{domain.StakeholderFilter{Kinds: []domain.StakeholderKind{domain.KindAgency, domain.KindNGO}}, domain.StakeholderOrder{Field: domain.OrderByName, Direction: domain.Ascending}},
		{f, domain.StakeholderOrder{Field: domain.OrderBySlug, Direction: domain.Ascending}},
	} {
		if _, _, ok := oneKindPage(other.f, other.o); ok {
			t.Errorf("%+v %+v takes the one-kind query", other.f, other.o)
		}
	}
}

func containsPrefix(ops []string, prefix string) bool {
	for _, op := range ops {
		if strings.HasPrefix(op, prefix) {
			return true
		}
	}
	return false
}
