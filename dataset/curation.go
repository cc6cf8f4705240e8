package dataset

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Kind names a kind of record, in the audit trail and in the curation port.
type Kind string

// The kinds of record.
const (
	KindSource        Kind = "SOURCE"
	KindStakeholder   Kind = "STAKEHOLDER"
	KindPerson        Kind = "PERSON"
	KindEvent         Kind = "EVENT"
	KindTie           Kind = "TIE"
	KindPosition      Kind = "POSITION"
	KindParticipation Kind = "PARTICIPATION"
)

// Kinds lists every kind of record.
var Kinds = []Kind{KindSource, KindStakeholder, KindPerson, KindEvent, KindTie, KindPosition, KindParticipation}

// Record is one record of any kind, identified by its kind and key: a slug for stakeholders, people and
// events, the key for a source, and for the others the key made of what identifies them (TieKey,
// PositionKey, ParticipationKey).
type Record interface {
	RecordKind() Kind
	RecordKey() string
}

// RecordKind returns KindSource.
func (SourceRecord) RecordKind() Kind { return KindSource }

// RecordKey returns the source's key.
func (r SourceRecord) RecordKey() string { return r.Key }

// RecordKind returns KindStakeholder.
func (StakeholderRecord) RecordKind() Kind { return KindStakeholder }

// RecordKey returns the slug.
func (r StakeholderRecord) RecordKey() string { return r.Slug }

// RecordKind returns KindPerson.
func (PersonRecord) RecordKind() Kind { return KindPerson }

// RecordKey returns the slug.
func (r PersonRecord) RecordKey() string { return r.Slug }

// RecordKind returns KindEvent.
func (EventRecord) RecordKind() Kind { return KindEvent }

// RecordKey returns the slug.
func (r EventRecord) RecordKey() string { return r.Slug }

// RecordKind returns KindTie.
func (TieRecord) RecordKind() Kind { return KindTie }

// RecordKey returns the tie's key (domain.TieKey): a partnership has the same key either way round.
func (r TieRecord) RecordKey() string { return domain.TieKey(r.From, domain.TieType(r.Type), r.To) }

// RecordKind returns KindPosition.
func (PositionRecord) RecordKind() Kind { return KindPosition }

// RecordKey returns PositionKey of the position.
func (r PositionRecord) RecordKey() string { return PositionKey(r.Person, r.Title, r.Stakeholder) }

// RecordKind returns KindParticipation.
func (ParticipationRecord) RecordKind() Kind { return KindParticipation }

// RecordKey returns ParticipationKey of the participation.
func (r ParticipationRecord) RecordKey() string {
	return ParticipationKey(r.Stakeholder+r.Person, domain.ParticipationRole(r.Role), r.Event)
}

// PositionKey identifies the position titled title that person holds at stakeholder.
func PositionKey(person, title, stakeholder string) string {
	return person + "|" + title + "|" + stakeholder
}

// ParticipationKey identifies the participation of the stakeholder or person slug in event, in role.
func ParticipationKey(slug string, role domain.ParticipationRole, event string) string {
	return slug + "|" + string(role) + "|" + event
}

// Tx is one curation transaction: the port through which the curation service reads and writes records,
// which a store implements. Every Put and Delete is recorded in the change the transaction commits, with
// the fields it changed; a Put that changes nothing is not. Get answers nil when the record does not
// exist. What a Put refers to (the ends of a tie, the sources cited) must exist: the caller checks.
type Tx interface {
	Get(ctx context.Context, kind Kind, key string) (Record, error)
	Put(ctx context.Context, r Record) error
	Delete(ctx context.Context, kind Kind, key string) error
	// Attached lists the ties, positions and participations of the stakeholder, person or event with this
	// slug, or, for a source, every record that cites it.
	Attached(ctx context.Context, kind Kind, key string) ([]Record, error)
	// Redirect makes the stakeholder slug from, which no longer exists, resolve to the stakeholder to;
	// slugs that resolved to from resolve to to.
	Redirect(ctx context.Context, from, to string) error
	// RedirectOf returns the slug the retired stakeholder slug resolves to, or "".
	RedirectOf(ctx context.Context, slug string) (string, error)
	// Claim names every record the change will write, before its first read: the change then waits only
	// for changes to the same records, and writing any other record is an error. A change that claims
	// nothing runs alone. A change that deletes, merges, or edits a source (whose citers it writes again)
	// does not claim.
	Claim(refs ...Ref) error
	// Preload reads the records refs name, and where the slugs of redirects lead, together, so that the
	// Gets and RedirectOfs of them that follow need not each wait on the store. It is an optimisation:
	// what is not preloaded is read when asked for.
	Preload(ctx context.Context, refs []Ref, redirects []string) error
}

// Ref names a record: its kind and key.
type Ref struct {
	Kind Kind
	Key  string
}

// Actor is who makes a change, and in which request.
type Actor struct {
	// Subject names the credential ("key:<id>", "jwt:<sub>", "cli:<user>").
	Subject string
	// Role is the role it acted in.
	Role string
	// RequestID is the request the change was made in; empty for the command line.
	RequestID string
}

// Change is one committed change to the graph: one mutation or one import, and what it touched.
type Change struct {
	// Seq orders changes: each commit takes the next number.
	Seq   int64
	At    time.Time
	Actor Actor
	// Operation names what was done, such as createTie or import.
	Operation string
	// ClientMutationID is what the client passed to tell its mutations apart, if anything.
	ClientMutationID string
	Entries          []Entry
	// Ties are the ties the change wrote, by key, as stored at its commit, when the store answers with
	// them (a mutation's payload then needs no read); nil otherwise. A change read from the audit trail
	// has none.
	Ties map[string]*domain.NetworkTie
}

// Action is what a change did to one record.
type Action string

// The actions.
const (
	ActionCreated Action = "CREATED"
	ActionUpdated Action = "UPDATED"
	ActionDeleted Action = "DELETED"
)

// Entry is what a change did to one record.
type Entry struct {
	Kind   Kind
	Key    string
	Action Action
	// Fields are the fields the change set, with their values before and after.
	Fields []FieldChange
}

// FieldChange is one field of a record before and after a change; a value is nil when the field was
// empty. Values are JSON: strings, numbers, booleans, lists and objects.
type FieldChange struct {
	Field  string
	Before any
	After  any
}

// Diff lists the fields that differ between before and after, either of which may be nil (a record
// created or deleted), in the order of the record's fields. Empty values count as absent.
func Diff(before, after Record) []FieldChange {
	b, a := fieldsOf(before), fieldsOf(after)
	var names []string
	if after != nil {
		names = FieldNames(after)
	} else if before != nil {
		names = FieldNames(before)
	}
	var out []FieldChange
	for _, name := range names {
		if !reflect.DeepEqual(b[name], a[name]) {
			out = append(out, FieldChange{Field: name, Before: b[name], After: a[name]})
		}
	}
	return out
}

// fieldsOf reads a record's fields as JSON values, leaving out empty ones.
func fieldsOf(r Record) map[string]any {
	out := map[string]any{}
	if r == nil || reflect.ValueOf(r).IsZero() && reflect.ValueOf(r).Kind() == reflect.Pointer {
		return out
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return out
	}
	_ = json.Unmarshal(raw, &out)
	for k, v := range out {
		if isEmpty(v) {
			delete(out, k)
		}
	}
	return out
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case []any:
		return len(x) == 0
	}
	return false
}

// FieldNames lists the JSON names of a record's fields in declaration order.
func FieldNames(r Record) []string {
	t := reflect.TypeOf(r)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("json")
		if tag == "" || tag == "-" {
			continue
		}
		tag, _, _ = strings.Cut(tag, ",")
		names = append(names, tag)
	}
	return names
}

// ChangeFilter narrows the audit trail. Zero fields do not narrow it.
type ChangeFilter struct {
	Since, Until time.Time
	Actor        string
	// TargetKind and TargetKey name one record whose history to read.
	TargetKind Kind
	TargetKey  string
}

// Citations returns the citations of a record that carries them (every kind but a source).
func Citations(r Record) []domain.Citation {
	switch r := r.(type) {
	case StakeholderRecord:
		return r.Citations
	case PersonRecord:
		return r.Citations
	case EventRecord:
		return r.Citations
	case TieRecord:
		return r.Citations
	case PositionRecord:
		return r.Citations
	case ParticipationRecord:
		return r.Citations
	}
	return nil
}
