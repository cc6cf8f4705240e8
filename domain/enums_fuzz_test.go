package domain_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// FuzzParseEnum feeds every enum's parsers (ParseEnum, ParseEnumList and the GraphQL UnmarshalGQL) any
// string: they must never panic, must refuse what they do not accept as invalid input with a message, and
// what they accept must write itself as a string that parses to the same values.
func FuzzParseEnum(f *testing.F) {
	for _, s := range []string{"MINISTRY", "ngo, civil_society", "GOVERNMENT,,PRIVATE", " PARTNERS_WITH ",
		"PREVENTION,TRAINING", "HOST", "OUTGOING", "ASC", "NAME", "", ",", "partnerſ_with", "EMBASSY"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEnum[domain.StakeholderKind](t, s, "StakeholderKind")
		checkEnum[domain.Sector](t, s, "Sector")
		checkEnum[domain.FocusArea](t, s, "FocusArea")
		checkEnum[domain.TieType](t, s, "TieType")
		checkEnum[domain.TieDirection](t, s, "TieDirection")
		checkEnum[domain.EventKind](t, s, "EventKind")
		checkEnum[domain.ParticipationRole](t, s, "ParticipationRole")
		checkEnum[domain.OrderDirection](t, s, "OrderDirection")
		checkEnum[domain.StakeholderOrderField](t, s, "StakeholderOrderField")
	})
}

// gqlEnum is what the domain's enum types have in common: a string with a set of valid values that
// GraphQL reads through a pointer and writes as a quoted name.
type gqlEnum interface {
	~string
	IsValid() bool
	MarshalGQL(w io.Writer)
}

func checkEnum[T gqlEnum, P interface {
	*T
	UnmarshalGQL(v any) error
}](t *testing.T, s, name string) {
	t.Helper()
	v, err := domain.ParseEnum[T](s, name)
	var gql T
	gqlErr := P(&gql).UnmarshalGQL(s)
	if T(s).IsValid() {
		if err != nil || v != T(s) || gqlErr != nil || gql != T(s) {
			t.Errorf("%s %q: ParseEnum = %q, %v; UnmarshalGQL = %q, %v", name, s, v, err, gql, gqlErr)
		}
		var b bytes.Buffer
		v.MarshalGQL(&b)
		if got := unquote(t, b.String()); got != s {
			t.Errorf("%s %q writes itself as %s", name, s, b.String())
		}
	} else {
		checkInvalid(t, "ParseEnum["+name+"]("+s+")", err)
		checkInvalid(t, name+".UnmarshalGQL("+s+")", gqlErr)
	}

	list, err := domain.ParseEnumList[T](s, name)
	if err != nil {
		checkInvalid(t, "ParseEnumList["+name+"]("+s+")", err)
		return
	}
	names := make([]string, len(list))
	for i, v := range list {
		if !v.IsValid() {
			t.Errorf("ParseEnumList[%s](%q) gave %q, which is not valid", name, s, v)
		}
		names[i] = string(v)
	}
	again, err := domain.ParseEnumList[T](strings.Join(names, ","), name)
	if err != nil || !cmp.Equal(list, again) {
		t.Errorf("ParseEnumList[%s](%q) = %q, which re-parses as %q, %v", name, s, list, again, err)
	}
}

// FuzzParseNetworkFilter feeds ParseNetworkFilter any text values: it must never panic, must refuse what
// it does not accept as invalid input with a message, and an accepted filter must write itself as text
// values that parse to the same filter.
func FuzzParseNetworkFilter(f *testing.F) {
	f.Add("", "", "", "", "", "")
	f.Add("ngo,ministry", "civil society", "PREVENTION, protection", "PARTNERS_WITH", "my", "2024-07-30")
	f.Add("EMBASSY", "", "", "", "", "")
	f.Add("", "", "", "", " MY ", "2024")
	f.Add("", "", "", "LIKES", "", "2024-02-30")
	f.Add(",,", " , ", "", "member_of,PART_OF", "\t", " 2023-02-28 ")
	f.Fuzz(func(t *testing.T, kinds, sectors, focusAreas, tieTypes, country, asOf string) {
		values := map[string]string{"kinds": kinds, "sectors": sectors, "focusAreas": focusAreas,
			"tieTypes": tieTypes, "country": country, "asOf": asOf}
		nf, err := domain.ParseNetworkFilter(func(name string) string { return values[name] })
		if err != nil {
			checkInvalid(t, "ParseNetworkFilter", err)
			return
		}
		if nf.AsOf != nil && !nf.AsOf.IsDay() {
			t.Errorf("asOf %q is not a full date", *nf.AsOf)
		}
		written := filterValues(nf)
		again, err := domain.ParseNetworkFilter(func(name string) string { return written[name] })
		if err != nil {
			t.Fatalf("the filter %+v of %q writes itself as %q, which does not parse: %v", nf, values, written, err)
		}
		if diff := cmp.Diff(nf, again); diff != "" {
			t.Errorf("the filter of %q, written as %q, re-parses differently (-first +again):\n%s", values, written, diff)
		}
	})
}

// filterValues writes a network filter as the text values ParseNetworkFilter reads.
func filterValues(f domain.NetworkFilter) map[string]string {
	join := func(list []string) string { return strings.Join(list, ",") }
	v := map[string]string{"kinds": join(names(f.Kinds)), "sectors": join(names(f.Sectors)),
		"focusAreas": join(names(f.FocusAreas)), "tieTypes": join(names(f.TieTypes))}
	if f.Country != nil {
		v["country"] = *f.Country
	}
	if f.AsOf != nil {
		v["asOf"] = f.AsOf.String()
	}
	return v
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}
