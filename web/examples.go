package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// Example is an example query that the playground opens as a tab.
type Example struct {
	// Name is the file name without the .graphql extension,
	// e.g. "01-service-health".
	Name string `json:"name"`
	// Title is the value of the "# Title:" header line.
	Title string `json:"title"`
	// Query is the GraphQL document: the file without its header lines.
	Query string `json:"query"`
	// Variables is the JSON object of the "# Variables:" header line,
	// indented for the playground's variables editor, or "" if the example
	// has none.
	Variables string `json:"variables"`
}

// VariableValues decodes Variables into the map a GraphQL executor or
// validator expects (numbers as json.Number, as gqlgen decodes requests).
// It returns nil if the example has no variables.
func (e Example) VariableValues() (map[string]any, error) {
	if e.Variables == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(e.Variables))
	dec.UseNumber()
	var vars map[string]any
	if err := dec.Decode(&vars); err != nil {
		return nil, fmt.Errorf("example %s: variables: %w", e.Name, err)
	}
	return vars, nil
}

// exampleFileName is the required form of an example's file name:
// a two-digit position, a kebab-case slug and the .graphql extension.
var exampleFileName = regexp.MustCompile(`^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.graphql$`)

// Examples returns the example queries embedded from web/examples, ordered
// by file name. Each file is named NN-kebab-title.graphql and starts with
// header comment lines:
//
//	# Title: Stakeholders by country
//	# Variables: {"country": "NL"}
//	query StakeholdersByCountry($country: String!) { ... }
//
// "# Title:" is required and must be the first line; "# Variables:" is
// optional, must follow in the leading comment block and holds a JSON object
// on one line. Both lines are removed from Query; other comments are kept.
// Naming the operation (query StakeholdersByCountry) gives the playground
// tab its label.
//
// Examples reports an error for a badly named file, a missing or duplicate
// title, invalid variables or an empty query, so a test calling it (and
// validating each Query against the schema) catches broken examples.
func Examples() ([]Example, error) {
	entries, err := fs.ReadDir(examplesFS, examplesDir)
	if err != nil {
		return nil, fmt.Errorf("web: reading examples: %w", err)
	}
	var examples []Example
	titles := make(map[string]string)
	for _, entry := range entries {
		if entry.IsDir() {
			continue
		}
		src, err := fs.ReadFile(examplesFS, path.Join(examplesDir, entry.Name()))
		if err != nil {
			return nil, fmt.Errorf("web: reading example: %w", err)
		}
		ex, err := parseExample(entry.Name(), src)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		if other, ok := titles[ex.Title]; ok {
			return nil, fmt.Errorf("web: examples %s and %s have the same title %q", other, ex.Name, ex.Title)
		}
		titles[ex.Title] = ex.Name
		examples = append(examples, ex)
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("web: no examples in web/%s", examplesDir)
	}
	return examples, nil
}

// parseExample parses one example file; fileName is its base name.
func parseExample(fileName string, src []byte) (Example, error) {
	if !exampleFileName.MatchString(fileName) {
		return Example{}, fmt.Errorf("example %s: file name must look like 01-kebab-title.graphql", fileName)
	}
	ex := Example{Name: strings.TrimSuffix(fileName, ".graphql")}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")

	var body []string
	header := true
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if header && !strings.HasPrefix(trimmed, "#") {
			header = false
		}
		if !header {
			body = append(body, line)
			continue
		}
		key, value, isDirective := directive(trimmed)
		switch {
		case i == 0 && key != "title":
			return Example{}, fmt.Errorf("example %s: first line must be \"# Title: ...\"", fileName)
		case !isDirective:
			body = append(body, line)
		case key == "title":
			if i != 0 {
				return Example{}, fmt.Errorf("example %s: line %d: \"# Title:\" must be the first line", fileName, i+1)
			}
			if value == "" {
				return Example{}, fmt.Errorf("example %s: empty title", fileName)
			}
			ex.Title = value
		case key == "variables":
			if ex.Variables != "" {
				return Example{}, fmt.Errorf("example %s: line %d: more than one \"# Variables:\" line", fileName, i+1)
			}
			vars, err := indentObject(value)
			if err != nil {
				return Example{}, fmt.Errorf("example %s: line %d: variables: %w", fileName, i+1, err)
			}
			ex.Variables = vars
		}
	}
	if ex.Title == "" {
		return Example{}, fmt.Errorf("example %s: first line must be \"# Title: ...\"", fileName)
	}
	ex.Query = strings.TrimSpace(strings.Join(body, "\n"))
	if !hasCode(ex.Query) {
		return Example{}, fmt.Errorf("example %s: no query after the header", fileName)
	}
	ex.Query += "\n"
	return ex, nil
}

// directive recognizes "# Title: x" and "# Variables: x" (keys are
// case-insensitive) and returns the lower-case key and the trimmed value.
func directive(line string) (key, value string, ok bool) {
	rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	name, value, found := strings.Cut(rest, ":")
	if !found {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimSpace(name))
	if key != "title" && key != "variables" {
		return "", "", false
	}
	return key, strings.TrimSpace(value), true
}

// indentObject checks that s is a JSON object and returns it indented.
func indentObject(s string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &obj); err != nil {
		return "", fmt.Errorf("want a JSON object on one line: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(s), "", "  "); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// hasCode reports whether a GraphQL document has anything besides comments
// and blank lines.
func hasCode(doc string) bool {
	for _, line := range strings.Split(doc, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			return true
		}
	}
	return false
}
