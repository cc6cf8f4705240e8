// Package gqlmodel holds the Go types the GraphQL schema binds to that are not domain types: the Relay
// connections, edges and page info that wrap a domain.Page (each keeps the filter it was built from, so
// its totalCount is counted later, and only when a query asks for it); the answers of the analyses, which
// name stakeholders by slug; and, in models_gen.go, the types gqlgen generates for the rest of the schema.
package gqlmodel
