package exchange

import (
	"slices"
	"strconv"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// attribute is a node or edge attribute of the XML formats, where every value is one string.
type attribute struct {
	Name string
	Type string // "string" or "boolean"
	Desc string
}

var sourceAttributes = []attribute{
	{"sourceKeys", "string", `Keys of the documents the fact rests on, separated by " | ".`},
	{"sourceTitles", "string", `Titles of the documents, in the order of sourceKeys.`},
	{"sourcePublishers", "string", `Publishers of the documents, in the same order; an entry is empty when unknown.`},
	{"sourceDates", "string", `Publication dates of the documents, in the same order; an entry is empty when unknown.`},
	{"sourceUrls", "string", `URLs of the documents, in the same order; an entry is empty when unknown.`},
	{"sourceKinds", "string", "What each document is (" + enumList(domain.SourceKinds) + `), in the same order; an entry is empty when not classified.`},
	{"sourceStories", "string", `The story each document carries, in the same order: documents with the same story count once as evidence; an entry is empty when the document is its own story.`},
	{"sourceQuotes", "string", `The passage of each document that supports the fact, in the same order.`},
}

var stakeholderAttributes = append([]attribute{
	{"name", "string", "The stakeholder's name."},
	{"acronym", "string", "The stakeholder's acronym."},
	{"aliases", "string", `Other names, separated by ";".`},
	{"kind", "string", "What kind of body the stakeholder is: " + enumList(domain.StakeholderKinds) + "."},
	{"sector", "string", "The stakeholder's sector: " + enumList(domain.Sectors) + "."},
	{"country", "string", "ISO 3166-1 alpha-2 code of the stakeholder's country."},
	{"focusAreas", "string", `Focus areas, separated by ";": ` + enumList(domain.FocusAreas) + "."},
	{"mandates", "string", `What the stakeholder is charged with, separated by ";".`},
	{"description", "string", "A description of the stakeholder."},
	{"collective", "boolean", "Whether the stakeholder is an unnamed group rather than one organisation."},
}, sourceAttributes...)

var tieAttributes = append([]attribute{
	{"key", "string", `The tie's key, "from|TYPE|to"; also the edge id.`},
	{"type", "string", "The tie type: " + enumList(domain.TieTypes) + "; CO_PARTICIPATES in an affiliation view (shared events)."},
	{"directed", "boolean", "False for the types without direction (partnerships, co-organising, disputes, shared events): their source and target carry no meaning."},
	{"role", "string", "The role the source stakeholder holds in the target (for MEMBER_OF)."},
	{"focusAreas", "string", `Focus areas of the tie, separated by ";": ` + enumList(domain.FocusAreas) + "."},
	{"description", "string", "A description of the tie."},
	{"since", "string", "When the tie began, as precise as the sources give it (YYYY, YYYY-MM or YYYY-MM-DD)."},
	{"until", "string", "When the tie ended, as precise as the sources give it."},
	{"evidencedFrom", "string", "Publication date of the earliest source showing the tie; stands in for an unknown since."},
}, sourceAttributes...)

// affiliationAttributes are the edge attributes of an affiliation view's ties (CO_PARTICIPATES), declared
// only in the exports of such a view.
var affiliationAttributes = []attribute{
	{"weight", "int", "How many events the two stakeholders took part in together."},
	{"events", "string", `Slugs of those events, newest first, separated by ";".`},
}

// edgeAttributes are the edge attributes of n's export: an affiliation view's ties carry their weight
// and events besides what every tie has.
func edgeAttributes(n *domain.Network) []attribute {
	if !isAffiliation(n) {
		return tieAttributes
	}
	return append(slices.Clone(tieAttributes), affiliationAttributes...)
}

// isAffiliation reports whether n is an affiliation view: its ties are derived from shared events.
func isAffiliation(n *domain.Network) bool {
	return len(n.Ties) > 0 && n.Ties[0].Type == domain.TieCoParticipates
}

func stakeholderValues(s *domain.Stakeholder) map[string]string {
	v := sourceColumnsOf(s.Sources).joined()
	v["name"] = s.Name
	v["acronym"] = deref(s.Acronym)
	v["aliases"] = joinItems(s.Aliases)
	v["kind"] = string(s.Kind)
	v["sector"] = string(s.Sector)
	v["country"] = deref(s.Country)
	v["focusAreas"] = joinItems(strs(s.FocusAreas))
	v["mandates"] = joinItems(s.Mandates)
	v["description"] = deref(s.Description)
	v["collective"] = strconv.FormatBool(s.Collective)
	return v
}

func tieValues(t *domain.NetworkTie) map[string]string {
	v := sourceColumnsOf(t.Sources).joined()
	v["key"] = keyOf(t)
	v["type"] = string(t.Type)
	v["directed"] = strconv.FormatBool(t.Type.Directed())
	v["role"] = deref(t.Role)
	v["focusAreas"] = joinItems(strs(t.FocusAreas))
	v["description"] = deref(t.Description)
	v["since"] = derefDate(t.Since)
	v["until"] = derefDate(t.Until)
	v["evidencedFrom"] = derefDate(t.EvidencedFrom)
	if t.SharedEvents > 0 {
		v["weight"] = strconv.Itoa(t.SharedEvents)
		v["events"] = joinItems(t.EventSlugs)
	}
	return v
}

func enumList[T ~string](values []T) string {
	out := ""
	for i, v := range values {
		if i > 0 {
			out += ", "
		}
		out += string(v)
	}
	return out
}
