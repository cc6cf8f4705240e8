package domain_test

import (
	"slices"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

var nodeTypes = []domain.NodeType{domain.NodeStakeholder, domain.NodePerson, domain.NodeEvent}

// FuzzParseGlobalID feeds ParseGlobalID any string a client might send as an ID: it must never panic,
// must refuse what it cannot read as invalid input, and what it accepts must be an ID GlobalID can write.
func FuzzParseGlobalID(f *testing.F) {
	for _, t := range nodeTypes {
		f.Add(domain.GlobalID(t, "ijm-malaysia"))
	}
	f.Add(domain.GlobalID(domain.NodeEvent, "a:b")) // the slug may hold the separator
	f.Add(domain.GlobalID(domain.NodeEvent, ""))
	f.Add(domain.GlobalID("Planet", "earth"))
	f.Add("")
	f.Add("!!!")
	f.Add("U3Rha2Vob2xkZXI6YQ==") // padded, which RawURLEncoding refuses
	f.Fuzz(func(t *testing.T, id string) {
		typ, slug, err := domain.ParseGlobalID(id)
		if err != nil {
			if code := domain.ErrorCode(err); code != domain.CodeInvalid || domain.ErrorMessage(err) == "" {
				t.Fatalf("ParseGlobalID(%q) err = %v (%s), want a %s error with a message", id, err, code, domain.CodeInvalid)
			}
			for _, want := range nodeTypes {
				if _, err := domain.ParseGlobalIDOf(id, want); domain.ErrorCode(err) != domain.CodeInvalid {
					t.Errorf("ParseGlobalIDOf(%q, %s) err = %v, want %s", id, want, err, domain.CodeInvalid)
				}
			}
			return
		}
		if slug == "" || !slices.Contains(nodeTypes, typ) {
			t.Fatalf("ParseGlobalID(%q) = %q, %q: want a known type and a slug", id, typ, slug)
		}
		again, againSlug, err := domain.ParseGlobalID(domain.GlobalID(typ, slug))
		if err != nil || again != typ || againSlug != slug {
			t.Errorf("%q parses to (%s, %q), which GlobalID writes as an ID that parses to (%s, %q), %v",
				id, typ, slug, again, againSlug, err)
		}
		for _, want := range nodeTypes {
			got, err := domain.ParseGlobalIDOf(id, want)
			switch {
			case want == typ && (err != nil || got != slug):
				t.Errorf("ParseGlobalIDOf(%q, %s) = %q, %v; want %q", id, want, got, err, slug)
			case want != typ && domain.ErrorCode(err) != domain.CodeInvalid:
				t.Errorf("ParseGlobalIDOf(%q, %s) of a %s: err = %v, want %s", id, want, typ, err, domain.CodeInvalid)
			}
		}
	})
}

// FuzzGlobalIDRoundTrip checks that every ID GlobalID writes parses back to its type and slug. Slugs are
// never empty, so an empty one is not expected to survive.
func FuzzGlobalIDRoundTrip(f *testing.F) {
	f.Add(uint8(0), "ijm-malaysia")
	f.Add(uint8(1), "datuk-seri")
	f.Add(uint8(2), "wdat-2024")
	f.Add(uint8(0), "a:b:c")
	f.Add(uint8(1), "\xff\x00")
	f.Fuzz(func(t *testing.T, i uint8, slug string) {
		if slug == "" {
			t.Skip("slugs are never empty")
		}
		typ := nodeTypes[int(i)%len(nodeTypes)]
		id := domain.GlobalID(typ, slug)
		gotType, gotSlug, err := domain.ParseGlobalID(id)
		if err != nil || gotType != typ || gotSlug != slug {
			t.Fatalf("ParseGlobalID(GlobalID(%s, %q)) = %s, %q, %v", typ, slug, gotType, gotSlug, err)
		}
		if got, err := domain.ParseGlobalIDOf(id, typ); err != nil || got != slug {
			t.Errorf("ParseGlobalIDOf(GlobalID(%s, %q), %s) = %q, %v", typ, slug, typ, got, err)
		}
	})
}
