package graph

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestNeedsOverlap checks which list selections keep gqlgen's concurrent marshalling: those whose
// elements reach a resolver that waits on the other elements.
func TestNeedsOverlap(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	cases := []struct {
		list  string // the query; its first list field's selection is checked
		field []string
		want  bool
	}{
		{`{ neighborhood(id: "x") { ties { key type from { slug name } to { slug } } } }`, []string{"neighborhood", "ties"}, false},
		{`{ stakeholders { nodes { slug partners { partner { name } sources { title } } } } }`, []string{"stakeholders", "nodes"}, false},
		{`{ stakeholders { nodes { slug centrality(metric: DEGREE) } } }`, []string{"stakeholders", "nodes"}, true},
		{`{ stakeholders { nodes { partners { partner { partners { since } } } } } }`, []string{"stakeholders", "nodes"}, true},
		{`{ neighborhood(id: "x") { ties { from { ...F } } } } fragment F on Stakeholder { ties { since } }`, []string{"neighborhood", "ties"}, true},
		{`{ path(from: "a", to: "b") { paths { hops { from { name } } } } }`, []string{"path", "paths"}, true},
	}
	for _, c := range cases {
		doc, errs := gqlparser.LoadQuery(schema, c.list)
		if errs != nil {
			t.Fatalf("%s: %v", c.list, errs)
		}
		op := &graphql.OperationContext{Doc: doc, Variables: map[string]any{}}
		sel := doc.Operations[0].SelectionSet
		for _, name := range c.field {
			sel = child(op, sel, name)
		}
		if got := needsOverlap(op, sel, 1); got != c.want {
			t.Errorf("%s: needsOverlap = %v, want %v", c.list, got, c.want)
		}
	}
}

func child(op *graphql.OperationContext, sel ast.SelectionSet, name string) ast.SelectionSet {
	for _, f := range graphql.CollectFields(op, sel, nil) {
		if f.Name == name {
			return f.Selections
		}
	}
	return nil
}
