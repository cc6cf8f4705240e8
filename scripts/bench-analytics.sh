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

source scripts/neo4j.sh
data_dir=$(mktemp -d)
trap 'stop_neo4j; rm -rf "$data_dir" "$data_dir.log"' EXIT
start_neo4j "$data_dir" --neo4j-heap-mb 4096 --neo4j-page-cache 2g
export NEO4JTEST_KEEP=1

echo "== generate $n stakeholders, $m ties"
bin/stakeholder-graph generate --stakeholders "$n" --ties "$m" --seed 1 2>/dev/null
echo "== projection from Neo4j"
go test -p 1 -run '^$' -bench BenchmarkProjection -benchtime 3x ./viewcache | grep Benchmark
echo "== GraphQL requests (projection warm)"
go test -p 1 -run '^$' -bench 'BenchmarkNeighborhoodDepth2|BenchmarkShortestPath' -benchtime 300x ./httpapi | grep Benchmark
echo "== in-memory analyses"
short=""; [[ "$1" == "10k" ]] && short="-short"
go test -run '^$' -bench "BenchmarkBuild|BenchmarkPageRank|BenchmarkLouvain|BenchmarkBetweenness|BenchmarkShortestPaths|BenchmarkNeighborhood|BenchmarkComponents|BenchmarkKCore" \
  -benchtime 3x $short ./analytics | grep Benchmark
