package domain_test

import (
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

func TestEvidenceOf(t *testing.T) {
	w := func(key, story string, kind domain.SourceKind) domain.SourceWeight {
		return domain.SourceWeight{Key: key, Story: story, Kind: kind}
	}
	tests := []struct {
		name      string
		sources   []domain.SourceWeight
		wantCount int
		wantKind  domain.SourceKind // "" for none
	}{
		{"no source", nil, 0, ""},
		{"one unclassified", []domain.SourceWeight{w("a", "", "")}, 1, ""},
		{"two kinds, the weightier wins", []domain.SourceWeight{w("a", "", domain.SourceCopy), w("b", "", domain.SourceNews)}, 2, domain.SourceNews},
		{"copies of one story count once", []domain.SourceWeight{w("a", "s", domain.SourceNews), w("b", "s", domain.SourceCopy), w("c", "s", domain.SourceCopy)}, 1, domain.SourceNews},
		{"a copy naming its original by key", []domain.SourceWeight{w("orig", "", domain.SourceSelf), w("copy", "orig", domain.SourceCopy)}, 1, domain.SourceSelf},
		{"the same document cited twice", []domain.SourceWeight{w("a", "", domain.SourceOfficial), w("a", "", domain.SourceOfficial)}, 1, domain.SourceOfficial},
		{"a machine summary alone", []domain.SourceWeight{w("m", "", domain.SourceMachine)}, 1, domain.SourceMachine},
		{"an unknown kind is ignored", []domain.SourceWeight{w("a", "", "BLOG"), w("b", "", domain.SourceLeak)}, 2, domain.SourceLeak},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := domain.EvidenceOf(tc.sources)
			got := domain.SourceKind("")
			if e.StrongestSource != nil {
				got = *e.StrongestSource
			}
			if e.IndependentSources != tc.wantCount || got != tc.wantKind {
				t.Errorf("EvidenceOf = %d sources, strongest %q; want %d, %q", e.IndependentSources, got, tc.wantCount, tc.wantKind)
			}
		})
	}
}
