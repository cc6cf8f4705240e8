package neo4jstore

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Where each field of the API is stored: the one table the read planner (plan.go) compiles selections
// with. A GraphQL object type is either a node type (a label, read by its slug) or an item type (a
// relationship seen from one end, with the nodes at its ends); each of its fields is a property, the
// citations, a list read along a traversal, one end of the item, or a value the traversal computes.
// CheckMapping holds the table against the schema when the API is built, so a field added to one and not
// the other stops the service from starting instead of answering null.

// fieldKind says where a field's value comes from.
type fieldKind int

const (
	// property: a property of the node or of the item's relationship (property names it).
	property fieldKind = iota
	// fromSlug: computed from the slug, which every projection holds (the global ID).
	fromSlug
	// citations: the sources, stored as citation lists on the node or relationship.
	citations
	// list: a list read along a traversal from the node (list names it).
	list
	// end: one end of an item's relationship, a node (end names it in the traversal's ends).
	end
	// value: a value the traversal computes for each item (value names it in the traversal's values).
	value
	// cachedDocument: a field of a cited document, filled in from the store's document cache.
	cachedDocument
	// analysed: a field marked @analysis, answered by its resolver from the analysis service's in-memory
	// views with the slug (which every projection holds); nothing of it is stored.
	analysed
	// audited: a field its resolver answers from the audit trail with the slug; the planner reads nothing.
	audited
)

// fieldMapping says where one field is stored.
type fieldMapping struct {
	kind     fieldKind
	property string
	list     *traversal
	end      string
	value    string
}

func prop(name string) fieldMapping       { return fieldMapping{kind: property, property: name} }
func listAlong(t *traversal) fieldMapping { return fieldMapping{kind: list, list: t} }
func endNamed(name string) fieldMapping   { return fieldMapping{kind: end, end: name} }
func computed(name string) fieldMapping   { return fieldMapping{kind: value, value: name} }
func cited() fieldMapping                 { return fieldMapping{kind: citations} }
func fromAnalysis() fieldMapping          { return fieldMapping{kind: analysed} }
func fromTrail() fieldMapping             { return fieldMapping{kind: audited} }
func idFromSlug() fieldMapping            { return fieldMapping{kind: fromSlug} }
func documentField() fieldMapping         { return fieldMapping{kind: cachedDocument} }

// evidenceFields adds a tie's evidence, computed when it was loaded.
func evidenceFields(m map[string]fieldMapping) map[string]fieldMapping {
	m["independentSources"], m["strongestSource"] = prop("independentSources"), prop("strongestSource")
	return m
}

func spanFields(m map[string]fieldMapping) map[string]fieldMapping {
	m["since"], m["until"], m["evidencedFrom"] = prop("since"), prop("until"), prop("evidencedFrom")
	return m
}

// nodeType is a GraphQL object type stored as nodes of one label.
type nodeType struct {
	label  string
	fields map[string]fieldMapping
	// decode builds the object from its projection; planned returns where its lists go.
	decode  func(row) any
	planned func(any) *domain.Planned
}

// itemType is a GraphQL object type read as a relationship seen from one end: decode builds it from the
// relationship's projection (rel), the computed values (item) and its ends, each decoded by the end's
// selection.
type itemType struct {
	fields map[string]fieldMapping
	decode func(rel, item row, end func(name string) any) any
}

// traversal is a list read from a node along relationships: the pattern (with %[1]s the node read from,
// %[2]s the relationship, %[3]s the node at the far end), the arguments that narrow it, the order, the item
// type, which variable each end of an item is, and the values computed per item.
type traversal struct {
	match  string
	args   map[string]argument
	order  string
	item   string
	ends   map[string]endOf
	values map[string]string
}

// endOf is one end of a traversal's items: the pattern variable (from or to) and the GraphQL type of the
// node there (a union names the object types it may be).
type endOf struct {
	from bool
	typ  string
}

var (
	fromStakeholder = endOf{from: true, typ: "Stakeholder"}
	toStakeholder   = endOf{typ: "Stakeholder"}
	// partnershipEnds: a partnership is seen from its stakeholder.
	partnershipEnds = map[string]endOf{"stakeholder": fromStakeholder, "partner": toStakeholder}
)

// unions are the abstract types a node read may be, with the object types they hold, their labels tested
// in this order.
var unions = map[string][]string{
	"Participant":  {"Stakeholder", "Person"},
	"SearchResult": {"Stakeholder", "Person", "Event"},
}

var nodeTypes map[string]*nodeType

var itemTypes map[string]*itemType

// sourceFields are where a Source's fields come from: the cited document, and the citation's quote.
var sourceFields = map[string]fieldMapping{
	"key": documentField(), "title": documentField(), "publisher": documentField(), "date": documentField(), "url": documentField(),
	"kind": documentField(), "story": documentField(), "quote": documentField(),
}

func init() {
	partners := &traversal{
		match: `(%[1]s)-[%[2]s:PARTNERS_WITH]-(%[3]s:Stakeholder)`,
		args: map[string]argument{
			"kinds":      anyOf("%[3]s.kind IN %[4]s", enumList),
			"focusAreas": anyOf("any(f IN %[2]s.focusAreas WHERE f IN %[4]s)", enumList),
			"asOf":       inForceOn,
			"evidence":   evidenceOf,
		},
		order: `%[3]s.nameKey, %[3]s.slug, %[2]s.key`,
		item:  "Partnership",
		ends:  partnershipEnds,
	}
	direction := `CASE WHEN type(%[2]s) IN ` + undirectedTypes + ` OR startNode(%[2]s) = %[1]s THEN 'OUTGOING' ELSE 'INCOMING' END`
	ties := &traversal{
		match: `(%[1]s)-[%[2]s:` + tieRels + `]-(%[3]s:Stakeholder)`,
		args: map[string]argument{
			"types":     anyOf("type(%[2]s) IN %[4]s", enumList),
			"direction": anyOf("(type(%[2]s) IN "+undirectedTypes+" OR "+direction+" = %[4]s)", enumValue),
			"asOf":      inForceOn,
			"evidence":  evidenceOf,
		},
		order:  `type(%[2]s), %[3]s.nameKey, %[3]s.slug, %[2]s.key`,
		item:   "Tie",
		ends:   map[string]endOf{"stakeholder": fromStakeholder, "other": toStakeholder},
		values: map[string]string{"type": `type(%[2]s)`, "direction": direction},
	}
	positionsAt := &traversal{
		match: `(%[1]s)<-[%[2]s:HOLDS_POSITION]-(%[3]s:Person)`,
		order: `%[3]s.nameKey, %[3]s.slug, %[2]s.title`,
		item:  "Position",
		ends:  map[string]endOf{"stakeholder": fromStakeholder, "person": {typ: "Person"}},
	}
	positionsOf := &traversal{
		match: `(%[1]s)-[%[2]s:HOLDS_POSITION]->(%[3]s:Stakeholder)`,
		order: `coalesce(%[2]s.since, %[2]s.evidencedFrom, '') DESC, %[3]s.nameKey, %[2]s.title`,
		item:  "Position",
		ends:  map[string]endOf{"person": {from: true, typ: "Person"}, "stakeholder": toStakeholder},
	}
	roles := map[string]argument{"roles": anyOf("type(%[2]s) IN %[4]s", roleTypes)}
	role := map[string]string{"role": strings.ReplaceAll(roleOfRel, "(r)", "(%[2]s)")}
	participationsOf := func(participant string) *traversal {
		return &traversal{
			match:  `(%[1]s)-[%[2]s:` + participationRels + `]->(%[3]s:Event)`,
			args:   roles,
			order:  `%[3]s.sortDate DESC, %[3]s.slug, type(%[2]s)`,
			item:   "Participation",
			ends:   map[string]endOf{"participant": {from: true, typ: participant}, "event": {typ: "Event"}},
			values: role,
		}
	}
	participants := &traversal{
		match:  `(%[1]s)<-[%[2]s:` + participationRels + `]-(%[3]s)`,
		args:   roles,
		order:  `CASE WHEN %[3]s:Stakeholder THEN 0 ELSE 1 END, %[3]s.nameKey, %[3]s.slug, type(%[2]s)`,
		item:   "Participation",
		ends:   map[string]endOf{"event": {from: true, typ: "Event"}, "participant": {typ: "Participant"}},
		values: role,
	}

	nodeTypes = map[string]*nodeType{
		"Stakeholder": {
			label: "Stakeholder",
			fields: map[string]fieldMapping{
				"id": idFromSlug(), "slug": prop("slug"), "name": prop("name"), "acronym": prop("acronym"),
				"aliases": prop("aliases"), "kind": prop("kind"), "sector": prop("sector"),
				"country": prop("country"), "focusAreas": prop("focusAreas"), "mandates": prop("mandates"),
				"description": prop("description"), "collective": prop("collective"), "sources": cited(),
				"partners": listAlong(partners), "ties": listAlong(ties), "positions": listAlong(positionsAt),
				"participations": listAlong(participationsOf("Stakeholder")),
				"centrality":     fromAnalysis(), "history": fromTrail(),
			},
			decode:  func(m row) any { return decodeStakeholder(m) },
			planned: func(v any) *domain.Planned { return &v.(*domain.Stakeholder).Planned },
		},
		"Person": {
			label: "Person",
			fields: map[string]fieldMapping{
				"id": idFromSlug(), "slug": prop("slug"), "name": prop("name"), "honorific": prop("honorific"),
				"sources": cited(), "positions": listAlong(positionsOf),
				"participations": listAlong(participationsOf("Person")),
			},
			decode:  func(m row) any { return decodePerson(m) },
			planned: func(v any) *domain.Planned { return &v.(*domain.Person).Planned },
		},
		"Event": {
			label: "Event",
			fields: map[string]fieldMapping{
				"id": idFromSlug(), "slug": prop("slug"), "name": prop("name"), "kind": prop("kind"),
				"date": prop("date"), "location": prop("location"), "country": prop("country"),
				"description": prop("description"), "sources": cited(), "participants": listAlong(participants),
			},
			decode:  func(m row) any { return decodeEvent(m) },
			planned: func(v any) *domain.Planned { return &v.(*domain.Event).Planned },
		},
	}

	itemTypes = map[string]*itemType{
		"Partnership": {
			fields: evidenceFields(spanFields(map[string]fieldMapping{
				"stakeholder": endNamed("stakeholder"), "partner": endNamed("partner"),
				"focusAreas": prop("focusAreas"), "description": prop("description"), "sources": cited(),
			})),
			decode: func(r, _ row, end func(string) any) any {
				p := &domain.Partnership{FocusAreas: enums[domain.FocusArea](r, "focusAreas"),
					Description: optStr(r, "description"), Span: decodeSpan(r), Evidence: decodeEvidence(r),
					Sources: decodeSources(r)}
				p.Stakeholder, _ = end("stakeholder").(*domain.Stakeholder)
				p.Partner, _ = end("partner").(*domain.Stakeholder)
				return p
			},
		},
		"Tie": {
			fields: evidenceFields(spanFields(map[string]fieldMapping{
				"type": computed("type"), "stakeholder": endNamed("stakeholder"), "other": endNamed("other"),
				"direction": computed("direction"), "role": prop("role"), "focusAreas": prop("focusAreas"),
				"description": prop("description"), "sources": cited(),
			})),
			decode: func(r, item row, end func(string) any) any {
				t := &domain.Tie{Type: domain.TieType(str(item, "type")),
					Direction: domain.TieDirection(str(item, "direction")), Role: optStr(r, "role"),
					FocusAreas: enums[domain.FocusArea](r, "focusAreas"), Description: optStr(r, "description"),
					Span: decodeSpan(r), Evidence: decodeEvidence(r), Sources: decodeSources(r)}
				t.Stakeholder, _ = end("stakeholder").(*domain.Stakeholder)
				t.Other, _ = end("other").(*domain.Stakeholder)
				return t
			},
		},
		"Position": {
			fields: spanFields(map[string]fieldMapping{
				"person": endNamed("person"), "stakeholder": endNamed("stakeholder"), "title": prop("title"),
				"sources": cited(),
			}),
			decode: func(r, _ row, end func(string) any) any {
				p := &domain.Position{Title: str(r, "title"), Span: decodeSpan(r), Sources: decodeSources(r)}
				p.Person, _ = end("person").(*domain.Person)
				p.Stakeholder, _ = end("stakeholder").(*domain.Stakeholder)
				return p
			},
		},
		"Participation": {
			fields: map[string]fieldMapping{
				"event": endNamed("event"), "participant": endNamed("participant"), "role": computed("role"),
				"description": prop("description"), "sources": cited(),
			},
			decode: func(r, item row, end func(string) any) any {
				p := &domain.Participation{Role: domain.ParticipationRole(str(item, "role")),
					Description: optStr(r, "description"), Sources: decodeSources(r)}
				p.Event, _ = end("event").(*domain.Event)
				p.Participant, _ = end("participant").(domain.Participant)
				return p
			},
		},
	}
}

// argument turns an argument's value into a condition on a traversal's items (with %[1]s..%[3]s as in the
// traversal's pattern and %[4]s the parameter), and the parameter's value. ok is false for a value the
// planner does not read (the list is then left to its resolver, which reports what is wrong with it);
// an empty condition narrows nothing.
//
// The condition is written whatever the value, null-tolerant (`$p IS NULL OR ...`), and the parameter is
// null when the argument narrows nothing: the statement's text then depends on the query's selection only,
// not on its values, so Neo4j plans it once and reuses the plan for every value a client sends (planning
// a statement with nested subqueries costs it around 100 ms; a new text for every combination of given
// and empty arguments made a dashboard's filters pay that again and again).
type argument func(v any) (cond string, param any, ok bool)

// nullTolerant wraps cond so that a null parameter narrows nothing.
func nullTolerant(cond string) string { return "(%[4]s IS NULL OR " + cond + ")" }

// anyOf narrows by cond with the argument read by read; a null argument, or an empty list, narrows
// nothing.
func anyOf(cond string, read func(any) (any, bool)) argument {
	return func(v any) (string, any, bool) {
		if v == nil {
			return nullTolerant(cond), nil, true
		}
		p, ok := read(v)
		if l, isList := p.([]string); isList && len(l) == 0 {
			return nullTolerant(cond), nil, ok
		}
		return nullTolerant(cond), p, ok
	}
}

// enumList reads a list of enum values; GraphQL lets one value stand for a list of one.
func enumList(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

func enumValue(v any) (any, bool) {
	s, ok := v.(string)
	return s, ok
}

// roleTypes reads a list of participation roles as the relationship types that store them.
func roleTypes(v any) (any, bool) {
	l, ok := enumList(v)
	if !ok {
		return nil, false
	}
	var out []string
	for _, r := range l.([]string) {
		t, ok := participationTypes[domain.ParticipationRole(r)]
		if !ok {
			return nil, false
		}
		out = append(out, t)
	}
	return out, true
}

// inForceOn keeps the ties in force on a full date (see inForce).
func inForceOn(v any) (string, any, bool) {
	cond := nullTolerant(strings.ReplaceAll(inForce("%[2]s"), "$asOf", "%[4]s"))
	if v == nil {
		return cond, nil, true
	}
	s, ok := v.(string)
	if !ok || domain.CheckAsOf((*domain.Date)(&s)) != nil {
		return "", nil, false
	}
	return cond, s, true
}

// evidenceOf keeps the ties with the evidence an EvidenceFilter argument asks for, or the default evidence
// when it is absent (see admitted). The parameter is a map of admitted's two values.
func evidenceOf(v any) (string, any, bool) {
	f, ok := evidenceArgument(v)
	if !ok || f.Check() != nil {
		return "", nil, false
	}
	return evidenceCond, evidenceParams(map[string]any{}, f), true
}

// evidenceCond is admitted written for a traversal, its two values read from the argument's map.
var evidenceCond = strings.NewReplacer("$minSources", "%[4]s.minSources", "$refusedSources", "%[4]s.refusedSources").
	Replace(admitted("%[2]s"))

// evidenceArgument reads an EvidenceFilter argument as GraphQL gives it: nil, or a map of its fields.
func evidenceArgument(v any) (*domain.EvidenceFilter, bool) {
	if v == nil {
		return nil, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	f := &domain.EvidenceFilter{}
	for name, x := range m {
		switch {
		case x == nil:
		case name == "minSources":
			n, ok := intValue(x)
			if !ok {
				return nil, false
			}
			f.MinSources = &n
		case name == "minKind":
			k, ok := x.(string)
			if !ok {
				return nil, false
			}
			f.MinKind = (*domain.SourceKind)(&k)
		default:
			return nil, false
		}
	}
	return f, true
}

// intValue reads a GraphQL Int as a literal or a variable gives it.
func intValue(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// CheckMapping reports every field of the schema's stored types that the table does not map, and every
// mapped field the schema lacks, with the arguments of each list on both sides.
func CheckMapping(schema *ast.Schema) error {
	var problems []string
	check := func(typ string, fields map[string]fieldMapping) {
		def := schema.Types[typ]
		if def == nil {
			problems = append(problems, fmt.Sprintf("the schema has no type %s", typ))
			return
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			m, ok := fields[f.Name]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s.%s is not mapped to storage", typ, f.Name))
				continue
			}
			if (m.kind == analysed) != (f.Directives.ForName("analysis") != nil) {
				problems = append(problems, fmt.Sprintf("%s.%s: marked @analysis in one of the schema and the mapping, not both", typ, f.Name))
				continue
			}
			if m.kind == analysed || m.kind == audited {
				continue // its arguments are the analysis service's or the audit trail's
			}
			var args []string
			for _, a := range f.Arguments {
				args = append(args, a.Name)
			}
			var mapped []string
			if m.kind == list {
				for a := range m.list.args {
					mapped = append(mapped, a)
				}
			}
			slices.Sort(args)
			slices.Sort(mapped)
			if !slices.Equal(args, mapped) {
				problems = append(problems, fmt.Sprintf("%s.%s takes arguments %v, the mapping reads %v", typ, f.Name, args, mapped))
			}
		}
		for name := range fields {
			if def.Fields.ForName(name) == nil {
				problems = append(problems, fmt.Sprintf("%s.%s is mapped but the schema has no such field", typ, name))
			}
		}
	}
	for name, t := range nodeTypes {
		check(name, t.fields)
		for _, m := range t.fields {
			if m.kind == list {
				if _, ok := itemTypes[m.list.item]; !ok {
					problems = append(problems, fmt.Sprintf("a list of %s reads items of unmapped type %s", name, m.list.item))
				}
			}
		}
	}
	for name, t := range itemTypes {
		check(name, t.fields)
	}
	check("Source", sourceFields)
	slices.Sort(problems)
	if len(problems) > 0 {
		return fmt.Errorf("the storage mapping does not match the schema:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}
