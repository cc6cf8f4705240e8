package neo4jstore

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// TestDirectSourceWalkCoversTypes guards collectSources' direct walk of the commonest types: if one of
// them gains a field that can hold sources, the walk must learn it too.
func TestDirectSourceWalkCoversTypes(t *testing.T) {
	walked := map[reflect.Type][]string{
		reflect.TypeFor[domain.Stakeholder](): {"Sources"},
		reflect.TypeFor[domain.Partnership](): {"Partner", "Sources", "Stakeholder"},
		reflect.TypeFor[domain.Tie]():         {"Other", "Sources", "Stakeholder"},
	}
	for typ, want := range walked {
		var got []string
		for i := range typ.NumField() {
			if holdsSources(typ.Field(i).Type, map[reflect.Type]bool{}) {
				got = append(got, typ.Field(i).Name)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: fields that can hold sources are %v; collectSources walks %v", typ, got, want)
		}
	}
}

func holdsSources(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == sourceType {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return holdsSources(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if holdsSources(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}
