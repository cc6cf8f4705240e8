#!/usr/bin/env bash
# Browser tests of the explorer (/) and the playground (/playground): headless Chromium from Debian's
# package, driven by playwright-core from npm (web/explorer/test/*.test.mjs, node:test), against the real
# service and a real Neo4j; and the GraphQL-over-HTTP audit of the graphql-http package
# (web/conformance/*.test.mjs) against the same service.
#
# Needs bin/stakeholder-graph (make build), the web packages (make web) and Chromium
# (apt-get install -y chromium; another binary through CHROMIUM=/path). Starts
# `bin/stakeholder-graph serve` on a free loopback port: against NEO4J_URI when it is set (run this after
# the Go tests, which empty the database they share; the service seeds an empty graph at start), otherwise
# with its own embedded Neo4j in a temporary directory. Stops it afterwards.
#
# Screenshots go to test-results/screenshots/, the service's log to test-results/browser-test-server.log.
# Extra arguments go to `node --test`, e.g. scripts/browser-test.sh --test-name-pattern=path
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=bin/stakeholder-graph
chromium=${CHROMIUM:-/usr/bin/chromium}
results=$root/test-results
[[ -x $bin ]] || { echo "$bin is missing: run make build first" >&2; exit 1; }
[[ -x $chromium ]] || { echo "Chromium not found at $chromium: apt-get install -y chromium (or set CHROMIUM)" >&2; exit 1; }
if [[ ! -d web/node_modules/playwright-core ]]; then
  npm --prefix web ci --no-audit --no-fund
fi

mkdir -p "$results/screenshots"
# The folder ignores itself, so runs never show up in git status.
[[ -f $results/.gitignore ]] || echo '*' >"$results/.gitignore"
rm -f "$results"/screenshots/*.png
log=$results/browser-test-server.log

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base_url=http://127.0.0.1:$port

data_dir=$(mktemp -d)
cleanup() {
  if [[ -n "${server_pid:-}" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT

if [[ -n "${NEO4J_URI:-}" ]]; then
  echo "browser tests: serving on $base_url against $NEO4J_URI"
else
  echo "browser tests: serving on $base_url with an embedded Neo4j in $data_dir"
fi
"$bin" serve --addr "127.0.0.1:$port" --data-dir "$data_dir" >"$log" 2>&1 &
server_pid=$!

ready=
for _ in $(seq 1 360); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$log" >&2
    echo "the service exited before it was ready" >&2
    exit 1
  fi
  if curl -fsS -o /dev/null "$base_url/readyz" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[[ -n $ready ]] || { tail -n 50 "$log" >&2; echo "the service did not become ready in time" >&2; exit 1; }

cd web
# The GraphQL-over-HTTP audit first, while the service is fresh, then the explorer and the playground.
BASE_URL=$base_url CHROMIUM=$chromium SCREENSHOT_DIR=$results/screenshots \
  node --test --test-concurrency=1 "$@" conformance/*.test.mjs explorer/test/*.test.mjs
echo "screenshots: test-results/screenshots/"
