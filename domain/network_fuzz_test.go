package domain_test

import (
	"strings"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// FuzzParseTieKey feeds ParseTieKey any string: it must never panic, and a key it accepts must name a
// known tie type between two slugs that TieKey joins into a key that parses to the same tie (a
// partnership may come back turned round, since TieKey puts the slug that sorts first first).
func FuzzParseTieKey(f *testing.F) {
	for _, s := range []string{"ijm-malaysia:PARTNERS_WITH:mapo", "mapo:PARTNERS_WITH:ijm-malaysia",
		"kpwkm:MEMBER_OF:mapo", "a:SECRETARIAT_OF:b:c", ":PART_OF:b", "a:LIKES:b", "", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		from, typ, to, ok := domain.ParseTieKey(key)
		if !ok {
			if from != "" || typ != "" || to != "" {
				t.Errorf("ParseTieKey(%q) refused the key but gave %q, %q, %q", key, from, typ, to)
			}
			return
		}
		if !typ.IsValid() || from == "" || to == "" || strings.Contains(from+to, ":") {
			t.Fatalf("ParseTieKey(%q) = %q, %q, %q", key, from, typ, to)
		}
		from2, typ2, to2, ok := domain.ParseTieKey(domain.TieKey(from, typ, to))
		same := from2 == from && to2 == to || !typ.Directed() && from2 == to && to2 == from
		if !ok || typ2 != typ || !same {
			t.Errorf("%q parses to %s %s %s, whose key %q parses to %s %s %s (ok %v)",
				key, from, typ, to, domain.TieKey(from, typ, to), from2, typ2, to2, ok)
		}
	})
}
