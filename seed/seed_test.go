package seed

import "testing"

func TestMalaysiaIsValid(t *testing.T) {
	d, err := Malaysia()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Stakeholders {
		if len(s.Citations) == 0 {
			t.Errorf("stakeholder %s has no source", s.Slug)
		}
	}
}
