package neo4jstore

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The read planner: it compiles what a query selects of an object (domain.Selection) into the Cypher map
// projection that reads it, with every list below it at any depth as a COLLECT subquery, and into the
// decoder that turns the map into domain objects, each list attached to its parent (domain.Planned) for
// the list's resolver. The storage of every field comes from the table in mapping.go; the text is built
// from that table's fixed fragments and generated variable and parameter names, and every value the query
// gives travels as a parameter.
//
// A list the planner cannot read as asked (an argument value it does not accept, such as a partial date
// for asOf) is left out of the projection: its resolver reads it and reports the problem where it is.

// decoder turns one projected map into its domain object.
type decoder func(row) any

// planner compiles the projections of one statement: it names variables and parameters uniquely.
type planner struct {
	params map[string]any
	vars   int
}

func newPlanner() *planner { return &planner{params: map[string]any{}} }

// param adds a parameter and returns its name in the text, such as $p3.
func (p *planner) param(v any) string {
	name := fmt.Sprintf("p%d", len(p.params))
	p.params[name] = v
	return "$" + name
}

// fresh returns a variable name not used yet in the statement.
func (p *planner) fresh(prefix string) string {
	p.vars++
	return fmt.Sprintf("%s%d", prefix, p.vars)
}

// node compiles the projection of the node bound to v, of GraphQL type typ, as sel reads it.
func (p *planner) node(typ, v string, sel *domain.Selection) (string, decoder) {
	if sel != nil && sel.Variants != nil && nodeTypes[typ] != nil {
		sel = sel.Variants[typ] // a selection on a union, of a node known to be of one of its types
	}
	if members, ok := unions[typ]; ok {
		return p.union(members, v, sel)
	}
	t := nodeTypes[typ]
	parts := []string{".slug"} // every object has its slug: its ID, cursors, and the reads by slug below it
	seen := map[string]bool{"slug": true}
	addProperty := func(name string) {
		if !seen[name] {
			seen[name] = true
			parts = append(parts, "."+name)
		}
	}
	for _, name := range selected(sel) {
		m, ok := t.fields[name]
		if !ok {
			continue // __typename, or a field read only from the selection's lists
		}
		switch m.kind {
		case property:
			addProperty(m.property)
		case citations:
			if !seen["@citations"] {
				seen["@citations"] = true
				parts = append(parts, citationsOf(v))
			}
		}
	}
	type plannedList struct {
		column, key string
		decode      func(any) any
	}
	var lists []plannedList
	if sel != nil {
		for _, l := range sel.Lists {
			m, ok := t.fields[l.Field]
			if !ok || m.kind != list {
				continue // the sources, read above with the fields
			}
			text, decode, ok := p.traverse(m.list, v, l)
			if !ok {
				continue
			}
			column := p.fresh("l")
			parts = append(parts, column+": "+text)
			lists = append(lists, plannedList{column: column, key: l.Key, decode: decode})
		}
	}
	return v + " {" + strings.Join(parts, ", ") + "}", func(m row) any {
		if m == nil {
			return nil
		}
		obj := t.decode(m)
		if len(lists) > 0 {
			planned := t.planned(obj)
			for _, l := range lists {
				planned.Set(l.key, l.decode(m[l.column]))
			}
		}
		return obj
	}
}

// union compiles the projection of a node that may be of any of the object types members, each with the
// selection made on it: the map names the type it holds.
func (p *planner) union(members []string, v string, sel *domain.Selection) (string, decoder) {
	var cases []string
	decoders := map[string]decoder{}
	for _, typ := range members {
		var of *domain.Selection
		if sel != nil {
			of = sel.Variants[typ]
		}
		text, decode := p.node(typ, v, of)
		cases = append(cases, fmt.Sprintf("WHEN %s:%s THEN {type: '%s', node: %s}", v, nodeTypes[typ].label, typ, text))
		decoders[typ] = decode
	}
	return "CASE " + strings.Join(cases, " ") + " END", func(m row) any {
		decode, ok := decoders[str(m, "type")]
		if !ok {
			return nil
		}
		return decode(sub(m, "node"))
	}
}

// traverse compiles the COLLECT subquery that reads the list l from the node bound to from, and the
// decoder of its value into the typed list the list's resolver returns. ok is false when an argument's
// value is one the planner does not read.
func (p *planner) traverse(t *traversal, from string, l *domain.ListSelection) (string, func(any) any, bool) {
	rel, to := p.fresh("r"), p.fresh("n")
	vars := func(text string, param string) string { return fmt.Sprintf(text, from, rel, to, param) }
	for name := range l.Args {
		if _, ok := t.args[name]; !ok {
			return "", nil, false
		}
	}
	// Every argument the list takes has its condition, given or not (see argument).
	var conds []string
	for _, name := range slices.Sorted(maps.Keys(t.args)) {
		cond, value, ok := t.args[name](l.Args[name])
		if !ok {
			return "", nil, false
		}
		conds = append(conds, vars(cond, p.param(value)))
	}
	bound := map[string]string{}
	for name, e := range t.ends {
		if e.from {
			bound[name] = from
		} else {
			bound[name] = to
		}
	}
	item, decode := p.item(t.item, rel, t.ends, bound, t.values, vars, l.Of)
	text := "COLLECT { MATCH " + vars(t.match, "")
	if len(conds) > 0 {
		text += " WHERE " + strings.Join(conds, " AND ")
	}
	text += " WITH " + from + ", " + rel + ", " + to + " ORDER BY " + vars(t.order, "") + " RETURN " + item + " }"
	return text, listDecoder(t.item, decode), true
}

// item compiles the projection of one item: its relationship's properties and citations, the values the
// traversal computes, and each end as its selection reads it.
func (p *planner) item(typ, rel string, ends map[string]endOf, bound map[string]string, values map[string]string, vars func(string, string) string, sel *domain.Selection) (string, decoder) {
	t := itemTypes[typ]
	relParts := []string{".key"}
	var parts []string
	seen := map[string]bool{}
	endDecoders := map[string]decoder{}
	for _, name := range selected(sel) {
		m, ok := t.fields[name]
		if !ok || seen[name] {
			continue
		}
		seen[name] = true
		switch m.kind {
		case property:
			relParts = append(relParts, "."+m.property)
		case citations:
			relParts = append(relParts, citationsOf(rel))
		case value:
			parts = append(parts, m.value+": "+vars(values[m.value], ""))
		case end:
			text, decode := p.node(ends[m.end].typ, bound[m.end], sel.Objects[name])
			column := p.fresh("e")
			parts = append(parts, column+": "+text)
			endDecoders[m.end] = columnDecoder(column, decode)
		}
	}
	parts = append([]string{"rel: " + rel + " {" + strings.Join(relParts, ", ") + "}"}, parts...)
	return "{" + strings.Join(parts, ", ") + "}", func(m row) any {
		return t.decode(sub(m, "rel"), m, func(name string) any {
			if d, ok := endDecoders[name]; ok {
				return d(m)
			}
			return nil
		})
	}
}

// columnDecoder decodes the map in one column of an item.
func columnDecoder(column string, decode decoder) decoder {
	return func(item row) any { return decode(sub(item, column)) }
}

// listDecoder returns the decoder of a list of items of type typ into the slice type its resolver returns.
func listDecoder(typ string, decode decoder) func(any) any {
	each := func(v any, add func(any)) {
		list, _ := v.([]any)
		for _, e := range list {
			m, _ := e.(map[string]any)
			add(decode(m))
		}
	}
	switch typ {
	case "Partnership":
		return func(v any) any { return collectAs[*domain.Partnership](v, each) }
	case "Tie":
		return func(v any) any { return collectAs[*domain.Tie](v, each) }
	case "Position":
		return func(v any) any { return collectAs[*domain.Position](v, each) }
	case "Participation":
		return func(v any) any { return collectAs[*domain.Participation](v, each) }
	}
	panic("neo4jstore: no list type for items of " + typ)
}

func collectAs[T any](v any, each func(any, func(any))) []T {
	out := []T{}
	each(v, func(x any) {
		if t, ok := x.(T); ok {
			out = append(out, t)
		}
	})
	return out
}

// selected returns the names of the fields sel selects directly and of its object fields.
func selected(sel *domain.Selection) []string {
	if sel == nil {
		return nil
	}
	out := slices.Clone(sel.Fields)
	for _, name := range slices.Sorted(maps.Keys(sel.Objects)) {
		out = append(out, name)
	}
	for _, l := range sel.Lists {
		out = append(out, l.Field)
	}
	return out
}

// root compiles the projection of a node a statement starts from, as sel reads it; a nil sel reads every
// stored property and the sources, and no lists.
func (p *planner) root(typ, v string, sel *domain.Selection) (string, decoder) {
	if sel == nil {
		sel = everything(typ)
	}
	return p.node(typ, v, sel)
}

// rootItem compiles the projection of an item of type typ a statement starts from: its relationship bound
// to rel and each of its ends (of the types ends gives) to the variable bound names.
func (p *planner) rootItem(typ, rel string, ends map[string]endOf, bound map[string]string, sel *domain.Selection) (string, decoder) {
	vars := func(text string, param string) string { return text } // no computed values at the root
	return p.item(typ, rel, ends, bound, nil, vars, sel)
}

// everything is the selection the reads that take none make: every stored property and the sources of a
// node, and no lists.
// itemProperties lists the properties of an item type, for a read that wants them all.
func itemProperties(typ string) []string {
	var out []string
	for name, m := range itemTypes[typ].fields {
		if m.kind == property {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func everything(typ string) *domain.Selection {
	sel := &domain.Selection{Type: typ}
	if members, ok := unions[typ]; ok {
		sel.Variants = map[string]*domain.Selection{}
		for _, m := range members {
			sel.Variants[m] = everything(m)
		}
		return sel
	}
	for name, m := range nodeTypes[typ].fields {
		if m.kind == property || m.kind == citations {
			sel.Fields = append(sel.Fields, name)
		}
	}
	slices.Sort(sel.Fields)
	return sel
}
