// Package querycost bounds the work of every GraphQL request before any of it runs.
//
// A request passes three checks, each linear in the size of what the client sent:
//
//  1. The document (Guard.MutateOperationParameters, before gqlgen parses and validates it): its tokens
//     are counted, then one walk measures every operation with each fragment measured once and reused
//     where it is spread: depth, fields, aliases, root fields, breadth, directives, and the length of
//     every string and list written in it. A fragment that spreads itself is refused here, so the walk (and
//     validation after it) never loops. The variables' values are checked for size too.
//  2. gqlgen then parses and validates the document, which is now known to be small.
//  3. The price (Guard.MutateOperationContext, after validation): every field costs 1, and a list field
//     multiplies the price of what is selected under it by the number of items it may return, read from
//     the schema's @listSize directives (schema/cost.graphqls) and, for lists bounded by the data, from
//     the graph's current measures. Fragments are priced once per place they can be priced differently.
//     The same walk counts the distinct network analyses and views the operation asks for (@analysis).
//
// Whatever is over a limit is refused with an error whose `extensions.code` names the limit, and
// `extensions.limit` and `extensions.actual` give the numbers. Nothing is sent to the database before
// all three checks pass.
//
// One kind of answer is priced twice. A field marked @sizedByAnswer computes its answer in memory (a
// neighbourhood in a network view), and only the answer knows how long its lists are: the graph's measures
// would price a neighbourhood of 200 stakeholders as the whole graph (over 600,000 at 10,000 stakeholders
// with 100,000 ties, three times the limit). Such lists are priced at an assumed size first; when the
// answer is known, Guard.InterceptField prices them again with their real length, before any of their
// items resolves, and fails the field if the operation is then over the limit.
package querycost

import (
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound one request. A zero field takes its default.
type Limits struct {
	// Tokens bounds the lexical tokens of the document (names, punctuation, values). GraphiQL's schema
	// query has about 400.
	Tokens int
	// Depth bounds how deeply fields nest, counted where fragments are spread. Introspection is bounded
	// by gqlparser's own rule instead, since tools ask deep but cheap schema questions.
	Depth int
	// Fields bounds the fields of an operation with every fragment expanded where it is spread.
	Fields int
	// Aliases bounds the aliased fields of an operation, expanded likewise.
	Aliases int
	// RootFields bounds the top-level fields of an operation.
	RootFields int
	// Breadth bounds the fields side by side in any one selection set, its fragments' included:
	// validation compares every pair of them (gqlparser's OverlappingFieldsCanBeMerged), so its work grows
	// with the square of this number.
	Breadth int
	// Directives bounds the directives used in an operation, expanded likewise.
	Directives int
	// StringLength bounds the characters of any string value, written in the document or sent as a
	// variable.
	StringLength int
	// ListLength bounds the items of any list value.
	ListLength int
	// Complexity bounds the price of an operation (see the package comment).
	Complexity int
	// Analyses bounds the distinct network analyses (fields marked @analysis, with distinct arguments)
	// one operation may ask for.
	Analyses int
	// Views bounds the distinct network views (filters) those analyses may run on: each new view is a
	// projection of the network built in memory.
	Views int
}

// DefaultLimits are the limits a zero Limits field takes.
var DefaultLimits = Limits{
	Tokens:       10000,
	Depth:        12,
	Fields:       1000,
	Aliases:      50,
	RootFields:   20,
	Breadth:      100,
	Directives:   50,
	StringLength: 10000,
	ListLength:   1000,
	Complexity:   200000,
	Analyses:     6,
	Views:        3,
}

// WithDefaults returns l with its zero fields set to DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	for _, f := range []struct{ v, def *int }{
		{&l.Tokens, &d.Tokens}, {&l.Depth, &d.Depth}, {&l.Fields, &d.Fields}, {&l.Aliases, &d.Aliases},
		{&l.RootFields, &d.RootFields}, {&l.Breadth, &d.Breadth}, {&l.Directives, &d.Directives}, {&l.StringLength, &d.StringLength},
		{&l.ListLength, &d.ListLength}, {&l.Complexity, &d.Complexity}, {&l.Analyses, &d.Analyses}, {&l.Views, &d.Views},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return l
}

// The codes of the errors this package gives, in `extensions.code`.
const (
	CodeTokens     = "TOKEN_LIMIT_EXCEEDED"
	CodeDepth      = "DEPTH_LIMIT_EXCEEDED"
	CodeFields     = "FIELD_LIMIT_EXCEEDED"
	CodeAliases    = "ALIAS_LIMIT_EXCEEDED"
	CodeRootFields = "ROOT_FIELD_LIMIT_EXCEEDED"
	CodeBreadth    = "BREADTH_LIMIT_EXCEEDED"
	CodeDirectives = "DIRECTIVE_LIMIT_EXCEEDED"
	CodeValueSize  = "VALUE_TOO_LARGE"
	CodeComplexity = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeAnalyses   = "ANALYSIS_LIMIT_EXCEEDED"
	// CodeBadRequest is a request the service does not take in the form sent (such as @defer without
	// multipart/mixed).
	CodeBadRequest = "BAD_REQUEST"
	// CodeValidation is gqlgen's code for an invalid document; a fragment cycle found while measuring
	// gets it too.
	CodeValidation = "GRAPHQL_VALIDATION_FAILED"
	// CodeParse is gqlgen's code for a document that does not parse.
	CodeParse = "GRAPHQL_PARSE_FAILED"
)

// Codes lists the codes of limits, for metrics that count rejections by limit.
var Codes = []string{CodeTokens, CodeDepth, CodeFields, CodeAliases, CodeRootFields, CodeBreadth, CodeDirectives, CodeValueSize,
	CodeComplexity, CodeAnalyses}

// over is the error of a value over its limit.
func over(code string, limit, actual int, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code, "limit": limit, "actual": actual}
	return err
}

func coded(code string, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}

// most is where saturating counts stop: far above every limit, far below overflow.
const most = 1 << 40

// add and mul saturate at most, so a document built to overflow a count cannot wrap it round.
func add(a, b int) int {
	if a >= most-b {
		return most
	}
	return a + b
}

func mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > most/b {
		return most
	}
	return a * b
}
