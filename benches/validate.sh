#!/usr/bin/env bash
# Benchmark: `evident validate` against the floor (examples/floor.rs), the least a
# program must do to validate the same files (walk, read, parse, schema-check).
#
# Usage: benches/validate.sh [DIR]
#
#   DIR                evidence tree to use; generated if missing
#                      (default: $EVIDENT_BENCH_DIR or /tmp/evident-bench-100k)
#   ROUNDS=5           measured rounds of each program, alternating
#   FILES=100000       files to generate when DIR is missing
#   SEED=1             generator seed
#
# Each run is timed with GNU time (elapsed seconds, peak RSS); one warm-up run of each
# program comes first so both read from a warm page cache. `evident validate` exits 4
# because about 1% of the generated files are invalid on purpose; that is expected.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-${EVIDENT_BENCH_DIR:-/tmp/evident-bench-100k}}"
ROUNDS="${ROUNDS:-5}"
FILES="${FILES:-100000}"
SEED="${SEED:-1}"

# shellcheck source=benches/common.sh
. "$ROOT/benches/common.sh"
check_setup
build_release
ensure_tree "$DIR" "$FILES"

WORK="$(mktemp -d)"
trap 'rm -rf -- "$WORK"' EXIT

# The floor must exit 0; evident validate 0 (all valid) or 4 (some invalid).
floor() { timed "$WORK" "0" "$FLOOR" "$DIR"; }
validate() { timed "$WORK" "0 4" "$EVIDENT" validate "$DIR" --format json; }

echo "== warm-up (not counted)"
floor >/dev/null
echo "floor:    $(cat "$WORK/stdout")"
validate >/dev/null
echo "validate: exit status as expected; $(grep -m1 -o '"files": [0-9]*' "$WORK/stdout" || true) (incl. evident.yaml)"

echo "== $ROUNDS rounds on $(nproc) cores"
alternate validate validate
validate_s="$other_s"
validate_rss="$other_rss"
awk -v v="$validate_s" -v f="$floor_s" -v vr="$validate_rss" -v fr="$floor_rss" 'BEGIN {
    if (f > 0) printf "ratio validate/floor: time %.2fx", v / f; else printf "ratio validate/floor: time n/a (floor took 0 s)";
    if (fr > 0) printf ", peak RSS %.2fx\n", vr / fr; else printf "\n" }'
