#!/usr/bin/env bash
# Runs every fuzz target of the repository for a short while each, one after another (go test -fuzz takes
# one target per run), and stops at the first failure. None of the targets needs Neo4j.
#
#   scripts/fuzz.sh        # 3s a target
#   scripts/fuzz.sh 90s    # longer, after changing a decoder
#
# A failing input is saved under the package's testdata/fuzz/<target>/. Keep it there: go test runs it as
# an ordinary test case from then on. Then fix the code, and add a regression test that says what was wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-3s}

# Every fuzz target, as "package target". Add yours here; the check below fails while one is missing.
targets=(
  "./neo4jstore/internal/keyset FuzzDecode"
  "./neo4jstore/internal/keyset FuzzRoundTrip"
  "./domain FuzzParseGlobalID"
  "./domain FuzzGlobalIDRoundTrip"
  "./domain FuzzParseDate"
  "./domain FuzzParseEnum"
  "./domain FuzzParseNetworkFilter"
  "./domain FuzzParseTieKey"
  "./exchange FuzzReadJSON"
  "./exchange FuzzReadCSV"
  "./exchange FuzzReadCSVZip"
  "./querycost FuzzGuard"
)

# The fuzz functions in the module's test files (bench is a module of its own), as "package target".
found=$(grep -rE --include='*_test.go' --exclude-dir=bench --exclude-dir=node_modules '^func Fuzz[A-Za-z0-9_]*\(' . |
  sed -E 's|^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|' | sort)
missing=$(comm -23 <(echo "$found") <(printf '%s\n' "${targets[@]}" | sort))
if [[ -n $missing ]]; then
  echo "fuzz targets missing from the list in $0:" >&2
  echo "$missing" >&2
  exit 1
fi

for target in "${targets[@]}"; do
  read -r pkg name <<<"$target"
  echo "== $pkg $name ($fuzztime)"
  # Minimising each new interesting input may take a minute by default; with a 60 KB seed (the Malaysia
  # dataset) that left the importers' fuzzers idle for most of a run. Five seconds keeps them fuzzing.
  fuzz() { go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s 2>&1; }
  if ! out=$(fuzz); then
    echo "$out"
    # Go's fuzzer can report its own -fuzztime deadline, reached mid-input, as a failure ("context deadline
    # exceeded") without a failing input. That is no finding: run the target again. A real failure
    # writes its input under testdata/fuzz and fails again.
    if grep -q "context deadline exceeded" <<<"$out" && ! grep -q "Failing input written" <<<"$out"; then
      echo "(the fuzzer stopped on its own deadline with no failing input; running $name again)"
      fuzz || exit 1
    else
      exit 1
    fi
  else
    echo "$out"
  fi
done
