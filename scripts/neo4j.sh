# Sourced by the scripts that need a Neo4j of their own: start_neo4j starts the embedded server
# (bin/stakeholder-graph neo4j) in the background on a free loopback port, waits until it prints its Bolt
# URI, and exports NEO4J_URI; stop_neo4j stops it. The caller arranges `trap stop_neo4j EXIT`.

# start_neo4j DATA_DIR [FLAGS...]: FLAGS go to `stakeholder-graph neo4j` (heap, page cache).
start_neo4j() {
  local data_dir=$1
  shift
  NEO4J_URI_FILE=$(mktemp)
  bin/stakeholder-graph neo4j --data-dir "$data_dir" "$@" >"$NEO4J_URI_FILE" 2>"$data_dir.log" &
  NEO4J_PID=$!
  for _ in $(seq 1 240); do
    [[ -s "$NEO4J_URI_FILE" ]] && break
    if ! kill -0 "$NEO4J_PID" 2>/dev/null; then
      cat "$data_dir.log" >&2
      echo "the embedded Neo4j did not start" >&2
      return 1
    fi
    sleep 0.5
  done
  [[ -s "$NEO4J_URI_FILE" ]] || { echo "the embedded Neo4j did not become ready in time" >&2; return 1; }
  NEO4J_URI=$(head -n1 "$NEO4J_URI_FILE")
  export NEO4J_URI
}

stop_neo4j() {
  if [[ -n "${NEO4J_PID:-}" ]]; then
    kill "$NEO4J_PID" 2>/dev/null || true
    wait "$NEO4J_PID" 2>/dev/null || true
    NEO4J_PID=
  fi
  rm -f "${NEO4J_URI_FILE:-}"
}
