package domain

// Timeline is how a network view grew, year by year.
type Timeline struct {
	// Years runs from the first year to the last, every year included, even one where nothing changed.
	Years []*TimelineYear
	// UndatedTies counts the ties with no known start and only undated sources: they count as in force
	// in every year (as asOf counts them) but as begun in none.
	UndatedTies int
}

// TimelineYear is the view in one year: what began in it, and what was in force at its end (as the view
// with asOf the year's 31 December has it).
type TimelineYear struct {
	Year int
	// TiesBegun counts the ties that began in the year (by since, or evidencedFrom when the start is
	// unknown); TiesInForce those in force on 31 December.
	TiesBegun   int
	TiesInForce int
	// StakeholdersJoined counts the stakeholders whose first dated tie began in the year;
	// StakeholdersActive those with a tie in force on 31 December.
	StakeholdersJoined int
	StakeholdersActive int
	// ByType, BySectorPair and ByFocusArea break the tie counts down; a group with no tie is left out.
	ByType       []*TimelineCount
	BySectorPair []*TimelineCount
	ByFocusArea  []*TimelineCount
}

// TimelineCount is the ties of one group in one year: a tie type, a pair of sectors ("CIVIL_SOCIETY
// GOVERNMENT", in name order) or a focus area. A tie with several focus areas counts in each.
type TimelineCount struct {
	Group   string
	Begun   int
	InForce int
}

// The years a timeline may span.
const (
	TimelineFirstYear = 1900
	TimelineLastYear  = 2100
)
