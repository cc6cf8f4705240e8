#!/usr/bin/env bash
# Measures the analyses at scale: starts an embedded Neo4j with room for a large graph, writes a generated
# network into it (stakeholder-graph generate), then runs the benchmarks that read it back: projection
# build from Neo4j, neighbourhood and shortest-path requests through the GraphQL handler (p50/p99), and the
# in-memory analyses (PageRank, Louvain, betweenness, ...).
#
#   scripts/bench-analytics.sh 10k    # 10,000 stakeholders, 100,000 ties
#   scripts/bench-analytics.sh 100k   # 100,000 stakeholders, 1,000,000 ties
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-10k}" in
  10k) n=10000; m=100000 ;;
  100k) n=100000; m=1000000 ;;
  *) echo "usage: $0 10k|100k" >&2; exit 2 ;;
esac
make build >/dev/null

data_dir=$(mktemp -d)
uri_file=$(mktemp)
cleanup() {
  if [[ -n "${neo4j_pid:-}" ]]; then kill "$neo4j_pid" 2>/dev/null || true; wait "$neo4j_pid" 2>/dev/null || true; fi
  rm -rf "$data_dir" "$uri_file"
}
trap cleanup EXIT
bin/stakeholder-graph neo4j --data-dir "$data_dir" --neo4j-heap-mb 4096 --neo4j-page-cache 2g >"$uri_file" 2>"$data_dir.log" &
neo4j_pid=$!
for _ in $(seq 1 240); do [[ -s "$uri_file" ]] && break; sleep 0.5; done
export NEO4J_URI=$(head -n1 "$uri_file")
export NEO4JTEST_KEEP=1

echo "== generate $n stakeholders, $m ties"
bin/stakeholder-graph generate --stakeholders "$n" --ties "$m" --seed 1 2>/dev/null
echo "== projection from Neo4j"
go test -p 1 -run '^$' -bench BenchmarkProjection -benchtime 3x ./projection | grep Benchmark
echo "== GraphQL requests (projection warm)"
go test -p 1 -run '^$' -bench 'BenchmarkNeighborhoodDepth2|BenchmarkShortestPath' -benchtime 300x ./httpapi | grep Benchmark
echo "== in-memory analyses"
short=""; [[ "$1" == "10k" ]] && short="-short"
go test -run '^$' -bench "BenchmarkBuild|BenchmarkPageRank|BenchmarkLouvain|BenchmarkBetweenness|BenchmarkShortestPaths|BenchmarkNeighborhood|BenchmarkComponents|BenchmarkKCore" \
  -benchtime 3x $short ./analytics | grep Benchmark
