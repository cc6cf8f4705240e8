package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The generated queries are written against the service's schema. This file asks the same questions of the
// Neo4j GraphQL Library through the API it generates from bench/neo4j-graphql/typeDefs.graphql, as a
// developer moving a dashboard from one to the other would, and reads its answers back into the service's
// shape so the two can be compared field by field.
//
// What translates: `stakeholder` (by slug or ID), `stakeholders` (its filter but `mandateContains`, its
// orders, its page's nodes, edges, pageInfo and totalCount) and `partnerships` (kinds and partner kinds, its
// nodes and edges); on a stakeholder its properties, `sources` and `partners` (kinds and focus areas); on a
// partnership the partner and the tie's properties. Everything else (people, events, search, node lookups,
// `ties`, positions, participations, `asOf`, a partnership's sources, cursors to continue from) has no
// counterpart there, or none a client could write without @cypher, and the query is counted as one the
// library cannot answer, with the first reason met.

// libraryFields are the fields translate can express in the library's API, as Type.field: the library's
// set of generated shapes is kept to them. Arguments and values it cannot express (asOf, mandateContains)
// are found per query.
var libraryFields = map[string]bool{}

func init() {
	for typ, fields := range map[string]string{
		"Query":                 "stakeholder stakeholders partnerships",
		"Stakeholder":           "id slug name acronym aliases kind sector country focusAreas mandates description collective sources partners",
		"Partnership":           "stakeholder partner focusAreas description since until evidencedFrom",
		"Source":                "title publisher date url quote",
		"StakeholderConnection": "edges nodes pageInfo totalCount",
		"StakeholderEdge":       "cursor node",
		"PageInfo":              "hasNextPage hasPreviousPage startCursor endCursor",
		"PartnershipConnection": "edges nodes",
		"PartnershipEdge":       "node",
	} {
		for _, f := range strings.Fields(fields) {
			libraryFields[typ+"."+f] = true
		}
	}
}

// cannot is why a query does not translate.
type cannot struct{ why string }

func (c cannot) Error() string { return c.why }

func refuse(format string, a ...any) { panic(cannot{fmt.Sprintf(format, a...)}) }

// translated is a query as the library is asked it, and how its answer reads back.
type translated struct {
	text string
	// read turns the library's data into the service's shape; norm hides in the service's data what cannot
	// be equal (cursors, which each system writes its own way).
	read, norm func(data map[string]any) (map[string]any, error)
}

// field is one response field of the translation: the library selection that answers it, how its value
// is read from the library's object, and how the service's value is normalised for the comparison.
type field struct {
	key  string
	text string
	read func(obj map[string]any) any
	norm func(v any) any
}

func same(v any) any { return v }

func cursorMask(v any) any {
	if v == nil {
		return nil
	}
	return "<cursor>"
}

// translate returns q asked of the library, or the reason it cannot be.
func translate(schema *ast.Schema, text string, vars map[string]any) (t translated, err error) {
	doc, err := parseQuery(schema, text)
	if err != nil {
		return t, err
	}
	defer func() {
		if r := recover(); r != nil {
			c, ok := r.(cannot)
			if !ok {
				panic(r)
			}
			err = c
		}
	}()
	tr := translator{vars: vars}
	fields := tr.object(doc.Operations[0].SelectionSet, tr.root)
	var b strings.Builder
	b.WriteString("{")
	for _, f := range fields {
		b.WriteString(" " + f.text)
	}
	b.WriteString(" }")
	t.text = b.String()
	t.read = func(data map[string]any) (map[string]any, error) { return readObject(fields, data), nil }
	t.norm = func(data map[string]any) (map[string]any, error) { return normObject(fields, data), nil }
	return t, nil
}

func parseQuery(schema *ast.Schema, text string) (*ast.QueryDocument, error) {
	doc, errs := gqlparser.LoadQuery(schema, text)
	if len(errs) > 0 {
		return nil, fmt.Errorf("the query does not validate: %v", errs)
	}
	return doc, nil
}

func readObject(fields []field, obj map[string]any) map[string]any {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		out[f.key] = f.read(obj)
	}
	return out
}

func normObject(fields []field, obj map[string]any) map[string]any {
	if obj == nil {
		return nil
	}
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		out[f.key] = f.norm(obj[f.key])
	}
	return out
}

type translator struct {
	vars map[string]any
	// n numbers the library's helper aliases.
	n int
}

// group is the fields of one response name in a selection set, their selections merged.
type group struct {
	key    string
	fields []*ast.Field
}

func (g group) first() *ast.Field { return g.fields[0] }

// sub returns the merged selection set of the group's fields.
func (g group) sub() ast.SelectionSet {
	var s ast.SelectionSet
	for _, f := range g.fields {
		s = append(s, f.SelectionSet...)
	}
	return s
}

// collect groups a selection set's fields by response name, fragments spread in place and @include/@skip
// applied, as an executor does for an object type (every fragment a generated query writes on an object's
// own selection applies to it).
func (tr *translator) collect(set ast.SelectionSet) []group {
	var out []group
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				if !tr.included(s.Directives) {
					continue
				}
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				i := slices.IndexFunc(out, func(g group) bool { return g.key == key })
				if i < 0 {
					out = append(out, group{key: key})
					i = len(out) - 1
				}
				out[i].fields = append(out[i].fields, s)
			case *ast.InlineFragment:
				if tr.included(s.Directives) {
					walk(s.SelectionSet)
				}
			case *ast.FragmentSpread:
				if tr.included(s.Directives) {
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	walk(set)
	return out
}

func (tr *translator) included(ds ast.DirectiveList) bool {
	for _, d := range ds {
		v, _ := d.ArgumentMap(tr.vars)["if"].(bool)
		if d.Name == "include" && !v || d.Name == "skip" && v {
			return false
		}
	}
	return true
}

// args returns the arguments of the group's field (fields merged under one name have equal arguments). An
// argument given as null, or as a variable not sent, takes its default, as the service reads it.
func (tr *translator) args(g group) map[string]any {
	f := g.first()
	a := f.ArgumentMap(tr.vars)
	for _, def := range f.Definition.Arguments {
		if a[def.Name] == nil && def.DefaultValue != nil {
			v, err := def.DefaultValue.Value(nil)
			if err == nil {
				a[def.Name] = v
			}
		}
	}
	return a
}

// object translates the fields of a selection set with one translator per field name.
func (tr *translator) object(set ast.SelectionSet, fieldOf func(g group) field) []field {
	var out []field
	for _, g := range tr.collect(set) {
		if g.first().Name == "__typename" {
			typ := g.first().ObjectDefinition.Name
			out = append(out, field{key: g.key, read: func(map[string]any) any { return typ }, norm: same})
			continue
		}
		out = append(out, fieldOf(g))
	}
	return out
}

func (tr *translator) root(g group) field {
	f := g.first()
	a := tr.args(g)
	switch f.Name {
	case "stakeholder":
		slug, _ := a["slug"].(string)
		if id, ok := a["id"].(string); ok {
			raw, err := base64.RawURLEncoding.DecodeString(id)
			typ, s, _ := strings.Cut(string(raw), ":")
			if err != nil || typ != "Stakeholder" {
				refuse("stakeholder(id:) of something else")
			}
			slug = s
		}
		inner := tr.object(g.sub(), tr.stakeholder)
		return field{key: g.key,
			text: fmt.Sprintf("%s: stakeholders(where: {slug: {eq: %s}}, limit: 1) %s", g.key, lit(slug), selText(inner)),
			read: func(obj map[string]any) any {
				list := arr(obj[g.key])
				if len(list) == 0 {
					return nil
				}
				return readObject(inner, obj_(list[0]))
			},
			norm: func(v any) any { return normObject(inner, obj_(v)) },
		}
	case "stakeholders":
		var where []string
		if filter, ok := a["filter"].(map[string]any); ok {
			where = tr.stakeholderFilter(filter)
		}
		order := "nameKey"
		dir := "ASC"
		if o, ok := a["orderBy"].(map[string]any); ok {
			if o["field"] == "SLUG" {
				order = "slug"
			}
			if o["direction"] == "DESC" {
				dir = "DESC"
			}
		}
		sort := fmt.Sprintf("[{%s: %s}, {slug: %s}]", order, dir, dir)
		if order == "slug" {
			sort = fmt.Sprintf("[{slug: %s}]", dir)
		}
		first := intArg(a["first"])
		if first == 0 {
			refuse("stakeholders(first: 0): the library reads it as no limit")
		}
		head := fmt.Sprintf("stakeholdersConnection(first: %d, where: {%s}, sort: %s)", first, strings.Join(where, ", "), sort)
		return tr.connection(g, head, tr.stakeholder, true)
	case "partnerships":
		var params []string
		if filter, ok := a["filter"].(map[string]any); ok {
			for name, v := range filter {
				switch name {
				case "kinds", "partnerKinds", "focusAreas":
					if l := list(v); len(l) > 0 {
						params = append(params, name+": "+lit(l))
					}
				default:
					if v != nil && !(isList(v) && len(list(v)) == 0) {
						refuse("partnerships(filter: {%s})", name)
					}
				}
			}
		}
		slices.Sort(params)
		params = append(params, fmt.Sprintf("first: %d", intArg(a["first"])))
		return tr.connection(g, "partnerships("+strings.Join(params, ", ")+")", tr.partnershipRow, false)
	}
	refuse("Query.%s", f.Name)
	return field{}
}

// stakeholderFilter is the library's where for a StakeholderFilter.
func (tr *translator) stakeholderFilter(filter map[string]any) []string {
	var where []string
	for name, v := range filter {
		if v == nil {
			continue
		}
		switch name {
		case "kinds", "sectors":
			if l := list(v); len(l) > 0 {
				where = append(where, fmt.Sprintf("%s: {in: %s}", strings.TrimSuffix(name, "s"), lit(l)))
			}
		case "focusAreas":
			if l := list(v); len(l) > 0 {
				where = append(where, "OR: "+includesAny("focusAreas", l))
			}
		case "country":
			where = append(where, "country: {eq: "+lit(strings.ToUpper(strings.TrimSpace(v.(string))))+"}")
		case "nameContains":
			where = append(where, "searchText: {contains: "+lit(strings.ToLower(strings.TrimSpace(v.(string))))+"}")
		case "collective":
			where = append(where, fmt.Sprintf("collective: {eq: %t}", v.(bool)))
		default:
			refuse("stakeholders(filter: {%s})", name)
		}
	}
	slices.Sort(where)
	return where
}

// includesAny is a list of conditions, one per value, that a list property holds it.
func includesAny(prop string, values []any) string {
	var parts []string
	for _, v := range values {
		parts = append(parts, fmt.Sprintf("{%s: {includes: %s}}", prop, lit(v)))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// connection translates a page of items: head is the library's field that answers it, a connection with
// edges, pageInfo and totalCount when isConnection is set, else a @cypher list of rows with no page around
// it.
func (tr *translator) connection(g group, head string, item func(group) field, isConnection bool) field {
	var fields []field
	for _, sub := range tr.collect(g.sub()) {
		f := sub.first()
		key := sub.key
		switch f.Name {
		case "__typename":
			typ := f.ObjectDefinition.Name
			fields = append(fields, field{key: key, read: func(map[string]any) any { return typ }, norm: same})
		case "totalCount":
			if !isConnection {
				refuse("totalCount of Query.%s", g.first().Name)
			}
			fields = append(fields, field{key: key, text: key + ": totalCount", read: func(o map[string]any) any { return o[key] }, norm: same})
		case "pageInfo":
			if !isConnection {
				refuse("pageInfo of Query.%s", g.first().Name)
			}
			inner := tr.object(sub.sub(), func(pg group) field {
				k, name := pg.key, pg.first().Name
				norm := same
				if name == "startCursor" || name == "endCursor" {
					norm = cursorMask
				}
				return field{key: k, text: k + ": " + name, read: func(o map[string]any) any { return norm(o[k]) }, norm: norm}
			})
			fields = append(fields, tr.nested(key, "pageInfo", inner))
		case "nodes", "edges":
			var inner []field
			if f.Name == "nodes" {
				inner = tr.object(sub.sub(), item)
			} else {
				inner = tr.object(sub.sub(), func(eg group) field {
					switch eg.first().Name {
					case "cursor":
						if !isConnection {
							refuse("cursor of Query.%s", g.first().Name)
						}
						k := eg.key
						return field{key: k, text: k + ": cursor", read: func(o map[string]any) any { return cursorMask(o[k]) }, norm: cursorMask}
					case "node":
						nodeFields := tr.object(eg.sub(), item)
						if isConnection {
							return tr.nested(eg.key, "node", nodeFields)
						}
						// A row is the node itself.
						return field{key: eg.key, text: strings.Join(texts(nodeFields), " "),
							read: func(o map[string]any) any { return readObject(nodeFields, o) },
							norm: func(v any) any { return normObject(nodeFields, obj_(v)) }}
					}
					refuse("%s.%s", eg.first().ObjectDefinition.Name, eg.first().Name)
					return field{}
				})
			}
			if isConnection && f.Name == "nodes" {
				// The library's connection has no nodes: each edge's node.
				nodeKey := tr.alias()
				fields = append(fields, field{key: key,
					text: fmt.Sprintf("%s: edges { %s: node %s }", key, nodeKey, selText(inner)),
					read: func(o map[string]any) any {
						var out []any
						for _, e := range arr(o[key]) {
							out = append(out, readObject(inner, obj_(obj_(e)[nodeKey])))
						}
						return orEmpty(out)
					},
					norm: func(v any) any { return normList(inner, v) }})
				continue
			}
			if isConnection {
				fields = append(fields, tr.nestedList(key, "edges", inner))
				continue
			}
			// A @cypher list of rows: edges and nodes are both the rows (edges' fields are cursor and node),
			// each asked under an alias of its own, since the page has no object in the library's answer.
			rows := tr.alias()
			fields = append(fields, field{key: key, text: rows + ": " + head + " " + selText(inner),
				read: func(o map[string]any) any {
					var out []any
					for _, r := range arr(o[rows]) {
						out = append(out, readObject(inner, obj_(r)))
					}
					return orEmpty(out)
				},
				norm: func(v any) any { return normList(inner, v) }})
		default:
			refuse("%s.%s", f.ObjectDefinition.Name, f.Name)
		}
	}
	if !isConnection {
		// Each field asked the rows itself; the page is an object of them.
		return field{key: g.key, text: strings.Join(texts(fields), " "),
			read: func(o map[string]any) any { return readObject(fields, o) },
			norm: func(v any) any { return normObject(fields, obj_(v)) }}
	}
	return field{key: g.key, text: g.key + ": " + head + " " + selText(fields),
		read: func(o map[string]any) any { return readObject(fields, obj_(o[g.key])) },
		norm: func(v any) any { return normObject(fields, obj_(v)) }}
}

func (tr *translator) alias() string {
	tr.n++
	return "x" + strconv.Itoa(tr.n)
}

// nested is an object field asked under the same key.
func (tr *translator) nested(key, libField string, inner []field) field {
	return field{key: key, text: key + ": " + libField + " " + selText(inner),
		read: func(o map[string]any) any {
			v := obj_(o[key])
			if v == nil {
				return nil
			}
			return readObject(inner, v)
		},
		norm: func(v any) any { return normObject(inner, obj_(v)) }}
}

// nestedList is a list-of-objects field asked under the same key.
func (tr *translator) nestedList(key, libField string, inner []field) field {
	return field{key: key, text: key + ": " + libField + " " + selText(inner),
		read: func(o map[string]any) any {
			var out []any
			for _, e := range arr(o[key]) {
				out = append(out, readObject(inner, obj_(e)))
			}
			return orEmpty(out)
		},
		norm: func(v any) any { return normList(inner, v) }}
}

func normList(inner []field, v any) any {
	var out []any
	for _, e := range arr(v) {
		out = append(out, normObject(inner, obj_(e)))
	}
	return orEmpty(out)
}

// stakeholder translates a field of Stakeholder.
func (tr *translator) stakeholder(g group) field {
	f := g.first()
	key := g.key
	if sf, ok := stakeholderScalar(key, f.Name); ok {
		return sf
	}
	switch f.Name {
	case "sources":
		return tr.sources(g)
	case "partners":
		a := tr.args(g)
		if a["asOf"] != nil {
			refuse("Stakeholder.partners(asOf:)")
		}
		if a["evidence"] != nil {
			refuse("Stakeholder.partners(evidence:)")
		}
		var where []string
		if l := list(a["kinds"]); len(l) > 0 {
			where = append(where, "node: {kind: {in: "+lit(l)+"}}")
		}
		if l := list(a["focusAreas"]); len(l) > 0 {
			where = append(where, "edge: {OR: "+includesAny("focusAreas", l)+"}")
		}
		inner := tr.object(g.sub(), tr.partnership)
		text := fmt.Sprintf("%s: partnersConnection(where: {%s}, sort: [{node: {nameKey: ASC}}, {node: {slug: ASC}}, {edge: {key: ASC}}]) { edges %s }",
			key, strings.Join(where, ", "), edgeText(inner))
		return field{key: key, text: text,
			read: func(o map[string]any) any {
				var out []any
				for _, e := range arr(obj_(o[key])["edges"]) {
					out = append(out, readObject(inner, obj_(e)))
				}
				return orEmpty(out)
			},
			norm: func(v any) any { return normList(inner, v) }}
	}
	refuse("Stakeholder.%s", f.Name)
	return field{}
}

// absent is what the service answers where the library gives null: an empty list for a list field, false
// for collective, null for the rest.
func absent(name string) any {
	switch name {
	case "aliases", "focusAreas", "mandates":
		return []any{}
	case "collective":
		return false
	}
	return nil
}

func orAbsent(v any, name string) any {
	if v == nil {
		return absent(name)
	}
	return v
}

// scalar is a property of the library's object asked under the service's key.
func scalar(key, name string) field {
	return field{key: key, text: key + ": " + name, norm: same, read: func(o map[string]any) any { return orAbsent(o[key], name) }}
}

// stakeholderScalar translates a stakeholder's ID and properties, which every library object of a
// stakeholder has (a node, or a partnerships row's map); ok is false for other fields.
func stakeholderScalar(key, name string) (field, bool) {
	switch name {
	case "id":
		return field{key: key, text: key + ": slug", norm: same, read: func(o map[string]any) any {
			return base64.RawURLEncoding.EncodeToString([]byte("Stakeholder:" + str(o[key])))
		}}, true
	case "slug", "name", "acronym", "kind", "sector", "country", "description", "aliases", "focusAreas", "mandates", "collective":
		return scalar(key, name), true
	}
	return field{}, false
}

// sources are a stakeholder's cited documents, each with the citation's quote: the documents from the
// @cypher field, the quotes from the citations' parallel list.
func (tr *translator) sources(g group) field {
	key := g.key
	quotes := tr.alias()
	var inner []field
	for _, sg := range tr.collect(g.sub()) {
		k, name := sg.key, sg.first().Name
		switch name {
		case "__typename":
			inner = append(inner, field{key: k, read: func(map[string]any) any { return "Source" }, norm: same})
		case "quote":
			inner = append(inner, field{key: k, norm: same, read: func(o map[string]any) any { return o["\x00quote"] }})
		default:
			inner = append(inner, field{key: k, text: k + ": " + name, norm: same, read: func(o map[string]any) any { return o[k] }})
		}
	}
	return field{key: key, text: fmt.Sprintf("%s: sourceDocuments %s %s: citeQuotes", key, selText(inner), quotes),
		read: func(o map[string]any) any {
			qs := arr(o[quotes])
			var out []any
			for i, d := range arr(o[key]) {
				doc := obj_(d)
				if i < len(qs) {
					doc["\x00quote"] = qs[i]
				}
				out = append(out, readObject(inner, doc))
			}
			return orEmpty(out)
		},
		norm: func(v any) any { return normList(inner, v) }}
}

// partnership translates a field of Partnership, read from one edge of partnersConnection.
func (tr *translator) partnership(g group) field {
	f := g.first()
	key := g.key
	switch f.Name {
	case "partner":
		inner := tr.object(g.sub(), tr.stakeholder)
		return field{key: key, text: key + ": node " + selText(inner),
			read: func(o map[string]any) any { return readObject(inner, obj_(o[key])) },
			norm: func(v any) any { return normObject(inner, obj_(v)) }}
	case "focusAreas", "description", "since", "until", "evidencedFrom", "independentSources", "strongestSource":
		name := f.Name
		return field{key: key, text: "properties { " + key + ": " + name + " }", norm: same, read: func(o map[string]any) any {
			return orAbsent(obj_(o["properties"])[key], name)
		}}
	}
	refuse("Partnership.%s", f.Name)
	return field{}
}

// partnershipRow translates a field of Partnership, read from a row of the library's partnerships.
func (tr *translator) partnershipRow(g group) field {
	f := g.first()
	key := g.key
	switch f.Name {
	case "stakeholder", "partner":
		inner := tr.object(g.sub(), func(sg group) field {
			if sf, ok := stakeholderScalar(sg.key, sg.first().Name); ok {
				return sf
			}
			refuse("Stakeholder.%s of a partnerships row", sg.first().Name)
			return field{}
		})
		return tr.nested(key, f.Name, inner)
	case "focusAreas", "description", "since", "until", "evidencedFrom", "independentSources", "strongestSource":
		return scalar(key, f.Name)
	}
	refuse("Partnership.%s of a partnerships row", f.Name)
	return field{}
}

// edgeText is the selection of a relationship edge for a partnership's fields: the node's fields and the
// properties' fields, each group written once.
func edgeText(fields []field) string {
	var props, rest []string
	for _, f := range fields {
		if p, ok := strings.CutPrefix(f.text, "properties { "); ok {
			props = append(props, strings.TrimSuffix(p, " }"))
		} else if f.text != "" {
			rest = append(rest, f.text)
		}
	}
	if len(props) > 0 {
		rest = append(rest, "properties { "+strings.Join(props, " ")+" }")
	}
	if len(rest) == 0 {
		rest = []string{"__typename"}
	}
	return "{ " + strings.Join(rest, " ") + " }"
}

func texts(fields []field) []string {
	var out []string
	for _, f := range fields {
		if f.text != "" {
			out = append(out, f.text)
		}
	}
	return out
}

// selText is a selection set of the fields' texts; one with only constant fields asks for __typename.
func selText(fields []field) string {
	t := texts(fields)
	if len(t) == 0 {
		t = []string{"__typename"}
	}
	return "{ " + strings.Join(t, " ") + " }"
}

// lit writes a Go value (a JSON value, with enums as strings) as a GraphQL literal.
func lit(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		b, _ := json.Marshal(v)
		return string(b)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = lit(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		return lit(list(v))
	}
	return fmt.Sprint(v)
}

func isList(v any) bool {
	switch v.(type) {
	case []any, []string:
		return true
	}
	return false
}

// list is a list argument's items; a bare item is a list of one.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	}
	return []any{v}
}

func intArg(v any) int64 {
	switch v := v.(type) {
	case int:
		return int64(v)
	case int64:
		return v
	case float64:
		return int64(v)
	case json.Number:
		n, _ := v.Int64()
		return n
	}
	panic(fmt.Sprintf("an Int argument of type %T", v))
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

func obj_(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
