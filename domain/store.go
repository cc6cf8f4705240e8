package domain

import "context"

// MaxPageSize is the largest page any list returns.
const MaxPageSize = 100

// PageRequest asks for a page of a keyset-paginated list: First items after the item the cursor After
// points at (from the start when empty).
type PageRequest struct {
	First int
	After string
}

// Page is one page of a list, with each item's cursor.
type Page[T any] struct {
	Items       []T
	Cursors     []string
	HasNext     bool
	HasPrevious bool
}

// Store is everything the API reads from the stakeholder graph: the storage port, which package
// neo4jstore implements. Methods that take a list of slugs answer for all of them in one go, keyed by slug,
// so nested lists cost one query per level, not one per parent; PartnersOf and TiesOf leave the side they
// are seen from (which the caller holds) nil. Lookups of one object answer an Error with CodeNotFound when
// it does not exist.
type Store interface {
	Stakeholder(ctx context.Context, slug string, sel *Selection) (*Stakeholder, error)
	Stakeholders(ctx context.Context, f StakeholderFilter, o StakeholderOrder, p PageRequest, sel *Selection) (Page[*Stakeholder], error)
	CountStakeholders(ctx context.Context, f StakeholderFilter) (int, error)
	PartnersOf(ctx context.Context, slugs []string, f PartnerFilter) (map[string][]*Partnership, error)
	TiesOf(ctx context.Context, slugs []string, f TieFilter) (map[string][]*Tie, error)
	Partnerships(ctx context.Context, f PartnershipFilter, p PageRequest, sel *Selection) (Page[*Partnership], error)
	CountPartnerships(ctx context.Context, f PartnershipFilter) (int, error)

	Person(ctx context.Context, slug string, sel *Selection) (*Person, error)
	People(ctx context.Context, f PersonFilter, p PageRequest, sel *Selection) (Page[*Person], error)
	CountPeople(ctx context.Context, f PersonFilter) (int, error)
	PositionsAt(ctx context.Context, stakeholderSlugs []string) (map[string][]*Position, error)
	PositionsOf(ctx context.Context, personSlugs []string) (map[string][]*Position, error)

	Event(ctx context.Context, slug string, sel *Selection) (*Event, error)
	Events(ctx context.Context, f EventFilter, p PageRequest, sel *Selection) (Page[*Event], error)
	CountEvents(ctx context.Context, f EventFilter) (int, error)
	ParticipantsOf(ctx context.Context, eventSlugs []string, roles []ParticipationRole) (map[string][]*Participation, error)
	ParticipationsOf(ctx context.Context, t NodeType, slugs []string, roles []ParticipationRole) (map[string][]*Participation, error)

	// Source reads a source document by key, without a quote.
	Source(ctx context.Context, key string) (*Source, error)
	// StakeholderRedirect returns the slug a stakeholder merged away now resolves to, or "".
	StakeholderRedirect(ctx context.Context, slug string) (string, error)

	Search(ctx context.Context, text string, first int, sel *Selection) ([]SearchHit, error)
	// NodesBySlug looks up objects of type t by slug, in one query; unknown slugs are left out.
	NodesBySlug(ctx context.Context, t NodeType, slugs []string, sel *Selection) (map[string]Node, error)

	// Network reads a view of the network; with detail, stakeholders and ties carry their sources.
	Network(ctx context.Context, f NetworkFilter, detail bool) (*Network, error)
	// NetworkDelta reads how the view f selects changed from graph version since to version until, for
	// patching a projection read at since instead of reading it again; nil when the store cannot tell
	// (a write it did not record came in between, or the change is too large to be worth patching).
	NetworkDelta(ctx context.Context, f NetworkFilter, since, until int64) (*NetworkDelta, error)
	// TiesByKey reads ties with their sources by key; unknown keys are left out.
	TiesByKey(ctx context.Context, keys []string) (map[string]*NetworkTie, error)
	// AffiliationTies returns the ties of the affiliation view f selects (CO_PARTICIPATES) with these
	// keys; they are derived, so TiesByKey does not find them.
	AffiliationTies(ctx context.Context, keys []string, f NetworkFilter) (map[string]*NetworkTie, error)
	// GraphVersion returns a number that changes whenever the graph is written.
	GraphVersion(ctx context.Context) (int64, error)
	// Measures returns the sizes of the graph that bound the lists of an answer, for pricing a query
	// before it runs. It never fails: without a fresh reading it returns the last one, or defaults.
	Measures(ctx context.Context) GraphMeasures
}

// Node is an object with a global ID: a *Stakeholder, *Person or *Event.
type Node interface {
	ID() string
}
