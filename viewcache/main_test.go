package viewcache_test

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }
