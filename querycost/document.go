package querycost

import (
	"fmt"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// Shape is what measuring a selection set finds, with every fragment spread expanded. Counts saturate
// far above any limit, so the numbers of a hostile document stay finite.
type Shape struct {
	Depth      int // the deepest field, introspection excluded
	Fields     int // every field, once per place it is reached
	Aliases    int // fields whose response name is not their name
	RootFields int // fields directly in the set (through fragments and inline fragments)
	Breadth    int // the most fields any one set below has directly (RootFields of the widest)
	Directives int // directive uses
}

// CheckDocument counts the tokens of a query, parses it, and measures each of its operations against
// the limits. It returns the parsed document, or the first limit found exceeded.
func CheckDocument(query string, limits Limits) (*ast.QueryDocument, *gqlerror.Error) {
	limits = limits.WithDefaults()
	if n, err := countTokens(query, limits.Tokens); err != nil {
		err.Extensions = map[string]any{"code": CodeParse}
		return nil, err
	} else if n > limits.Tokens {
		return nil, over(CodeTokens, limits.Tokens, n, "the document has more than %d tokens", limits.Tokens)
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		gqlErr, ok := err.(*gqlerror.Error)
		if !ok {
			gqlErr = gqlerror.Wrap(err)
		}
		gqlErr.Extensions = map[string]any{"code": CodeParse}
		return nil, gqlErr
	}
	m := newMeasurer(doc, limits)
	for _, op := range doc.Operations {
		s, err := m.selectionSet(op.SelectionSet)
		if err != nil {
			return nil, err
		}
		if err := m.values(op.VariableDefinitions); err != nil {
			return nil, err
		}
		if err := limits.check(s, op); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// check compares one operation's shape with the limits.
func (l Limits) check(s Shape, op *ast.OperationDefinition) *gqlerror.Error {
	name := "the operation"
	if op.Name != "" {
		name = fmt.Sprintf("operation %q", op.Name)
	}
	switch {
	case s.Depth > l.Depth:
		return over(CodeDepth, l.Depth, s.Depth, "%s nests %d levels deep; the limit is %d", name, s.Depth, l.Depth)
	case s.Fields > l.Fields:
		return over(CodeFields, l.Fields, s.Fields, "%s selects %s fields with its fragments expanded; the limit is %d", name, count(s.Fields), l.Fields)
	case s.Aliases > l.Aliases:
		return over(CodeAliases, l.Aliases, s.Aliases, "%s uses %s aliases; the limit is %d", name, count(s.Aliases), l.Aliases)
	case s.Breadth > l.Breadth:
		return over(CodeBreadth, l.Breadth, s.Breadth, "%s selects %s fields side by side in one selection set (its fragments included); the limit is %d", name, count(s.Breadth), l.Breadth)
	case s.RootFields > l.RootFields:
		return over(CodeRootFields, l.RootFields, s.RootFields, "%s asks for %s top-level fields; the limit is %d", name, count(s.RootFields), l.RootFields)
	case s.Directives > l.Directives:
		return over(CodeDirectives, l.Directives, s.Directives, "%s uses %s directives; the limit is %d", name, count(s.Directives), l.Directives)
	}
	return nil
}

// count renders a saturated count as "more than ...".
func count(n int) string {
	if n >= most {
		return fmt.Sprintf("more than %d", most)
	}
	return fmt.Sprint(n)
}

// countTokens counts the document's tokens, stopping once past limit.
func countTokens(query string, limit int) (int, *gqlerror.Error) {
	lex := lexer.New(&ast.Source{Input: query})
	n := 0
	for n <= limit {
		tok, err := lex.ReadToken()
		if err != nil {
			gqlErr, ok := err.(*gqlerror.Error)
			if !ok {
				gqlErr = gqlerror.Wrap(err)
			}
			return n, gqlErr
		}
		if tok.Kind == lexer.EOF {
			return n, nil
		}
		n++
	}
	return n, nil
}

// measurer walks a document's selection sets, measuring each fragment once.
type measurer struct {
	limits    Limits
	fragments map[string]*ast.FragmentDefinition
	shapes    map[string]Shape
	walking   map[string]bool // fragments being measured, to find cycles
}

func newMeasurer(doc *ast.QueryDocument, limits Limits) *measurer {
	m := &measurer{limits: limits, fragments: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		shapes: map[string]Shape{}, walking: map[string]bool{}}
	for _, f := range doc.Fragments {
		if _, ok := m.fragments[f.Name]; !ok {
			m.fragments[f.Name] = f
		}
	}
	return m
}

// selectionSet measures a selection set. A fragment spread twice counts twice: execution would merge the
// two, but validation compares them, and no client needs to spread one fragment twice in one place.
func (m *measurer) selectionSet(set ast.SelectionSet) (Shape, *gqlerror.Error) {
	var out Shape
	for _, sel := range set {
		var s Shape
		var err *gqlerror.Error
		switch sel := sel.(type) {
		case *ast.Field:
			if s, err = m.field(sel); err == nil {
				out.RootFields = add(out.RootFields, 1)
			}
		case *ast.InlineFragment:
			if err = m.directives(sel.Directives, &out); err == nil {
				s, err = m.selectionSet(sel.SelectionSet)
				out.RootFields = add(out.RootFields, s.RootFields)
			}
		case *ast.FragmentSpread:
			if err = m.directives(sel.Directives, &out); err == nil {
				s, err = m.fragment(sel.Name)
				out.RootFields = add(out.RootFields, s.RootFields)
			}
		}
		if err != nil {
			return Shape{}, err
		}
		out.Depth = max(out.Depth, s.Depth)
		out.Fields = add(out.Fields, s.Fields)
		out.Aliases = add(out.Aliases, s.Aliases)
		out.Breadth = max(out.Breadth, s.Breadth)
		out.Directives = add(out.Directives, s.Directives)
	}
	out.Breadth = max(out.Breadth, out.RootFields)
	return out, nil
}

// field measures one field and what it selects.
func (m *measurer) field(f *ast.Field) (Shape, *gqlerror.Error) {
	var out Shape
	if err := m.directives(f.Directives, &out); err != nil {
		return Shape{}, err
	}
	for _, arg := range f.Arguments {
		if err := m.value(arg.Value, 0); err != nil {
			return Shape{}, err
		}
	}
	below, err := m.selectionSet(f.SelectionSet)
	if err != nil {
		return Shape{}, err
	}
	out.Fields = add(1, below.Fields)
	out.Aliases = below.Aliases
	if f.Alias != "" && f.Alias != f.Name {
		out.Aliases = add(out.Aliases, 1)
	}
	out.Directives = add(out.Directives, below.Directives)
	out.Breadth = below.Breadth
	if f.Name != "__schema" && f.Name != "__type" {
		out.Depth = below.Depth + 1
	}
	return out, nil
}

// fragment measures a named fragment once; a fragment met again while it is measured spreads itself.
func (m *measurer) fragment(name string) (Shape, *gqlerror.Error) {
	if s, ok := m.shapes[name]; ok {
		return s, nil
	}
	def, ok := m.fragments[name]
	if !ok {
		return Shape{}, nil // validation reports the unknown fragment
	}
	if m.walking[name] {
		return Shape{}, coded(CodeValidation, "Cannot spread fragment %q within itself.", name)
	}
	m.walking[name] = true
	var s Shape
	err := m.directives(def.Directives, &s)
	if err == nil {
		var body Shape
		body, err = m.selectionSet(def.SelectionSet)
		s.Depth, s.Fields, s.Aliases, s.RootFields, s.Breadth = body.Depth, body.Fields, body.Aliases, body.RootFields, body.Breadth
		s.Directives = add(s.Directives, body.Directives)
	}
	delete(m.walking, name)
	if err != nil {
		return Shape{}, err
	}
	m.shapes[name] = s
	return s, nil
}

// directives counts directive uses into s and checks their arguments.
func (m *measurer) directives(list ast.DirectiveList, s *Shape) *gqlerror.Error {
	for _, d := range list {
		s.Directives = add(s.Directives, 1)
		for _, arg := range d.Arguments {
			if err := m.value(arg.Value, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// values checks the default values of variable definitions.
func (m *measurer) values(defs ast.VariableDefinitionList) *gqlerror.Error {
	for _, d := range defs {
		if d.DefaultValue != nil {
			if err := m.value(d.DefaultValue, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// value checks the size of a value written in the document.
func (m *measurer) value(v *ast.Value, depth int) *gqlerror.Error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		if n := utf8.RuneCountInString(v.Raw); n > m.limits.StringLength {
			return over(CodeValueSize, m.limits.StringLength, n, "a string in the document has %d characters; the limit is %d", n, m.limits.StringLength)
		}
	case ast.ListValue, ast.ObjectValue:
		if v.Kind == ast.ListValue && len(v.Children) > m.limits.ListLength {
			return over(CodeValueSize, m.limits.ListLength, len(v.Children), "a list in the document has %d items; the limit is %d", len(v.Children), m.limits.ListLength)
		}
		if depth > maxValueDepth {
			return over(CodeValueSize, maxValueDepth, depth, "a value in the document nests more than %d levels deep", maxValueDepth)
		}
		for _, c := range v.Children {
			if err := m.value(c.Value, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxValueDepth bounds the nesting of input values: the schema's deepest input is a filter holding a
// list, three levels.
const maxValueDepth = 10
