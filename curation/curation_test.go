package curation_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/curation"
	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
	"github.com/stakeholder-graph/stakeholder-graph/seed"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

func admin(ctx context.Context) context.Context {
	return auth.WithPrincipal(ctx, auth.Principal{Subject: "key:test", Role: auth.RoleAdmin})
}

// attached lists everything attached to a stakeholder, as the read side shows it: its ties (by other end
// and type), positions (by person and title) and participations (by event and role).
func attached(t *testing.T, store *neo4jstore.Store, slug string) []string {
	t.Helper()
	ctx := t.Context()
	var out []string
	ties, err := store.TiesOf(ctx, []string{slug}, domain.TieFilter{Evidence: &domain.EvidenceFilter{MinKind: ptr(domain.SourceKind("MACHINE"))}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tie := range ties[slug] {
		out = append(out, "tie "+string(tie.Type)+" "+string(tie.Direction)+" "+tie.Other.Slug)
	}
	positions, err := store.PositionsAt(ctx, []string{slug})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range positions[slug] {
		out = append(out, "position "+p.Person.Slug+" "+p.Title)
	}
	parts, err := store.ParticipationsOf(ctx, domain.NodeStakeholder, []string{slug}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts[slug] {
		out = append(out, "participation "+p.Event.Slug+" "+string(p.Role))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func ptr[T any](v T) *T { return &v }

// TestMergeMovesEverything folds a stakeholder of the shipped network with ties, positions and
// participations into a new one, and checks that the kept stakeholder has exactly what the duplicate had,
// read back through the store's read side, and that the audit trail recorded it.
func TestMergeMovesEverything(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := admin(t.Context())
	svc := curation.New(store)
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	// The stakeholder with the most records attached.
	counts := map[string]int{}
	for _, r := range d.Ties {
		counts[r.From]++
		counts[r.To]++
	}
	for _, r := range d.Positions {
		counts[r.Stakeholder]++
	}
	for _, r := range d.Participations {
		counts[r.Stakeholder]++
	}
	dup := ""
	for slug, n := range counts {
		if slug != "" && (dup == "" || n > counts[dup] || n == counts[dup] && slug < dup) {
			dup = slug
		}
	}
	before := attached(t, store, dup)
	if len(before) < 5 {
		t.Fatalf("%s has %d records attached; the test wants a busy stakeholder", dup, len(before))
	}
	src := d.Sources[0].Key
	if _, err := svc.CreateStakeholder(ctx, curation.CreateStakeholderInput{Slug: "merge-keeper", Name: "Merge Keeper",
		Kind: domain.StakeholderKind("NGO"), Sector: domain.Sector("CIVIL_SOCIETY"),
		Citations: []*curation.CitationInput{{Source: src, Quote: "q"}}}); err != nil {
		t.Fatal(err)
	}
	res, err := svc.MergeStakeholders(ctx, curation.MergeStakeholdersInput{Keep: "merge-keeper", Duplicate: dup})
	if err != nil {
		t.Fatal(err)
	}
	if after := attached(t, store, "merge-keeper"); !slices.Equal(after, before) {
		t.Errorf("after the merge the kept stakeholder has\n%v\nthe duplicate had\n%v", after, before)
	}
	if _, err := store.Stakeholder(t.Context(), dup, nil); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("the duplicate is still stored: %v", err)
	}
	if to, _ := store.StakeholderRedirect(t.Context(), dup); to != "merge-keeper" {
		t.Errorf("the duplicate's slug leads to %q", to)
	}
	deleted := 0
	for _, e := range res.Change.Entries {
		if e.Action == dataset.ActionDeleted {
			deleted++
		}
	}
	if deleted != len(before)+1 { // every record moved (deleted and created again) and the duplicate itself
		t.Errorf("the change deleted %d records, want %d", deleted, len(before)+1)
	}

	// Refused: as an editor, and anonymously, with nothing written.
	digest, _ := store.Digest(t.Context())
	editor := auth.WithPrincipal(t.Context(), auth.Principal{Subject: "key:e", Role: auth.RoleEditor})
	if _, err := svc.MergeStakeholders(editor, curation.MergeStakeholdersInput{Keep: "kdn", Duplicate: "agc"}); domain.ErrorCode(err) != domain.CodeForbidden {
		t.Errorf("an editor merging: %v", err)
	}
	if _, err := svc.MergeStakeholders(t.Context(), curation.MergeStakeholdersInput{Keep: "kdn", Duplicate: "agc"}); domain.ErrorCode(err) != domain.CodeUnauthenticated {
		t.Errorf("merging anonymously: %v", err)
	}
	if after, _ := store.Digest(t.Context()); after != digest {
		t.Errorf("a refused merge changed the graph")
	}
}

// TestImportInterruptedAndRunAgain imports the shipped network into an empty graph, stops it after its
// first batch, and imports again: the second run finds the first batch unchanged and creates the rest,
// so the graph holds each record once, and the audit trail has one change per batch.
func TestImportInterruptedAndRunAgain(t *testing.T) {
	store := neo4jtest.Empty(t)
	svc := curation.New(store)
	d, err := seed.Network()
	if err != nil {
		t.Fatal(err)
	}
	items := d.Items()
	actor := dataset.Actor{Subject: "cli:test", Role: string(auth.RoleAdmin)}
	ctx, cancel := context.WithCancel(t.Context())
	first, err := svc.Import(ctx, actor, items, func(curation.ImportSummary) { cancel() })
	if err == nil || first.Done() != curation.ImportBatch || first.Created != curation.ImportBatch {
		t.Fatalf("the interrupted import: %+v, %v; want one batch of %d created and an error", first, err, curation.ImportBatch)
	}
	second, err := svc.Import(t.Context(), actor, items, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Unchanged != curation.ImportBatch || second.Created != len(items)-curation.ImportBatch || len(second.Rejected) != 0 {
		t.Errorf("the second run: %d created, %d updated, %d unchanged, %d rejected (%v); want %d created and %d unchanged",
			second.Created, second.Updated, second.Unchanged, len(second.Rejected), second.Rejected, len(items)-curation.ImportBatch, curation.ImportBatch)
	}
	n, err := store.CountStakeholders(t.Context(), domain.StakeholderFilter{})
	if err != nil || n != len(d.Stakeholders) {
		t.Errorf("%d stakeholders (%v), want %d", n, err, len(d.Stakeholders))
	}
	changes, err := store.Changes(t.Context(), dataset.ChangeFilter{Actor: "cli:test"}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	batches := (len(items) + curation.ImportBatch - 1) / curation.ImportBatch
	if len(changes) != batches { // the second run's first batch changed nothing and recorded nothing
		t.Errorf("%d changes recorded, want %d (one per batch that wrote)", len(changes), batches)
	}
}
