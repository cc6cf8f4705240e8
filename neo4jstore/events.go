package neo4jstore

import (
	"context"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// participationTypes maps each participation role to the relationship type that stores it, from the
// participant to the event. Every role of domain.ParticipationRoles needs one: a role without would
// match nothing, and TestEveryRoleIsStored fails.
var participationTypes = map[domain.ParticipationRole]string{
	domain.RoleHost:       "HOSTED",
	domain.RoleAttendee:   "ATTENDED",
	domain.RoleRecognised: "RECOGNISED_AT",
	domain.RoleOrganiser:  "ORGANISED",
	domain.RoleSponsor:    "SPONSORED",
	domain.RoleSupporter:  "SUPPORTED",
	domain.RoleTrainer:    "GAVE_TRAINING_AT",
	domain.RoleTrained:    "TRAINED_AT",
}

// participationRels matches any participation relationship; roleOfRel turns its type back into a role.
// Both are written from participationTypes, in the order of domain.ParticipationRoles.
var participationRels, roleOfRel = participationCypher()

func participationCypher() (rels, role string) {
	types := make([]string, 0, len(domain.ParticipationRoles))
	var b strings.Builder
	b.WriteString("CASE type(r)")
	for _, r := range domain.ParticipationRoles {
		t := participationTypes[r]
		types = append(types, t)
		b.WriteString(" WHEN '" + t + "' THEN '" + string(r) + "'")
	}
	b.WriteString(" END")
	return strings.Join(types, "|"), b.String()
}

func relTypes(roles []domain.ParticipationRole) any {
	if len(roles) == 0 {
		return nil
	}
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = participationTypes[r]
	}
	return out
}

// Event returns the event with the given slug, with what sel reads of it.
func (s *Store) Event(ctx context.Context, slug string, sel *domain.Selection) (*domain.Event, error) {
	return one[domain.Event](ctx, s, "Event", slug, sel)
}

// eventFilter assembles the conditions of a page or count of events: kinds and country, which indexes
// serve, plain when given; the dates, which none serves, null-tolerant (filter.optional).
func eventFilter(f domain.EventFilter) filter {
	w := newFilter()
	if len(f.Kinds) > 0 {
		w.add("e.kind IN $kinds", "kinds", listParam(f.Kinds))
	}
	if f.Country != nil {
		w.add("e.country = $country", "country", strings.ToUpper(strings.TrimSpace(*f.Country)))
	}
	var from, to string
	if f.From != nil {
		from = string(*f.From)
	}
	if f.To != nil {
		to = string(*f.To)
	}
	w.optional("e.date >= $from", "from", from, f.From != nil)
	w.optional("e.date <= $to", "to", to, f.To != nil)
	return w
}

// Events list newest first; events of unknown date (an empty sortDate) come last.
var eventPage = pageQuery{
	list:  "events",
	keys:  []string{"sortDate", "slug"},
	after: `e.sortDate <= $after0 AND (e.sortDate < $after0 OR e.slug > $after1)`,
	first: `e.sortDate IS NOT NULL AND e.slug IS NOT NULL`,
	query: `MATCH (e:Event) ` + whereMarker + `
WITH e ORDER BY e.sortDate DESC, e.slug LIMIT $limit
RETURN ` + projectionMarker + ` AS e, e.sortDate AS sortDate, e.slug AS slug`,
	column: "e",
}

const countEvents = `MATCH (e:Event) ` + whereMarker + ` RETURN count(e) AS n`

// Events returns a page of the events that match f, newest first, with what sel reads of each.
func (s *Store) Events(ctx context.Context, f domain.EventFilter, p domain.PageRequest, sel *domain.Selection) (domain.Page[*domain.Event], error) {
	pl := newPlanner()
	projection, decode := pl.root("Event", "e", sel)
	return fetchPage[*domain.Event](ctx, s, eventPage, eventFilter(f), p, pl, projection, decode)
}

// CountEvents counts the events that match f.
func (s *Store) CountEvents(ctx context.Context, f domain.EventFilter) (int, error) {
	w := eventFilter(f).countable()
	return count(ctx, s, w.apply(countEvents), w.params)
}

func participationShape() string {
	return `{e: ` + eventOf("e") + `, x: CASE WHEN x:Stakeholder THEN ` + stakeholderOf("x") + ` ELSE ` +
		personOf("x") + ` END, person: x:Person, role: ` + roleOfRel + `, r: ` + tieOf("r") + `}`
}

var participantsOf = `UNWIND $slugs AS slug
MATCH (e:Event {slug: slug})<-[r:` + participationRels + `]-(x)
WHERE $types IS NULL OR type(r) IN $types
WITH slug, e, r, x ORDER BY CASE WHEN x:Stakeholder THEN 0 ELSE 1 END, x.nameKey, x.slug, type(r)
RETURN slug, collect(` + participationShape() + `) AS ties`

// participationsOf has one query per kind of participant, so each looks its participants up by index.
var participationsOf = map[domain.NodeType]string{
	domain.NodeStakeholder: participationsOfLabel("Stakeholder"),
	domain.NodePerson:      participationsOfLabel("Person"),
}

func participationsOfLabel(label string) string {
	return `UNWIND $slugs AS slug
MATCH (x:` + label + ` {slug: slug})-[r:` + participationRels + `]->(e:Event)
WHERE $types IS NULL OR type(r) IN $types
WITH slug, e, r, x ORDER BY e.sortDate DESC, e.slug, type(r)
RETURN slug, collect(` + participationShape() + `) AS ties`
}

func decodeParticipation(m row) *domain.Participation {
	r := sub(m, "r")
	p := &domain.Participation{Event: decodeEvent(sub(m, "e")), Role: domain.ParticipationRole(str(m, "role")),
		Description: optStr(r, "description"), Sources: decodeSources(r)}
	if person, _ := m["person"].(bool); person {
		p.Participant = decodePerson(sub(m, "x"))
	} else {
		p.Participant = decodeStakeholder(sub(m, "x"))
	}
	return p
}

// ParticipantsOf returns, for each event slug, who took part and how, in one query.
func (s *Store) ParticipantsOf(ctx context.Context, eventSlugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	return groupedBySlug(ctx, s, participantsOf, map[string]any{"slugs": eventSlugs, "types": relTypes(roles)}, decodeParticipation)
}

// ParticipationsOf returns, for each stakeholder or person slug (as t says), the events they took part in.
func (s *Store) ParticipationsOf(ctx context.Context, t domain.NodeType, slugs []string, roles []domain.ParticipationRole) (map[string][]*domain.Participation, error) {
	query, ok := participationsOf[t]
	if !ok {
		return nil, domain.Errorf(domain.CodeInvalid, "a %s cannot take part in events", t)
	}
	return groupedBySlug(ctx, s, query, map[string]any{"slugs": slugs, "types": relTypes(roles)}, decodeParticipation)
}
