package neo4jstore_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

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
