// Package keyset encodes and decodes the cursors of the store's keyset-paginated lists.
//
// A cursor is the sort key of the last item a page showed, so the next page starts right after it with an
// index seek instead of skipping rows. It is opaque to clients: base64 of a JSON list whose first element
// names the list and order it belongs to, so a cursor from one list is refused by another.
//
// The codec lives apart from neo4jstore, which uses it, only so that it can be tested without a database:
// every test binary of neo4jstore runs a TestMain that starts Neo4j, fuzz workers included, and a cursor
// is a string that arrives straight from clients, so it is the part most worth fuzzing.
package keyset

import (
	"encoding/base64"
	"encoding/json"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Encode returns the cursor of the given list for an item with the given sort keys.
func Encode(list string, keys ...string) string {
	b, _ := json.Marshal(append([]string{list}, keys...))
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode reads a cursor of the given list with n keys. An empty cursor gives n empty keys and ok false. A
// cursor that is not one Encode made for this list with n keys gives an Error with CodeInvalid.
func Decode(cursor, list string, n int) (keys []string, ok bool, err error) {
	if cursor == "" {
		return make([]string, n), false, nil
	}
	bad := domain.Errorf(domain.CodeInvalid, "the cursor %q is not valid here: use a cursor this list returned", cursor)
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, false, bad
	}
	var parts []string
	if json.Unmarshal(raw, &parts) != nil || len(parts) != n+1 || parts[0] != list {
		return nil, false, bad
	}
	return parts[1:], true, nil
}
