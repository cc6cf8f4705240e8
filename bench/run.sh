#!/usr/bin/env bash
# The benchmark, in one command: three systems over the same Neo4j and the same data, side by side (the
# service twice: as deployed, and reading every answer from the graph).
#
#   bench/run.sh seed    # the Malaysian seed network (31 stakeholders, 25 ties)
#   bench/run.sh 10k     # synthetic: 10,000 stakeholders, 100,000 ties
#   bench/run.sh 100k    # synthetic: 100,000 stakeholders, 1,000,000 ties (generating takes a few minutes)
#
# It builds the service (make build), the floor, the load generator and the probe (bench/, its own Go
# module), installs the Neo4j GraphQL Library (npm ci in bench/neo4j-graphql), starts an embedded Neo4j 5.26
# in a temporary directory, loads the data set, starts the three systems on loopback ports, runs the load
# generator (bench/load) and then bench/probe against the service, and writes the report to
# bench/results/<dataset>-<date>.md. Everything it started is stopped on exit. Arguments after the data set go
# to the load generator, for example
#   bench/run.sh 10k -concurrency 1,4 -duration 3s -mix-duration 10s
# Environment: BENCH_PORT (first of three consecutive loopback ports, default 18180).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dataset=${1:-}
case "$dataset" in
  seed) load_cmd=(seed) ;;
  10k) load_cmd=(generate --stakeholders 10000 --ties 100000 --seed 1) ;;
  100k) load_cmd=(generate --stakeholders 100000 --ties 1000000 --seed 1) ;;
  *) echo "usage: $0 seed|10k|100k [load generator flags]" >&2; exit 2 ;;
esac
shift
port=${BENCH_PORT:-18180}
service_addr=127.0.0.1:$port
floor_addr=127.0.0.1:$((port + 1))
library_port=$((port + 2))

work=$(mktemp -d -t stakeholder-bench.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '== %s\n' "$*" >&2; }

# wait_http URL SECONDS waits until URL answers 200.
wait_http() {
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  echo "$1 did not answer within $2 s" >&2
  return 1
}

say "build"
make build >/dev/null
(cd bench && go build -o "$work/floor" ./floor && go build -o "$work/load" ./load && go build -o "$work/probe" ./probe)
npm --prefix bench/neo4j-graphql ci --no-audit --no-fund --silent >/dev/null

say "start Neo4j (heap 4096 MiB, page cache 2g) in $work/neo4j"
bin/stakeholder-graph neo4j --data-dir "$work/neo4j" --neo4j-heap-mb 4096 --neo4j-page-cache 2g \
  >"$work/neo4j.uri" 2>"$work/neo4j.log" &
neo4j_pid=$!
pids+=("$neo4j_pid")
for _ in $(seq 1 480); do [[ -s "$work/neo4j.uri" ]] && break; sleep 0.25; done
[[ -s "$work/neo4j.uri" ]] || { cat "$work/neo4j.log" >&2; exit 1; }
export NEO4J_URI=$(head -n1 "$work/neo4j.uri")
# The JVM is the launcher's child; its CPU time is read per cell.
jvm_pid=$(pgrep -P "$neo4j_pid" java | head -n1 || true)

say "load data set $dataset: stakeholder-graph ${load_cmd[*]}"
load_start=$(date +%s)
bin/stakeholder-graph "${load_cmd[@]}" 2>>"$work/load-data.log" | tail -n1 >&2
say "loaded in $(( $(date +%s) - load_start )) s"
# The writes (bench/load/writes.go) go through the service's mutations with an editor's key, made as an
# operator makes one.
export BENCH_SERVICE_TOKEN=$(bin/stakeholder-graph keys create --name bench --role editor 2>>"$work/load-data.log" | tail -n1)

say "start the service on $service_addr, the floor on $floor_addr, the library on 127.0.0.1:$library_port"
# The load generator is one trusted client on loopback measuring throughput: lift the per-client rate and
# concurrency limits, which would otherwise measure themselves. Everything else is as deployed.
RATE_LIMIT=1000000 RATE_BURST=1000000 CLIENT_CONCURRENCY=4096 \
  GRAPHQL_DEBUG=true LOG_LEVEL=warn bin/stakeholder-graph serve --addr "$service_addr" --seed=false 2>"$work/service.log" &
service_pid=$!
pids+=("$service_pid")
"$work/floor" -addr "$floor_addr" 2>"$work/floor.log" &
floor_pid=$!
pids+=("$floor_pid")
PORT=$library_port HOST=127.0.0.1 node bench/neo4j-graphql/server.mjs >"$work/library.log" 2>&1 &
library_pid=$!
pids+=("$library_pid")
wait_http "http://$service_addr/readyz" 120
wait_http "http://$floor_addr/healthz" 60
wait_http "http://127.0.0.1:$library_port/healthz" 120

mkdir -p bench/results
out="bench/results/$dataset-$(date -u +%Y-%m-%d).md"
say "run the load generator; report in $out"
{
  echo "# Benchmark: data set \`$dataset\`"
  echo
  echo "Command: \`bench/run.sh $dataset${*:+ $*}\`"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| machine | $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr) |"
  echo "| Neo4j | $(grep -o 'version=[^ ]*' "$work/neo4j.log" | head -n1 | cut -d= -f2) Community (embedded launcher), heap 4096 MiB, page cache 2g |"
  echo "| service | stakeholder-graph $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' ':!BENCHMARKS.md' || echo '+uncommitted changes'), $(go version | cut -d' ' -f3), GRAPHQL_DEBUG=true, LOG_LEVEL=warn |"
  echo "| library | @neo4j/graphql $(node -p "require('./bench/neo4j-graphql/node_modules/@neo4j/graphql/package.json').version"), @apollo/server $(node -p "require('./bench/neo4j-graphql/node_modules/@apollo/server/package.json').version"), graphql $(node -p "require('./bench/neo4j-graphql/node_modules/graphql/package.json').version"), neo4j-driver $(node -p "require('./bench/neo4j-graphql/node_modules/neo4j-driver/package.json').version"), Node $(node --version) |"
  echo "| floor | bench/floor, neo4j-go-driver v5.28.4 |"
  echo "| data load | \`stakeholder-graph ${load_cmd[*]}\`, $(( $(date +%s) - load_start )) s including start-up of the systems |"
  echo
} >"$out.head"
"$work/load" -dataset "$dataset" -neo4j "$NEO4J_URI" \
  -service "http://$service_addr" -floor "http://$floor_addr" -library "http://127.0.0.1:$library_port" \
  -service-pid "$service_pid" -floor-pid "$floor_pid" -library-pid "$library_pid" -neo4j-pid "${jvm_pid:-0}" \
  -out "$out.body" "$@" >/dev/null
say "probe the service, one field at a time"
{
  echo "### Where the service spends its time: the benchmark's queries grown one field at a time"
  echo
  echo "bench/probe, after the load: one request at a time, 30 per variant, each read from the graph (Cache-Control: no-cache), the service's own count of Neo4j transactions."
  echo
  "$work/probe" -service "http://$service_addr" -neo4j "$NEO4J_URI" -n 30
  echo
} >>"$out.body"
cat "$out.head" "$out.body" >"$out"
rm -f "$out.head" "$out.body"
say "done: $out"
