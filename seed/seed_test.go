package seed

import (
	"os"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

func TestMalaysia(t *testing.T) {
	d, err := Malaysia()
	if err != nil {
		t.Fatal(err) // includes every validation problem
	}
	cited := map[string]bool{}
	for _, s := range d.Stakeholders {
		for _, c := range s.Citations {
			cited[c.Source] = true
		}
	}
	for _, tie := range d.Ties {
		for _, c := range tie.Citations {
			cited[c.Source] = true
		}
	}
	for _, p := range d.Participations {
		for _, c := range p.Citations {
			cited[c.Source] = true
		}
	}
	for _, s := range d.Sources {
		if !cited[s.Key] {
			t.Errorf("source %q is listed but supports nothing", s.Key)
		}
	}
}

// TestShippedFilesPassCheck runs every rule of `stakeholder-graph check` over the shipped data files read
// together: the seed network and the public-source network that extends it.
func TestShippedFilesPassCheck(t *testing.T) {
	var files []exchange.DatasetFile
	for _, name := range Files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, exchange.DatasetFile{Name: name, Data: data})
	}
	rep, err := exchange.CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		t.Error(f)
	}
	if rep.Unlisted > 0 {
		t.Errorf("and %d more", rep.Unlisted)
	}
}
