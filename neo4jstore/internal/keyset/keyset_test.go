package keyset_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore/internal/keyset"
)

// The lists whose cursors the store writes, with their number of sort keys, as the seeds of the fuzz tests.
var lists = []struct {
	name string
	keys []string
}{
	{"stakeholders:NAME:ASC", []string{"international justice mission", "ijm-malaysia"}},
	{"stakeholders:NAME:DESC", []string{"", "no-name-key"}},
	{"stakeholders:SLUG:ASC", []string{"ijm-malaysia"}},
	{"events", []string{"2024-07-30", "wdat-2024"}},
	{"people", []string{"datuk seri", "datuk-seri"}},
	{"partnerships", []string{"ijm-malaysia", "mapo", "ijm-malaysia:PARTNERS_WITH:mapo"}},
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		cursor   string
		list     string
		n        int
		wantKeys []string
		wantOK   bool
		wantErr  bool
	}{
		{"OK", keyset.Encode("people", "a", "b"), "people", 2, []string{"a", "b"}, true, false},
		{"empty", "", "people", 2, []string{"", ""}, false, false},
		{"ErrOtherList", keyset.Encode("events", "a", "b"), "people", 2, nil, false, true},
		{"ErrKeyCount", keyset.Encode("people", "a"), "people", 2, nil, false, true},
		{"ErrNotBase64", "not a cursor!", "people", 2, nil, false, true},
		{"ErrNotJSON", "bm90IGpzb24", "people", 2, nil, false, true},                          // "not json"
		{"ErrNull", "bnVsbA", "people", 0, nil, false, true},                                  // "null"
		{"ErrNotStrings", "WyJwZW9wbGUiLDFd", "people", 1, nil, false, true},                  // ["people",1]
		{"ErrPadded", keyset.Encode("people", "a", "b") + "=", "people", 2, nil, false, true}, // RawURLEncoding has no padding
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			keys, ok, err := keyset.Decode(tc.cursor, tc.list, tc.n)
			if tc.wantErr {
				if code := domain.ErrorCode(err); code != domain.CodeInvalid {
					t.Fatalf("err = %v (%s), want %s", err, code, domain.CodeInvalid)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.wantOK {
				t.Errorf("ok = %v, want %v", ok, tc.wantOK)
			}
			if diff := cmp.Diff(tc.wantKeys, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzDecode feeds Decode any string a client might send as `after`: it must never panic, and must either
// give the list's number of keys or refuse the cursor as invalid input, which the API shows as
// BAD_USER_INPUT rather than as an internal error.
func FuzzDecode(f *testing.F) {
	for _, l := range lists {
		c := keyset.Encode(l.name, l.keys...)
		f.Add(c, l.name, uint8(len(l.keys)))
		f.Add(c, "people", uint8(len(l.keys)))
		f.Add(c[:len(c)/2], l.name, uint8(len(l.keys)))
	}
	f.Add("", "people", uint8(2))
	f.Add("bnVsbA", "people", uint8(0)) // null
	f.Add("W10", "people", uint8(0))    // []
	f.Add("WyJwZW9wbGUiLDFd", "people", uint8(1))
	f.Fuzz(func(t *testing.T, cursor, list string, n uint8) {
		keys, ok, err := keyset.Decode(cursor, list, int(n))
		switch {
		case err != nil:
			if code := domain.ErrorCode(err); code != domain.CodeInvalid {
				t.Fatalf("Decode(%q) err = %v (%s), want %s", cursor, err, code, domain.CodeInvalid)
			}
			if keys != nil || ok {
				t.Errorf("Decode(%q) gave keys %q (ok %v) with its error", cursor, keys, ok)
			}
		case len(keys) != int(n):
			t.Errorf("Decode(%q) gave %d keys, want %d", cursor, len(keys), n)
		case ok != (cursor != ""):
			t.Errorf("Decode(%q) ok = %v", cursor, ok)
		case ok:
			// What decodes must be a cursor of this list: encoded again and decoded, it gives the same keys.
			again, _, err := keyset.Decode(keyset.Encode(list, keys...), list, int(n))
			if err != nil || !cmp.Equal(keys, again) {
				t.Errorf("keys %q of %q encode to a cursor that decodes to %q, %v", keys, cursor, again, err)
			}
		}
	})
}

// FuzzRoundTrip checks that a cursor the store writes decodes to the keys it was written with, in the
// list it belongs to only.
//
// Keys are Neo4j strings, which Bolt carries as UTF-8, and list names are constants in the store, so
// only valid UTF-8 is expected to survive: encoding/json writes an invalid byte as U+FFFD.
func FuzzRoundTrip(f *testing.F) {
	for _, l := range lists {
		f.Add(l.name, strings.Join(l.keys, "\x00"))
	}
	f.Add("people", "")
	f.Add("people", "\x00")
	f.Add("events", "\"quoted\"\x00back\\slash\x00line\nbreak\x00\u2028")
	f.Fuzz(func(t *testing.T, list, joined string) {
		if !utf8.ValidString(list) || !utf8.ValidString(joined) {
			t.Skip("Neo4j strings are valid UTF-8")
		}
		keys := strings.Split(joined, "\x00")
		c := keyset.Encode(list, keys...)
		got, ok, err := keyset.Decode(c, list, len(keys))
		if err != nil || !ok {
			t.Fatalf("Decode(Encode(%q, %q)) = %v, %v", list, keys, ok, err)
		}
		if diff := cmp.Diff(keys, got); diff != "" {
			t.Errorf("keys (-encoded +decoded):\n%s", diff)
		}
		if _, _, err := keyset.Decode(c, list+"x", len(keys)); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("a cursor of %q was taken by the list %q: %v", list, list+"x", err)
		}
		if _, _, err := keyset.Decode(c, list, len(keys)+1); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("a cursor with %d keys was taken for %d: %v", len(keys), len(keys)+1, err)
		}
	})
}
