package querygen

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// value is an argument value as written in a query: a literal, an enum value, a list, an input object,
// null, or a variable that holds one of those.
type value struct {
	kind     valueKind
	lit      any // a literal's string, int, float64 or bool; an enum value's name
	items    []value
	fields   []argument
	variable string
}

type valueKind int

const (
	literal valueKind = iota
	enum
	list
	object
	null
	variable
)

type argument struct {
	name  string
	value value
}

// site is where a value goes: an argument of field, or an input field within one, by name and
// description. A directive's argument has no field.
type site struct {
	field *ast.FieldDefinition
	name  string
	desc  string
	// needed is set for a value that must be there: the one argument of a field that wants exactly one.
	needed bool
}

// The chances of the ways a value is written.
const (
	pOptional  = 0.5  // an optional argument is given
	pInputFld  = 0.4  // an optional input field is given
	pVariable  = 0.25 // a value is sent as a variable instead of written inline
	pAbsent    = 0.1  // a variable of a nullable type is declared and not sent
	pNull      = 0.03 // a nullable argument or input field is an explicit null
	pSingleton = 0.1  // a list argument is given one bare item, which GraphQL reads as a list of one
)

// What the schema does not say about arguments, by the name of the argument or input field. The test
// checks that each names an argument or input field of the schema, so a rename there shows here.
const (
	// A cursor comes from an answer; the generator has none, and forged cursors are the fuzz targets'
	// business.
	argAfter = "after"
	// Strings that are slugs, of the type the field returns or of a stakeholder.
	argSlug            = "slug"
	argStakeholderSlug = "stakeholderSlug"
	argCountry         = "country"
	// Full-text search words, and the substrings filters look for.
	argText            = "text"
	argNameContains    = "nameContains"
	argMandateContains = "mandateContains"
	// A point in time takes a full date (the Date scalar's description says so); other dates any precision.
	argAsOf = "asOf"
	// Counts without a bound in their description.
	argSeed    = "seed"
	argSamples = "samples"
	// samples applies to BETWEENNESS only: with any other metric the service refuses it.
	argMetric         = "metric"
	metricBetweenness = "BETWEENNESS"
)

// What descriptions say, read as rules.
const (
	descExactlyOne = "exactly one"    // of a field: give exactly one of its optional arguments
	descFullDate   = "full date"      // of a Date argument: a date to the day
	descBounds     = `(\d+) to (\d+)` // of an Int argument: its bounds
)

// ruleNames lists the argument and input field names the rules above treat specially.
var ruleNames = []string{argAfter, argSlug, argStakeholderSlug, argCountry, argText, argNameContains, argMandateContains,
	argAsOf, argSeed, argSamples, argMetric}

var bounds = regexp.MustCompile(descBounds)

// arguments chooses the arguments of f: the required ones always, the others sometimes, and, for a field
// that wants exactly one of its optional arguments (a lookup by ID or slug), exactly one.
func (q *query) arguments(f *ast.FieldDefinition) []argument {
	g := q.g
	oneOf := strings.Contains(f.Description, descExactlyOne)
	var choice string
	if oneOf {
		var optional []string
		for _, a := range f.Arguments {
			if !a.Type.NonNull {
				optional = append(optional, a.Name)
			}
		}
		choice = pick(g.rng, optional)
	}
	var out []argument
	given := map[string]value{}
	for _, a := range f.Arguments {
		required := a.Type.NonNull && a.DefaultValue == nil
		// Drawn for every argument, so that the choice of fields that follows does not depend on the
		// values drawn before it (see Options.ValueSeed).
		wanted := g.chance(pOptional)
		switch {
		case oneOf && !a.Type.NonNull:
			if a.Name != choice {
				continue
			}
		case required:
		case a.Name == argAfter:
			continue
		case a.Name == argSamples && !isBetweenness(given[argMetric]):
			continue
		case !wanted:
			continue
		}
		s := site{field: f, name: a.Name, desc: a.Description, needed: oneOf && !a.Type.NonNull}
		v := q.value(s, a.Type, true)
		given[a.Name] = v
		out = append(out, argument{a.Name, v})
	}
	return out
}

// isBetweenness reports whether v is the metric BETWEENNESS, written inline or sent as a variable.
func isBetweenness(v value) bool {
	return (v.kind == enum || v.kind == variable) && v.lit == metricBetweenness
}

// value returns a value of type t for s. vars says whether a variable may stand for it or for values
// within it (not inside a variable's own value).
func (q *query) value(s site, t *ast.Type, vars bool) value {
	g := q.g
	if vars && g.valueChance(pVariable) {
		return q.variable(s, t, q.value(s, t, false))
	}
	if !t.NonNull && !s.needed && g.valueChance(pNull) {
		return value{kind: null}
	}
	if t.Elem != nil {
		if g.valueChance(pSingleton) {
			return q.value(s, t.Elem, false)
		}
		v := value{kind: list}
		for range g.vrng.IntN(g.opts.MaxListItems + 1) {
			v.items = append(v.items, q.value(s, t.Elem, vars))
		}
		return v
	}
	def := g.schema.Types[t.NamedType]
	switch def.Kind {
	case ast.InputObject:
		v := value{kind: object}
		for _, f := range def.Fields {
			if !(f.Type.NonNull && f.DefaultValue == nil) && !g.valueChance(pInputFld) {
				continue
			}
			fs := site{field: s.field, name: f.Name, desc: f.Description}
			v.fields = append(v.fields, argument{f.Name, q.value(fs, f.Type, vars)})
		}
		return v
	case ast.Enum:
		var names []string
		for _, e := range def.EnumValues {
			if e.Directives.ForName("deprecated") == nil {
				names = append(names, e.Name)
			}
		}
		return value{kind: enum, lit: pick(g.vrng, names)}
	}
	return value{kind: literal, lit: q.scalar(s, def.Name)}
}

// variable declares a variable of type t holding v, and returns its use. The variable of a nullable type is
// sometimes declared and not sent, which the service must read as an argument not given.
func (q *query) variable(s site, t *ast.Type, v value) value {
	name := fmt.Sprintf("v%d", len(q.decls)+1)
	q.decls = append(q.decls, varDecl{name: name, typ: t.String()})
	if t.NonNull || s.needed || !q.g.valueChance(pAbsent) {
		q.vars[name] = v.json()
	}
	// lit keeps an enum's name, so that rules that look at other arguments see through the variable.
	use := value{kind: variable, variable: name}
	if v.kind == enum {
		use.lit = v.lit
	}
	return use
}

// json returns v as a client sends it in the variables of a request.
func (v value) json() any {
	switch v.kind {
	case list:
		items := make([]any, len(v.items))
		for i, it := range v.items {
			items[i] = it.json()
		}
		return items
	case object:
		fields := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			fields[f.name] = f.value.json()
		}
		return fields
	case null:
		return nil
	}
	return v.lit
}

// scalar returns a literal of the named scalar type for s.
func (q *query) scalar(s site, typ string) any {
	g := q.g
	switch typ {
	case "Boolean":
		return g.valueChance(0.5)
	case "Int":
		return q.integer(s)
	case "Float":
		// No Float argument states its bounds; resolution, the one there is, must be above 0.
		return float64(2+g.vrng.IntN(59)) / 20
	case "ID":
		t := q.nodeType(s.field)
		return domain.GlobalID(t, q.slug(t))
	case "Date":
		return q.date(s.name == argAsOf || strings.Contains(s.desc, descFullDate))
	}
	return q.text(s)
}

// integer returns an Int within the bounds the description states (at most MaxPage, for the counts a
// client may raise) or a rule gives.
func (q *query) integer(s site) int {
	lo, hi := 0, q.g.opts.MaxPage
	if m := bounds.FindStringSubmatch(s.desc); m != nil {
		lo, _ = strconv.Atoi(m[1])
		hi, _ = strconv.Atoi(m[2])
		hi = max(lo, min(hi, q.g.opts.MaxPage))
	}
	switch s.name {
	case argSeed:
		lo, hi = 0, 1000
	case argSamples:
		lo, hi = 1, 50
	}
	return lo + q.g.vrng.IntN(hi-lo+1)
}

// nodeType is the type of object an ID argument of f names: what f returns when that has IDs, any of them
// for Query.node and nodes (which return the Node interface), and otherwise a stakeholder (the analyses'
// IDs name stakeholders, the only objects in a network view).
func (q *query) nodeType(f *ast.FieldDefinition) domain.NodeType {
	types := []domain.NodeType{domain.NodeStakeholder, domain.NodePerson, domain.NodeEvent}
	if f == nil {
		return domain.NodeStakeholder
	}
	for _, t := range types {
		if f.Type.Name() == string(t) {
			return t
		}
	}
	if def := q.g.schema.Types[f.Type.Name()]; def != nil && def.Kind == ast.Interface {
		// Of the types there are objects of: a generated network has stakeholders only.
		v := q.g.values
		have := slices.DeleteFunc(types, func(t domain.NodeType) bool {
			return t == domain.NodePerson && len(v.People) == 0 || t == domain.NodeEvent && len(v.Events) == 0
		})
		return pick(q.g.vrng, have)
	}
	return domain.NodeStakeholder
}

// slug returns the slug of an object of type t, or, Misses of the time, of none.
func (q *query) slug(t domain.NodeType) string {
	g := q.g
	var slugs []string
	switch t {
	case domain.NodeStakeholder:
		slugs = g.values.Stakeholders
	case domain.NodePerson:
		slugs = g.values.People
	case domain.NodeEvent:
		slugs = g.values.Events
	}
	if len(slugs) == 0 || g.valueChance(g.opts.Misses) {
		return "no-such-" + strings.ToLower(string(t)) + "-" + strconv.Itoa(g.vrng.IntN(1000))
	}
	return pick(g.vrng, slugs)
}

// text returns a String for s: a slug, a country code, search words, or a piece of a name or mandate.
func (q *query) text(s site) string {
	g := q.g
	v := g.values
	switch s.name {
	case argSlug:
		return q.slug(q.nodeType(s.field))
	case argStakeholderSlug:
		return q.slug(domain.NodeStakeholder)
	case argCountry:
		return anyCase(g, pick(g.vrng, v.Countries)) // any case, the description says
	case argText:
		words := []string{pick(g.vrng, v.Words)}
		if g.valueChance(0.3) {
			words = append(words, pick(g.vrng, v.Words))
		}
		if g.valueChance(0.2) {
			words[0] = prefix(g, words[0], 3) // word prefixes match too
		}
		return anyCase(g, strings.Join(words, " "))
	case argNameContains:
		return anyCase(g, prefix(g, pick(g.vrng, v.Words), 2))
	case argMandateContains:
		return anyCase(g, prefix(g, pick(g.vrng, v.Mandates), 3))
	}
	return pick(g.vrng, v.Words)
}

// date returns a date between 2000 and 2026, or one the data holds, to the day when day is set and
// otherwise at a random precision.
func (q *query) date(day bool) string {
	g := q.g
	d := fmt.Sprintf("%04d-%02d-%02d", 2000+g.vrng.IntN(27), 1+g.vrng.IntN(12), 1+g.vrng.IntN(28))
	if known := pick(g.vrng, g.values.Dates); known != "" && g.valueChance(0.5) {
		// A date of the data, where answers change; a partial one starts or ends its period.
		d = known
		switch len(d) {
		case 4:
			d += pick(g.vrng, []string{"-01-01", "-12-31"})
		case 7:
			d += "-01"
		}
	}
	if day {
		return d
	}
	return d[:pick(g.vrng, []int{4, 7, 10})]
}

// prefix returns the first n or more characters of w (all of it when shorter).
func prefix(g *Generator, w string, n int) string {
	r := []rune(w)
	if len(r) <= n {
		return w
	}
	return string(r[:n+g.vrng.IntN(len(r)-n+1)])
}

// anyCase returns s as it is, in lower case or in upper case.
func anyCase(g *Generator, s string) string {
	switch g.vrng.IntN(4) {
	case 0:
		return strings.ToLower(s)
	case 1:
		return strings.ToUpper(s)
	}
	return s
}
