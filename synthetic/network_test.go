package synthetic

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func TestNetwork(t *testing.T) {
	o := Options{Stakeholders: 2000, Ties: 8000, Seed: 42}
	d, err := Network(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatalf("the generated network does not validate: %v", err)
	}
	if len(d.Stakeholders) != o.Stakeholders || len(d.Ties) != o.Ties {
		t.Fatalf("%d stakeholders, %d ties", len(d.Stakeholders), len(d.Ties))
	}

	t.Run("reproducible", func(t *testing.T) {
		again, _ := Network(o)
		if diff := cmp.Diff(d, again); diff != "" {
			t.Errorf("same seed, different network:\n%.2000s", diff)
		}
		other, _ := Network(Options{Stakeholders: 2000, Ties: 8000, Seed: 43})
		if cmp.Equal(d.Ties, other.Ties) {
			t.Error("different seeds gave the same ties")
		}
	})

	t.Run("heavy-tailed degrees", func(t *testing.T) {
		degree := map[string]int{}
		for _, tie := range d.Ties {
			degree[tie.From]++
			degree[tie.To]++
		}
		maxDeg := 0
		for _, n := range degree {
			maxDeg = max(maxDeg, n)
		}
		mean := float64(2*o.Ties) / float64(o.Stakeholders)
		if float64(maxDeg) < 4*mean {
			t.Errorf("max degree %d is not far above the mean %.1f: degrees are not heavy-tailed", maxDeg, mean)
		}
	})

	t.Run("sector mix", func(t *testing.T) {
		bySector := map[string]int{}
		for _, s := range d.Stakeholders {
			bySector[s.Sector]++
		}
		for _, sector := range []domain.Sector{domain.SectorGovernment, domain.SectorLawEnforcement, domain.SectorCivilSociety, domain.SectorInternational} {
			if bySector[string(sector)] < o.Stakeholders/20 {
				t.Errorf("only %d %s stakeholders", bySector[string(sector)], sector)
			}
		}
	})

	t.Run("too many ties", func(t *testing.T) {
		if _, err := Network(Options{Stakeholders: 4, Ties: 7}); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("err = %v", err)
		}
	})
}
