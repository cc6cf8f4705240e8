package neo4jstore_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

func TestOpen(t *testing.T) {
	neo4jtest.Store(t)
	uri := os.Getenv("NEO4J_URI")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	t.Run("cluster routing scheme", func(t *testing.T) {
		if !strings.HasPrefix(uri, "bolt://") {
			t.Skipf("NEO4J_URI %q is not a bolt:// address to rewrite", uri)
		}
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "neo4j://" + strings.TrimPrefix(uri, "bolt://")})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close(ctx)
		n, err := s.CountStakeholders(ctx, domain.StakeholderFilter{})
		if err != nil || n == 0 {
			t.Errorf("through neo4j://: %d stakeholders, err %v", n, err)
		}
	})

	t.Run("migrations are idempotent", func(t *testing.T) {
		s := neo4jtest.Current(t)
		for i := 0; i < 2; i++ {
			if err := s.Migrate(ctx); err != nil {
				t.Fatalf("migration %d: %v", i+1, err)
			}
		}
	})

	t.Run("an index made before it applied changes after commit is made again", func(t *testing.T) {
		s := neo4jtest.Current(t)
		driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
		if err != nil {
			t.Fatal(err)
		}
		defer driver.Close(ctx)
		eventual := func() any {
			res, err := neo4j.ExecuteQuery(ctx, driver, `SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'name_search'
RETURN options.indexConfig['fulltext.eventually_consistent'] AS eventual`, nil, neo4j.EagerResultTransformer)
			if err != nil || len(res.Records) != 1 {
				t.Fatalf("reading name_search: %v, %d rows", err, len(res.Records))
			}
			return res.Records[0].Values[0]
		}
		if got := eventual(); got != true {
			t.Fatalf("name_search eventually_consistent = %v after migration, want true", got)
		}
		for _, q := range []string{`DROP INDEX name_search`,
			`CREATE FULLTEXT INDEX name_search FOR (n:Stakeholder|Person|Event) ON EACH [n.name, n.acronym, n.aliasText]`} {
			if _, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer); err != nil {
				t.Fatal(err)
			}
		}
		if got := eventual(); got != false {
			t.Fatalf("the old index: eventually_consistent = %v, want false", got)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got := eventual(); got != true {
			t.Errorf("after migrating the old index: eventually_consistent = %v, want true", got)
		}
		hits, err := s.Search(ctx, "suhakam", 5, nil)
		if err != nil || len(hits) == 0 {
			t.Errorf("search after the index was made again: %d hits, err %v", len(hits), err)
		}
	})

	t.Run("bad URI", func(t *testing.T) {
		_, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "http://localhost:7474"})
		if domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("err = %v, want BAD_USER_INPUT", err)
		}
	})

	t.Run("unreachable server", func(t *testing.T) {
		short, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if _, err := neo4jstore.Open(short, neo4jstore.Config{URI: "bolt://127.0.0.1:1"}); err == nil {
			t.Error("opened a store on a closed port")
		}
	})
}
