package domain

import (
	"slices"
	"strconv"
	"strings"
)

// Evidence is how well a tie is documented: how many independent sources show it (documents carrying the
// same story count once) and the weightiest kind among them, nil when none is classified.
type Evidence struct {
	IndependentSources int
	StrongestSource    *SourceKind
}

// EvidenceOf weighs sources: each a document's key, its story ("" when it is its own) and its kind (""
// when not classified).
func EvidenceOf(sources []SourceWeight) Evidence {
	var e Evidence
	stories := map[string]bool{}
	for _, s := range sources {
		story := s.Story
		if story == "" {
			story = s.Key
		}
		if !stories[story] {
			stories[story] = true
			e.IndependentSources++
		}
		if s.Kind != "" && s.Kind.IsValid() && (e.StrongestSource == nil || s.Kind.Rank() < e.StrongestSource.Rank()) {
			k := s.Kind
			e.StrongestSource = &k
		}
	}
	return e
}

// SourceWeight is what EvidenceOf needs of a source.
type SourceWeight struct {
	Key, Story string
	Kind       SourceKind
}

// EvidenceFilter is the least evidence a tie needs to count in a list or a network view.
//
// MinSources asks for that many independent sources at least. MinKind asks for a source of that kind or
// a weightier one (SourceKinds' order); a tie whose sources are all unclassified then fails, except for
// MinKind MACHINE, the lightest kind, which admits every tie. Without MinKind, and with no filter at all,
// every tie counts but one whose classified sources are all machine-written summaries: such a summary
// alone never makes a tie unless a reader asks for it. (An unclassified source beside a machine summary
// does not lift the tie: nothing says it is more than another summary.)
type EvidenceFilter struct {
	MinSources *int
	MinKind    *SourceKind
}

// MaxMinSources bounds EvidenceFilter.MinSources: no tie is shown by more independent sources than this
// in any data set the service is made for, and a bound keeps the value's meaning plain.
const MaxMinSources = 1000

// Check reports a minimum that cannot be met or is not a kind.
func (f *EvidenceFilter) Check() error {
	if f == nil {
		return nil
	}
	if f.MinSources != nil && (*f.MinSources < 1 || *f.MinSources > MaxMinSources) {
		return Errorf(CodeInvalid, "minSources must be between 1 and %d, not %d", MaxMinSources, *f.MinSources)
	}
	if f.MinKind != nil && !f.MinKind.IsValid() {
		return Errorf(CodeInvalid, "minKind %q is not a SourceKind", string(*f.MinKind))
	}
	return nil
}

// Sources is the least number of independent sources f asks for: 1 when it names none.
func (f *EvidenceFilter) Sources() int {
	if f == nil || f.MinSources == nil {
		return 1
	}
	return *f.MinSources
}

// Refused lists the values of a tie's strongest source that f refuses, "" standing for a tie with no
// classified source. Stores match a tie's strongest kind against it.
func (f *EvidenceFilter) Refused() []string {
	if f == nil || f.MinKind == nil || !f.MinKind.IsValid() { // Check refuses an unknown kind
		return []string{string(SourceMachine)}
	}
	if *f.MinKind == SourceMachine {
		return []string{}
	}
	out := []string{""}
	for _, k := range SourceKinds[f.MinKind.Rank()+1:] {
		out = append(out, string(k))
	}
	return out
}

// Admits reports whether a tie with evidence e meets f.
func (f *EvidenceFilter) Admits(e Evidence) bool {
	strongest := ""
	if e.StrongestSource != nil {
		strongest = string(*e.StrongestSource)
	}
	return e.IndependentSources >= f.Sources() && !slices.Contains(f.Refused(), strongest)
}

// IsDefault reports whether f admits exactly what no filter admits.
func (f *EvidenceFilter) IsDefault() bool { return f.Key() == (*EvidenceFilter)(nil).Key() }

// Key renders f by value for cache keys: filters that admit the same ties render alike.
func (f *EvidenceFilter) Key() string {
	return "n" + strconv.Itoa(f.Sources()) + " r" + strings.Join(f.Refused(), ",")
}
