package querycost

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// listSize is a field's @listSize directive, read once from the schema.
type listSize struct {
	slicing     []string
	sizedBy     string
	assumed     int
	hasAssumed  bool
	sizedFields []string
}

// analysis is a field's @analysis directive.
type analysis struct{ view string }

// answerSize is a field's @sizedByAnswer directive: the lists of its answer priced again once it is known.
type answerSize struct {
	fields  []string
	assumed int
}

// pricing is what the schema says about prices: the @listSize, @analysis and @sizedByAnswer directives of
// its fields.
type pricing struct {
	lists    map[*ast.FieldDefinition]*listSize
	analyses map[*ast.FieldDefinition]*analysis
	answers  map[*ast.FieldDefinition]*answerSize
	schema   *ast.Schema
}

// readPricing reads the pricing directives of a schema and checks that every list of objects in it can
// be priced: it has @listSize, or a field returning its type names it in sizedFields. A list nobody
// sized would be priced as one item, so a schema with one is refused when the service starts.
func readPricing(schema *ast.Schema) (*pricing, error) {
	p := &pricing{lists: map[*ast.FieldDefinition]*listSize{}, analyses: map[*ast.FieldDefinition]*analysis{},
		answers: map[*ast.FieldDefinition]*answerSize{}, schema: schema}
	sized := map[string]bool{} // "Type.field" named in some sizedFields
	var problems []string
	for _, t := range schema.Types {
		for _, f := range t.Fields {
			if d := f.Directives.ForName("listSize"); d != nil {
				ls, err := parseListSize(d)
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s.%s: %v", t.Name, f.Name, err))
					continue
				}
				p.lists[f] = ls
				for _, name := range ls.sizedFields {
					target := schema.Types[f.Type.Name()]
					if target == nil || target.Fields.ForName(name) == nil {
						problems = append(problems, fmt.Sprintf("%s.%s: sizedFields names %q, which %s does not have", t.Name, f.Name, name, f.Type.Name()))
					}
					sized[f.Type.Name()+"."+name] = true
				}
			}
			if d := f.Directives.ForName("analysis"); d != nil {
				a := &analysis{}
				if arg := d.Arguments.ForName("view"); arg != nil {
					a.view = arg.Value.Raw
					if f.Arguments.ForName(a.view) == nil {
						problems = append(problems, fmt.Sprintf("%s.%s: @analysis(view: %q) names no argument of the field", t.Name, f.Name, a.view))
					}
				}
				p.analyses[f] = a
			}
			if d := f.Directives.ForName("sizedByAnswer"); d != nil {
				a, err := parseAnswerSize(d, schema.Types[f.Type.Name()])
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s.%s: %v", t.Name, f.Name, err))
					continue
				}
				p.answers[f] = a
			}
		}
	}
	for _, t := range schema.Types {
		if strings.HasPrefix(t.Name, "__") || (t.Kind != ast.Object && t.Kind != ast.Interface) {
			continue
		}
		for _, f := range t.Fields {
			if f.Type.Elem == nil || strings.HasPrefix(f.Name, "__") {
				continue // not a list
			}
			if elem := schema.Types[f.Type.Name()]; elem == nil || elem.Kind == ast.Scalar || elem.Kind == ast.Enum {
				continue // a list of leaves selects nothing to multiply
			}
			if p.lists[f] == nil && !sized[t.Name+"."+f.Name] {
				problems = append(problems, fmt.Sprintf("%s.%s is a list with no @listSize", t.Name, f.Name))
			}
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("querycost: the schema cannot be priced: %s", strings.Join(problems, "; "))
	}
	return p, nil
}

func parseListSize(d *ast.Directive) (*listSize, error) {
	ls := &listSize{}
	strs := func(name string) []string {
		arg := d.Arguments.ForName(name)
		if arg == nil || arg.Value == nil {
			return nil
		}
		var out []string
		for _, c := range arg.Value.Children {
			out = append(out, c.Value.Raw)
		}
		return out
	}
	ls.slicing, ls.sizedFields = strs("slicingArguments"), strs("sizedFields")
	if arg := d.Arguments.ForName("sizedBy"); arg != nil {
		ls.sizedBy = arg.Value.Raw
		if _, ok := measure(domain.GraphMeasures{}, ls.sizedBy); !ok {
			return nil, fmt.Errorf("unknown measure %q", ls.sizedBy)
		}
	}
	if arg := d.Arguments.ForName("assumedSize"); arg != nil {
		n, err := strconv.Atoi(arg.Value.Raw)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("assumedSize %q is not a count", arg.Value.Raw)
		}
		ls.assumed, ls.hasAssumed = n, true
	}
	if len(ls.slicing) == 0 && ls.sizedBy == "" && !ls.hasAssumed {
		return nil, fmt.Errorf("@listSize gives no bound")
	}
	return ls, nil
}

func parseAnswerSize(d *ast.Directive, answer *ast.Definition) (*answerSize, error) {
	a := &answerSize{}
	if arg := d.Arguments.ForName("fields"); arg != nil && arg.Value != nil {
		for _, c := range arg.Value.Children {
			a.fields = append(a.fields, c.Value.Raw)
		}
	}
	if len(a.fields) == 0 {
		return nil, fmt.Errorf("@sizedByAnswer names no fields")
	}
	for _, name := range a.fields {
		if answer == nil || answer.Fields.ForName(name) == nil || answer.Fields.ForName(name).Type.Elem == nil {
			return nil, fmt.Errorf("@sizedByAnswer names %q, which is not a list of the answer", name)
		}
	}
	if arg := d.Arguments.ForName("assumedSize"); arg != nil {
		n, err := strconv.Atoi(arg.Value.Raw)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("assumedSize %q is not a count", arg.Value.Raw)
		}
		a.assumed = n
	}
	return a, nil
}

// measure returns the value of a GraphMeasure.
func measure(m domain.GraphMeasures, name string) (int, bool) {
	switch name {
	case "STAKEHOLDERS":
		return m.Stakeholders, true
	case "TIES":
		return m.Ties, true
	case "MAX_DEGREE":
		return m.MaxDegree, true
	}
	return 0, false
}

// Price is what pricing an operation found.
type Price struct {
	// Cost is the operation's price.
	Cost int
	// Analyses and Views are the distinct analyses (field and arguments) and network views asked for.
	Analyses, Views int
	// Defers counts the fragments the operation defers.
	Defers int
}

// pricer prices one operation. Fragments are memoised by name and by the list size they are priced
// under (a fragment on a connection is priced per page size), so the work is linear in the document.
type pricer struct {
	pricing  *pricing
	vars     map[string]any
	measures domain.GraphMeasures
	memo     map[priceKey]int
	walking  map[priceKey]bool
	analyses map[string]bool
	views    map[string]bool
	defers   int
}

type priceKey struct {
	fragment string
	sizing   sizing
}

// sizing is the list size a wrapper field (a connection) gives the child fields it names. With answer,
// the size is an assumption about an answer (@sizedByAnswer), checked once the answer is known.
type sizing struct {
	fields string // the names, joined; "" when nothing is sized
	n      int
	answer bool
}

func (s sizing) of(name string) (int, bool) {
	if s.fields == "" {
		return 0, false
	}
	for _, f := range strings.Split(s.fields, ",") {
		if f == name {
			return s.n, true
		}
	}
	return 0, false
}

func (p *pricing) pricer(vars map[string]any, m domain.GraphMeasures) *pricer {
	return &pricer{pricing: p, vars: vars, measures: m, memo: map[priceKey]int{}, walking: map[priceKey]bool{},
		analyses: map[string]bool{}, views: map[string]bool{}}
}

// price prices an operation that has passed validation.
func (p *pricing) price(op *ast.OperationDefinition, vars map[string]any, m domain.GraphMeasures) (price Price, err error) {
	defer func() {
		// ArgumentMap panics on values validation should have refused; refuse them here instead.
		if r := recover(); r != nil {
			err = fmt.Errorf("querycost: pricing the operation: %v", r)
		}
	}()
	pr := p.pricer(vars, m)
	cost := pr.selectionSet(op.SelectionSet, sizing{})
	return Price{Cost: cost, Analyses: len(pr.analyses), Views: len(pr.views), Defers: pr.defers}, nil
}

func (p *pricer) selectionSet(set ast.SelectionSet, sz sizing) int {
	total := 0
	var spread map[string]bool
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			total = add(total, p.field(sel, sz))
		case *ast.InlineFragment:
			if sel.Directives.ForName("defer") != nil {
				p.defers++
			}
			total = add(total, p.selectionSet(sel.SelectionSet, sz))
		case *ast.FragmentSpread:
			if sel.Directives.ForName("defer") != nil {
				p.defers++
			}
			if spread[sel.Name] || sel.Definition == nil {
				continue
			}
			if spread == nil {
				spread = map[string]bool{}
			}
			spread[sel.Name] = true
			key := priceKey{sel.Name, sz}
			if c, ok := p.memo[key]; ok {
				total = add(total, c)
				continue
			}
			if p.walking[key] {
				continue // validation refuses cycles; never loop on one
			}
			p.walking[key] = true
			c := p.selectionSet(sel.Definition.SelectionSet, sz)
			delete(p.walking, key)
			p.memo[key] = c
			total = add(total, c)
		}
	}
	return total
}

// field prices a field: 1, plus what it selects times the number of items it may return.
func (p *pricer) field(f *ast.Field, sz sizing) int {
	if f.Definition == nil {
		return 1
	}
	items, sized := sz.of(f.Name)
	if !sized {
		items = 1
	}
	var args map[string]any
	if len(f.Definition.Arguments) > 0 {
		args = f.ArgumentMap(p.vars)
	}
	below := sizing{}
	if ls := p.pricing.lists[f.Definition]; ls != nil {
		n := p.size(ls, f.Definition, args)
		switch {
		case len(ls.sizedFields) > 0:
			below = sizing{fields: strings.Join(ls.sizedFields, ","), n: n}
		case sized && sz.answer:
			items = min(items, n) // the assumption about the answer, or the list's own bound when lower
		default:
			items = mul(items, n)
		}
	}
	if a := p.pricing.answers[f.Definition]; a != nil {
		below = sizing{fields: strings.Join(a.fields, ","), n: a.assumed, answer: true}
	}
	if a := p.pricing.analyses[f.Definition]; a != nil {
		p.analysis(f, a, args)
	}
	if len(f.SelectionSet) == 0 {
		return 1
	}
	return add(1, mul(items, p.selectionSet(f.SelectionSet, below)))
}

// size is the number of items a list field of definition def may return with these arguments. A slicing
// argument sent as null counts as its default, which is what the resolvers then use.
func (p *pricer) size(ls *listSize, def *ast.FieldDefinition, args map[string]any) int {
	n, bounded := 0, false
	for _, name := range ls.slicing {
		v := args[name]
		if v == nil {
			v = defaultOf(def, name)
		}
		if v == nil {
			continue
		}
		if k, ok := intValue(v); ok {
			n, bounded = max(k, 0), true
			break
		}
	}
	if ls.sizedBy != "" {
		m, _ := measure(p.measures, ls.sizedBy)
		if !bounded || m < n {
			n, bounded = m, true
		}
	}
	if !bounded {
		n = ls.assumed
	}
	return n
}

// defaultOf returns the default value of a field's argument, nil when it has none.
func defaultOf(def *ast.FieldDefinition, name string) any {
	if def == nil {
		return nil
	}
	arg := def.Arguments.ForName(name)
	if arg == nil || arg.DefaultValue == nil {
		return nil
	}
	v, err := arg.DefaultValue.Value(nil)
	if err != nil {
		return nil
	}
	return v
}

// intValue reads a slicing argument: an integer, or the length of a list. A single value where a list is
// expected is a list of one (GraphQL's input coercion).
func intValue(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int32:
		return int(v), true
	case int64:
		return int(min(v, most)), true
	case float64:
		return int(min(v, most)), true
	case json.Number:
		n, err := v.Int64()
		return int(min(n, most)), err == nil
	case []any:
		return len(v), true
	case string, bool, map[string]any:
		return 1, true
	}
	return 0, false
}

// analysis records an analysis and the view it runs on.
func (p *pricer) analysis(f *ast.Field, a *analysis, args map[string]any) {
	key, err := json.Marshal(args) // map keys come out sorted
	if err != nil {
		key = []byte(fmt.Sprint(args))
	}
	p.analyses[f.ObjectDefinition.Name+"."+f.Name+string(key)] = true
	view := []byte("null")
	if a.view != "" && args[a.view] != nil {
		if v, err := json.Marshal(args[a.view]); err == nil {
			view = v
		}
	}
	p.views[string(view)] = true
}

// check compares a price with the limits.
func (l Limits) checkPrice(p Price) *gqlerror.Error {
	switch {
	case p.Cost > l.Complexity:
		return over(CodeComplexity, l.Complexity, p.Cost, "the operation costs %s, over the limit of %d: ask for fewer items (first, top), or nest fewer lists", count(p.Cost), l.Complexity)
	case p.Analyses > l.Analyses:
		return over(CodeAnalyses, l.Analyses, p.Analyses, "the operation asks for %d distinct network analyses; the limit is %d per request", p.Analyses, l.Analyses)
	case p.Views > l.Views:
		return over(CodeAnalyses, l.Views, p.Views, "the operation's analyses run on %d distinct network views (filters); the limit is %d per request", p.Views, l.Views)
	}
	return nil
}
