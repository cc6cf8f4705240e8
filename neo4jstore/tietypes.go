package neo4jstore

import (
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Every tie type is a relationship type, and Cypher cannot take a relationship type as a parameter, so
// the statements that match ties of any type name them all. They are written here from
// domain.TieTypes, so a new type is one edit there.

// tieRels matches a relationship of any tie type, as in [r:PARTNERS_WITH|MEMBER_OF|...].
var tieRels = joinTypes(domain.TieTypes, "|")

// undirectedTypes is the Cypher list of the tie types without direction, as in type(r) IN [...].
var undirectedTypes = "['" + joinTypes(domain.UndirectedTieTypes, "', '") + "']"

// tieCount counts every tie from the relationship-type counts Neo4j keeps, reading no relationship.
var tieCount = func() string {
	parts := make([]string, len(domain.TieTypes))
	for i, t := range domain.TieTypes {
		parts[i] = "COUNT { ()-[:" + string(t) + "]->() }"
	}
	return strings.Join(parts, " + ")
}()

func joinTypes(types []domain.TieType, sep string) string {
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = string(t)
	}
	return strings.Join(parts, sep)
}

// networkTypes is the tie types a network view shows: those asked for, or the cooperative ones. Sanctions,
// criticism and disputes are shown only to a caller who names them.
func networkTypes(asked []domain.TieType) any {
	if len(asked) == 0 {
		asked = domain.CooperativeTieTypes
	}
	return listParam(asked)
}
