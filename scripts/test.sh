#!/usr/bin/env bash
# Runs the whole test suite against one real Neo4j: starts the embedded server on a free loopback port,
# points every test package at it through NEO4J_URI, and stops it afterwards. Packages run one at a time
# (-p 1) because they share the database; each cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
uri_file=$(mktemp)
cleanup() {
  if [[ -n "${neo4j_pid:-}" ]]; then kill "$neo4j_pid" 2>/dev/null || true; wait "$neo4j_pid" 2>/dev/null || true; fi
  rm -rf "$data_dir" "$uri_file"
}
trap cleanup EXIT

bin/stakeholder-graph neo4j --data-dir "$data_dir" >"$uri_file" 2>"$data_dir.log" &
neo4j_pid=$!
for _ in $(seq 1 240); do
  [[ -s "$uri_file" ]] && break
  if ! kill -0 "$neo4j_pid" 2>/dev/null; then cat "$data_dir.log" >&2; echo "the test Neo4j did not start" >&2; exit 1; fi
  sleep 0.5
done
[[ -s "$uri_file" ]] || { echo "the test Neo4j did not become ready in time" >&2; exit 1; }
export NEO4J_URI=$(head -n1 "$uri_file")
echo "test Neo4j at $NEO4J_URI"

go test -p 1 -count=1 "$@" ./...
