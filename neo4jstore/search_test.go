package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// The full-text index takes a change after its commit; a search begun after the commit still finds what
// it wrote. Each round writes a batch of stakeholders and searches for the last of them straight away,
// when the index is most likely still behind.
func TestSearchSeesCommittedChanges(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	actor := dataset.Actor{Subject: "test", Role: "editor"}
	for round := range 5 {
		var last string
		_, err := s.Curate(ctx, actor, "test", "", func(ctx context.Context, tx dataset.Tx) error {
			for i := range 100 {
				last = fmt.Sprintf("Quokkafinder %d %d", round, i)
				r := dataset.StakeholderRecord{Slug: fmt.Sprintf("quokka-%d-%d", round, i), Name: last, Kind: "NGO", Sector: "CIVIL_SOCIETY"}
				if err := tx.Put(ctx, r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(ctx, last, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		var found *domain.Stakeholder
		if len(hits) > 0 {
			found, _ = hits[0].Node.(*domain.Stakeholder)
		}
		if found == nil || found.Name != last {
			t.Fatalf("round %d: searching %q straight after its commit found %+v", round, last, hits)
		}
	}
}
