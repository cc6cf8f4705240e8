package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// schemaStatements create the constraints and indexes the queries rely on. Each is idempotent (IF NOT
// EXISTS), so Migrate runs at every start-up.
var schemaStatements = []string{
	`CREATE CONSTRAINT stakeholder_slug IF NOT EXISTS FOR (s:Stakeholder) REQUIRE s.slug IS UNIQUE`,
	`CREATE CONSTRAINT person_slug IF NOT EXISTS FOR (p:Person) REQUIRE p.slug IS UNIQUE`,
	`CREATE CONSTRAINT event_slug IF NOT EXISTS FOR (e:Event) REQUIRE e.slug IS UNIQUE`,
	`CREATE CONSTRAINT source_key IF NOT EXISTS FOR (d:Source) REQUIRE d.key IS UNIQUE`,
	`CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE`,
	`CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE`,
	// The audit trail (curation.go, changes.go) and merged stakeholders' slugs.
	`CREATE CONSTRAINT curation_lock_id IF NOT EXISTS FOR (l:CurationLock) REQUIRE l.id IS UNIQUE`,
	`CREATE CONSTRAINT change_sequence_id IF NOT EXISTS FOR (q:ChangeSequence) REQUIRE q.id IS UNIQUE`,
	`CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE`,
	`CREATE INDEX change_actor IF NOT EXISTS FOR (c:Change) ON (c.actor, c.seq)`,
	`CREATE INDEX change_version IF NOT EXISTS FOR (c:Change) ON (c.version)`,
	`CREATE INDEX change_entry_target IF NOT EXISTS FOR (e:ChangeEntry) ON (e.kind, e.key, e.seq)`,
	`CREATE CONSTRAINT slug_redirect IF NOT EXISTS FOR (r:SlugRedirect) REQUIRE r.slug IS UNIQUE`,
	`CREATE INDEX slug_redirect_to IF NOT EXISTS FOR (r:SlugRedirect) ON (r.to)`,
	// Positions and participations are found by key when curated.
	`CREATE INDEX position_key IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() ON (r.key)`,
	// Keyset pagination and sorting.
	`CREATE INDEX stakeholder_name_key IF NOT EXISTS FOR (s:Stakeholder) ON (s.nameKey, s.slug)`,
	`CREATE INDEX person_name_key IF NOT EXISTS FOR (p:Person) ON (p.nameKey, p.slug)`,
	`CREATE INDEX event_sort_date IF NOT EXISTS FOR (e:Event) ON (e.sortDate, e.slug)`,
	// Filters.
	`CREATE INDEX stakeholder_kind IF NOT EXISTS FOR (s:Stakeholder) ON (s.kind)`,
	`CREATE INDEX stakeholder_kind_name_key IF NOT EXISTS FOR (s:Stakeholder) ON (s.kind, s.nameKey, s.slug)`,
	`CREATE INDEX stakeholder_sector IF NOT EXISTS FOR (s:Stakeholder) ON (s.sector)`,
	`CREATE INDEX stakeholder_country IF NOT EXISTS FOR (s:Stakeholder) ON (s.country)`,
	`CREATE INDEX event_kind IF NOT EXISTS FOR (e:Event) ON (e.kind)`,
	`CREATE INDEX event_country IF NOT EXISTS FOR (e:Event) ON (e.country)`,
	`CREATE TEXT INDEX stakeholder_search_text IF NOT EXISTS FOR (s:Stakeholder) ON (s.searchText)`,
	nameSearchIndex,
	// Counting every partnership subtracts those the default evidence refuses, found by this index, from
	// the count store's total (see partnershipCount).
	`CREATE INDEX partnership_strongest_source IF NOT EXISTS FOR ()-[r:PARTNERS_WITH]-() ON (r.strongestSource)`,
}

// nameSearchIndex is the full-text index over names, acronyms and aliases of everything a user may look
// for. It is eventually consistent: Neo4j applies a transaction's changes to it just after the commit, in
// the background, instead of within the commit, where refreshing the index took about 5 ms of every
// commit that wrote a name (measured on loopback), and concurrent changes now share one refresh. Searches
// wait for the changes already committed (see search), so none is missed.
const nameSearchIndex = "CREATE FULLTEXT INDEX name_search IF NOT EXISTS FOR (n:Stakeholder|Person|Event) ON EACH [n.name, n.acronym, n.aliasText]\n" +
	"OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}}"

// staleNameSearch finds a name_search index made before it was eventually consistent, which Migrate
// drops so that nameSearchIndex makes it again: an index's settings cannot be changed in place.
const staleNameSearch = `SHOW FULLTEXT INDEXES YIELD name, options
WHERE name = 'name_search' AND options.indexConfig['fulltext.eventually_consistent'] <> true
RETURN name`

// tieKeyIndexNames names the key index of each tie type; the first four kept the names they had before
// the types were written from domain.TieTypes.
var tieKeyIndexNames = map[domain.TieType]string{domain.TiePartnersWith: "partnership_key",
	domain.TieMemberOf: "membership_key", domain.TiePartOf: "part_of_key", domain.TieSecretariatOf: "secretariat_key"}

// A tie is looked up by key in the index of its type (TiesByKey), one index per relationship type.
func init() {
	for _, t := range domain.TieTypes {
		name, ok := tieKeyIndexNames[t]
		if !ok {
			name = strings.ToLower(string(t)) + "_key"
		}
		schemaStatements = append(schemaStatements,
			`CREATE INDEX `+name+` IF NOT EXISTS FOR ()-[r:`+string(t)+`]-() ON (r.key)`)
	}
	for _, role := range domain.ParticipationRoles {
		rel := participationTypes[role]
		schemaStatements = append(schemaStatements,
			`CREATE INDEX `+strings.ToLower(rel)+`_key IF NOT EXISTS FOR ()-[r:`+rel+`]-() ON (r.key)`)
	}
}

// Migrate creates the constraints and indexes and waits until they are online.
func (s *Store) Migrate(ctx context.Context) error {
	session := s.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	stale, err := session.Run(ctx, staleNameSearch, nil)
	if err != nil {
		return s.translate(err)
	}
	recs, err := stale.Collect(ctx)
	if err != nil {
		return s.translate(err)
	}
	var drops []string
	if len(recs) > 0 {
		drops = append(drops, `DROP INDEX name_search IF EXISTS`)
		s.log.Info("rebuilding the full-text index name_search to apply changes after their commit")
	}
	// Schema changes cannot share a transaction with other statements, so each runs on its own.
	for _, stmt := range slices.Concat(drops, schemaStatements, []string{`CALL db.awaitIndexes(300)`}) {
		result, err := session.Run(ctx, stmt, nil)
		if err == nil {
			_, err = result.Consume(ctx)
		}
		if err != nil {
			return s.translate(err)
		}
	}
	s.log.Info("schema migrated", "statements", len(schemaStatements))
	return nil
}
