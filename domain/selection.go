package domain

// Selection is what a query reads of an object of one type, as the store's read planner takes it: the
// GraphQL fields selected, whatever they are called in storage. The store turns a selection into one
// statement that reads the object, every list below it at any depth, and nothing that is not selected.
//
// A field whose value is one object (a partnership's partner) is selected once, with everything asked of it
// under any alias merged, because the answer holds one such object. A list field that takes arguments (a
// stakeholder's partners) is selected once per response key (alias and arguments), because each key is a
// different list.
type Selection struct {
	// Type is the GraphQL object type selected from.
	Type string
	// Fields are the fields selected without a selection of their own (scalars, lists of scalars), by name.
	Fields []string
	// Objects are the fields whose values are objects, or lists of objects read with their parent (such as
	// sources), by name: what is selected of the value. A field of union or interface type has a selection
	// per object type it may hold (Variants).
	Objects map[string]*Selection
	// Lists are the list fields read through their own arguments, one per response key.
	Lists []*ListSelection
	// Variants are, for a selection made on a union or interface, the selection made on each object type.
	Variants map[string]*Selection
}

// ListSelection is one list field below an object, as the response names it.
type ListSelection struct {
	// Key names the list within its parent: the response name and the arguments (see PlannedKey).
	Key string
	// Field is the field's name in the schema.
	Field string
	// Args are the argument values the query gives (variables substituted, defaults applied), as GraphQL
	// reads them: strings for enums and dates, []any for lists (or one value where a list is expected).
	Args map[string]any
	// Of is what is selected of each item.
	Of *Selection
}

// Planned holds the lists the read planner read together with an object, by list key, so the list's
// resolver answers from it instead of reading again. An object read by other paths has none, and its
// lists are read field by field. The planner fills it in before the object is shared; after that it is
// only read.
type Planned map[string]any

// Set records the list read for key.
func (p *Planned) Set(key string, list any) {
	if *p == nil {
		*p = Planned{}
	}
	(*p)[key] = list
}
