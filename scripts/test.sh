#!/usr/bin/env bash
# Runs the whole test suite against one real Neo4j: starts the embedded server on a free loopback port,
# points every Go test package at it through NEO4J_URI, then runs the browser tests against the service on
# the same database, and stops it afterwards. Packages run one at a time (-p 1) because they share the
# database; each cleans up after itself. Then every fuzz target runs briefly. Arguments go to go test, and
# skip the fuzzing and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/neo4j.sh

data_dir=$(mktemp -d)
trap 'stop_neo4j; rm -rf "$data_dir" "$data_dir.log"' EXIT
start_neo4j "$data_dir"
echo "test Neo4j at $NEO4J_URI"

# The packages that start servers of their own (embedded, the fault tests) take minutes on a loaded
# machine: more than go test's default ten.
go test -p 1 -count=1 -timeout 30m "$@" ./...
if (($# == 0)); then
  # Every fuzz target briefly, from its committed corpus on (none needs Neo4j), then the browser tests and
  # the GraphQL-over-HTTP audit against the running service.
  scripts/fuzz.sh 3s
  scripts/browser-test.sh
fi
