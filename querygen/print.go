package querygen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// finish writes the query's text and shape around its root selections. Text and shape are each one line,
// the named fragments after the operation.
func (q *query) finish(sel []selection) Query {
	g := q.g
	var text strings.Builder
	if len(q.decls) > 0 || g.valueChance(0.3) {
		text.WriteString("query")
		if g.valueChance(0.3) {
			fmt.Fprintf(&text, " Q%d", g.count)
		}
		if len(q.decls) > 0 {
			text.WriteString("(")
			for i, d := range q.decls {
				if i > 0 {
					text.WriteString(", ")
				}
				fmt.Fprintf(&text, "$%s: %s", d.name, d.typ)
			}
			text.WriteString(")")
		}
		text.WriteString(" ")
	}
	p := printer{fragments: q.fragments}
	p.set(&text, sel, false)
	for _, f := range q.fragments {
		fmt.Fprintf(&text, " fragment %s on %s ", f.name, f.on)
		p.set(&text, f.sel, false)
	}
	var shape strings.Builder
	p.set(&shape, sel, true)
	return Query{Text: text.String(), Variables: q.vars, Shape: shape.String()}
}

// printer writes selections as query text, or, for shapes, without values and with fragments in place.
type printer struct {
	fragments []fragmentDef
}

func (p printer) set(b *strings.Builder, sel []selection, shape bool) {
	b.WriteString("{")
	for _, s := range sel {
		b.WriteString(" ")
		p.selection(b, s, shape)
	}
	b.WriteString(" }")
}

func (p printer) selection(b *strings.Builder, s selection, shape bool) {
	switch {
	case s.spread != "" && !shape:
		b.WriteString("..." + s.spread)
	case s.spread != "":
		f := p.fragment(s.spread)
		if s.on == "" { // a field's whole selection set
			p.inner(b, f.sel, shape)
			return
		}
		b.WriteString("... on " + s.on + " ")
		p.set(b, f.sel, shape)
	case s.on != "":
		b.WriteString("... on " + s.on + " ")
		p.set(b, s.sel, shape)
	default:
		if s.alias != "" {
			b.WriteString(s.alias + ": ")
		}
		b.WriteString(s.name)
		if len(s.args) > 0 {
			b.WriteString("(")
			for i, a := range s.args {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(a.name)
				if !shape {
					b.WriteString(": ")
					writeValue(b, a.value)
				}
			}
			b.WriteString(")")
		}
		if d := s.directive; d != nil {
			b.WriteString(" @" + d.name)
			if !shape {
				b.WriteString("(if: ")
				writeValue(b, d.cond)
				b.WriteString(")")
			}
		}
		if len(s.sel) > 0 {
			b.WriteString(" ")
			p.set(b, s.sel, shape)
		}
	}
}

// inner writes sel without its braces, for a named fragment's fields in a shape.
func (p printer) inner(b *strings.Builder, sel []selection, shape bool) {
	for i, s := range sel {
		if i > 0 {
			b.WriteString(" ")
		}
		p.selection(b, s, shape)
	}
}

func (p printer) fragment(name string) fragmentDef {
	for _, f := range p.fragments {
		if f.name == name {
			return f
		}
	}
	panic("querygen: no fragment " + name)
}

func writeValue(b *strings.Builder, v value) {
	switch v.kind {
	case variable:
		b.WriteString("$" + v.variable)
	case null:
		b.WriteString("null")
	case enum:
		b.WriteString(v.lit.(string))
	case list:
		b.WriteString("[")
		for i, it := range v.items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, it)
		}
		b.WriteString("]")
	case object:
		b.WriteString("{")
		for i, f := range v.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.name + ": ")
			writeValue(b, f.value)
		}
		b.WriteString("}")
	default:
		switch l := v.lit.(type) {
		case string:
			b.WriteString(quote(l))
		case int:
			b.WriteString(strconv.Itoa(l))
		case float64:
			b.WriteString(strconv.FormatFloat(l, 'f', -1, 64))
		case bool:
			b.WriteString(strconv.FormatBool(l))
		default:
			panic(fmt.Sprintf("querygen: a literal of type %T", l))
		}
	}
}

// quote writes s as a GraphQL string. JSON's escapes are all GraphQL escapes too.
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
