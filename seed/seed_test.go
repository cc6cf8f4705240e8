package seed

import "testing"

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
