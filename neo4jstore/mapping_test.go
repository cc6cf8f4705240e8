package neo4jstore_test

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/graph"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jstore"
)

// TestMappingMatchesSchema checks that the table the read planner compiles with maps every field of the
// schema's stored types, and that it notices a field added to the schema alone, a field dropped from it,
// and an argument the mapping does not read.
func TestMappingMatchesSchema(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	if err := neo4jstore.CheckMapping(schema); err != nil {
		t.Fatal(err)
	}

	stakeholder := schema.Types["Stakeholder"]
	saved := stakeholder.Fields
	defer func() { stakeholder.Fields = saved }()

	stakeholder.Fields = append(append(ast.FieldList(nil), saved...),
		&ast.FieldDefinition{Name: "website", Type: ast.NamedType("String", nil)})
	if err := neo4jstore.CheckMapping(schema); err == nil || !strings.Contains(err.Error(), "Stakeholder.website is not mapped") {
		t.Errorf("a field only the schema has: %v", err)
	}

	var without ast.FieldList
	for _, f := range saved {
		if f.Name != "acronym" {
			without = append(without, f)
		}
	}
	stakeholder.Fields = without
	if err := neo4jstore.CheckMapping(schema); err == nil || !strings.Contains(err.Error(), "Stakeholder.acronym is mapped but the schema has no such field") {
		t.Errorf("a field only the mapping has: %v", err)
	}

	var withArg ast.FieldList
	for _, f := range saved {
		if f.Name == "partners" {
			c := *f
			c.Arguments = append(append(ast.ArgumentDefinitionList(nil), f.Arguments...),
				&ast.ArgumentDefinition{Name: "sectors", Type: ast.ListType(ast.NonNullNamedType("Sector", nil), nil)})
			f = &c
		}
		withArg = append(withArg, f)
	}
	stakeholder.Fields = withArg
	if err := neo4jstore.CheckMapping(schema); err == nil || !strings.Contains(err.Error(), "Stakeholder.partners takes arguments") {
		t.Errorf("an argument the mapping does not read: %v", err)
	}
}
