package curation

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// ImportBatch is how many records an import writes per transaction (and per change in the audit
// trail). An interrupted import keeps the batches it committed; running it again finds them unchanged.
const ImportBatch = 200

// Rejection is a record an import left out, and why.
type Rejection struct {
	File   string
	Line   int
	Kind   dataset.Kind
	Key    string
	Reason string
}

func (r Rejection) String() string {
	at := r.File
	if r.Line > 0 {
		at = fmt.Sprintf("%s:%d", r.File, r.Line)
	}
	return fmt.Sprintf("%s: %s %q: %s", at, what(r.Kind), clip(r.Key), r.Reason)
}

// ImportSummary counts what an import did with each record.
type ImportSummary struct {
	Created, Updated, Unchanged int
	Rejected                    []Rejection
}

// Done is how many records the import has dealt with.
func (s ImportSummary) Done() int { return s.Created + s.Updated + s.Unchanged + len(s.Rejected) }

// Import writes items through the same checks as the mutations, as actor, in batches of ImportBatch
// records, each one transaction recorded as one change (operation "import") in the audit trail. A record
// that fails a check, or refers to something neither stored nor imported before it, is rejected alone;
// the others are written. A field an item does not give keeps its stored value. progress, if set, is
// called after each batch. When ctx ends, Import stops after the batch it is writing and returns what
// was done with ctx's error.
func (s *Service) Import(ctx context.Context, actor dataset.Actor, items []dataset.Item, progress func(ImportSummary)) (ImportSummary, error) {
	var sum ImportSummary
	for start := 0; start < len(items); start += ImportBatch {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		batch := items[start:min(start+ImportBatch, len(items))]
		var part ImportSummary
		_, err := s.Apply(ctx, actor, "import", "", func(ctx context.Context, tx dataset.Tx) error {
			part = ImportSummary{} // the transaction may be run again
			if err := tx.Preload(ctx, batchRefs(batch), nil); err != nil {
				return err
			}
			for _, it := range batch {
				if err := importItem(ctx, tx, it, &part); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return sum, err
		}
		sum.Created += part.Created
		sum.Updated += part.Updated
		sum.Unchanged += part.Unchanged
		sum.Rejected = append(sum.Rejected, part.Rejected...)
		if progress != nil {
			progress(sum)
		}
	}
	return sum, nil
}

// importItem writes one record, or notes why it is rejected. Only a failure of the database is an error.
func importItem(ctx context.Context, tx dataset.Tx, it dataset.Item, sum *ImportSummary) error {
	rec := normalised(it.Record)
	stored, err := tx.Get(ctx, rec.RecordKind(), rec.RecordKey())
	if err != nil {
		return err
	}
	if stored != nil && it.Given != nil {
		if rec, err = overlay(stored, rec, it.Given); err != nil {
			return err
		}
	}
	reject := func(e error) {
		reason := domain.ErrorMessage(e)
		sum.Rejected = append(sum.Rejected, Rejection{File: it.File, Line: it.Line, Kind: rec.RecordKind(), Key: rec.RecordKey(), Reason: reason})
	}
	if err := checkRecord(rec); err != nil {
		reject(err)
		return nil
	}
	if err := referencesExist(ctx, tx, rec); err != nil {
		if domain.ErrorCode(err) == domain.CodeInternal {
			return err
		}
		reject(err)
		return nil
	}
	switch {
	case stored == nil:
		sum.Created++
	case len(dataset.Diff(stored, rec)) == 0:
		sum.Unchanged++
		return nil
	default:
		sum.Updated++
	}
	return tx.Put(ctx, rec)
}

// normalised is r with a tie without direction written from the lesser slug, as it is stored.
func normalised(r dataset.Record) dataset.Record {
	if t, ok := r.(dataset.TieRecord); ok {
		t.From, t.To = tieEnds(domain.TieType(t.Type), t.From, t.To)
		return t
	}
	return r
}

// overlay is rec with the fields it does not give taken from stored.
func overlay(stored, rec dataset.Record, given map[string]bool) (dataset.Record, error) {
	var fields map[string]json.RawMessage
	raw, err := json.Marshal(stored)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	var mine map[string]json.RawMessage
	if raw, err = json.Marshal(rec); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &mine); err != nil {
		return nil, err
	}
	for name := range given {
		if v, ok := mine[name]; ok {
			fields[name] = v
		} else {
			delete(fields, name) // given empty: omitted from the encoding, so cleared
		}
	}
	merged, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	out := reflect.New(reflect.TypeOf(rec))
	if err := json.Unmarshal(merged, out.Interface()); err != nil {
		return nil, err
	}
	return out.Elem().Interface().(dataset.Record), nil
}

// checkRecord checks a record read from a file, field by field; the error names the field.
func checkRecord(r dataset.Record) error {
	c := &checker{}
	switch r := r.(type) {
	case dataset.SourceRecord:
		c.source("", r)
	case dataset.StakeholderRecord:
		c.stakeholder("", r)
		c.recordCitations("citations", r.Citations)
	case dataset.PersonRecord:
		c.person("", r)
		c.recordCitations("citations", r.Citations)
	case dataset.EventRecord:
		c.event("", r)
		c.recordCitations("citations", r.Citations)
	case dataset.TieRecord:
		c.tie("", r)
		c.recordCitations("citations", r.Citations)
	case dataset.PositionRecord:
		c.position("", r)
		c.recordCitations("citations", r.Citations)
	case dataset.ParticipationRecord:
		if (r.Stakeholder == "") == (r.Person == "") {
			c.fail("stakeholder", "give exactly one of stakeholder and person")
		}
		c.slug("event", r.Event)
		c.enum("role", r.Role, func(v string) bool { return domain.ParticipationRole(v).IsValid() })
		c.text("description", r.Description, maxDescription, false)
		c.recordCitations("citations", r.Citations)
	}
	return c.err
}

// referencesExist checks that what a record refers to is stored: the sources it cites, and the
// stakeholders, people and events it ties together.
func referencesExist(ctx context.Context, tx dataset.Tx, r dataset.Record) error {
	for _, x := range references(r) {
		if err := mustExist(ctx, tx, x.field, x.Kind, x.Key); err != nil {
			return err
		}
	}
	return nil
}

// reference is a record r refers to, and the field of r that names it.
type reference struct {
	dataset.Ref
	field string
}

// references lists what r refers to: the ends of a tie, position or participation, then the sources
// it cites.
func references(r dataset.Record) []reference {
	var refs []reference
	switch r := r.(type) {
	case dataset.TieRecord:
		refs = []reference{{dataset.Ref{Kind: dataset.KindStakeholder, Key: r.From}, "from"},
			{dataset.Ref{Kind: dataset.KindStakeholder, Key: r.To}, "to"}}
	case dataset.PositionRecord:
		refs = []reference{{dataset.Ref{Kind: dataset.KindPerson, Key: r.Person}, "person"},
			{dataset.Ref{Kind: dataset.KindStakeholder, Key: r.Stakeholder}, "stakeholder"}}
	case dataset.ParticipationRecord:
		refs = []reference{{dataset.Ref{Kind: dataset.KindEvent, Key: r.Event}, "event"}}
		if r.Person != "" {
			refs = append(refs, reference{dataset.Ref{Kind: dataset.KindPerson, Key: r.Person}, "person"})
		} else {
			refs = append(refs, reference{dataset.Ref{Kind: dataset.KindStakeholder, Key: r.Stakeholder}, "stakeholder"})
		}
	}
	for i, c := range dataset.Citations(r) {
		refs = append(refs, reference{dataset.Ref{Kind: dataset.KindSource, Key: c.Source}, fieldAt("citations", i) + ".source"})
	}
	return refs
}

// batchRefs names every record a batch of items reads: each item's own, and those it refers to.
func batchRefs(items []dataset.Item) []dataset.Ref {
	var refs []dataset.Ref
	for _, it := range items {
		rec := normalised(it.Record)
		refs = append(refs, dataset.Ref{Kind: rec.RecordKind(), Key: rec.RecordKey()})
		for _, x := range references(rec) {
			refs = append(refs, x.Ref)
		}
	}
	return refs
}
