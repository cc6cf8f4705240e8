package domain

// GraphMeasures are the sizes of the stored graph that bound how long a list in an answer can be. The API
// prices a query with them before running it, so a list is priced by what the graph holds, not by a guess.
type GraphMeasures struct {
	// Stakeholders is how many stakeholders the graph holds: the most any network view has.
	Stakeholders int
	// Ties is how many stakeholder-to-stakeholder ties the graph holds.
	Ties int
	// MaxDegree is the most relationships any one stakeholder, person or event has (ties, positions and
	// participations together): the longest any list hanging off one object can be.
	MaxDegree int
	// Groups count the stakeholders by kind, sector and country together, for choosing how to read a
	// filtered list: how many stakeholders a filter on those fields matches, and how many partnerships a
	// read that starts from them meets. Nil until measured.
	Groups []StakeholderGroup
}

// StakeholderGroup is how many stakeholders share one kind, sector and country (empty when they have
// none), and how many partnership ends they have between them (a partnership within the group counts
// twice).
type StakeholderGroup struct {
	Kind            StakeholderKind
	Sector          Sector
	Country         string
	Stakeholders    int
	PartnershipEnds int
}

// DefaultGraphMeasures are assumed until the graph has been measured once (for instance while the
// database is unreachable at start-up): generous enough for the seed network, small enough to refuse
// deep nesting.
var DefaultGraphMeasures = GraphMeasures{Stakeholders: 1000, Ties: 10000, MaxDegree: 50}
