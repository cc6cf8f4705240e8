module github.com/stakeholder-graph/stakeholder-graph/bench

go 1.26.8

require (
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	github.com/vektah/gqlparser/v2 v2.5.64
)

require (
	github.com/99designs/gqlgen v0.17.98 // indirect
	github.com/go-jose/go-jose/v4 v4.1.9 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/sosodev/duration v1.4.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	github.com/stakeholder-graph/stakeholder-graph v0.0.0
)

replace github.com/stakeholder-graph/stakeholder-graph => ../
