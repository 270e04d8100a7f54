#!/usr/bin/env bash
# Benchmark: `evident assess` with every output format against the floor
# (examples/floor.rs: walk, read, parse and schema-check the same files, keep nothing).
#
# Usage: benches/assess.sh [DIR]          the 100k comparison (default)
#        SCALING=1 benches/assess.sh      also 10k / 100k / 1M, one run each size
#
#   DIR                evidence tree for the comparison; generated if missing
#                      (default: $EVIDENT_BENCH_DIR or /tmp/evident-bench-100k)
#   ROUNDS=5           measured rounds of each program, alternating
#   FILES=100000       files to generate when DIR is missing
#   SEED=1             generator seed
#   EVIDENT_BIN        another evident binary to measure instead of this build
#   SCALING=0          1: after the comparison, time assess at 10k, 100k and 1M files
#                      (the 1M tree is about 1.2 GB in /tmp/evident-bench-1m; keep
#                      it out of CI)
#
# Each run is timed with GNU time (elapsed seconds, peak RSS); one warm-up run of each
# program comes first so both read from a warm page cache. The reports go to a fresh
# temporary folder every run. `assess` exits 1 (gate failed: the generated
# organisation is below its targets) or 0; both are expected. The floor does less
# than assess by design (no hashing, no scoring, no report): the ratio is what the
# whole job costs over reading and checking the files.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-${EVIDENT_BENCH_DIR:-/tmp/evident-bench-100k}}"
ROUNDS="${ROUNDS:-5}"
FILES="${FILES:-100000}"
SEED="${SEED:-1}"
SCALING="${SCALING:-0}"
FORMATS="json,md,html,summary,junit,sarif,oscal,manifest"

# shellcheck source=benches/common.sh
. "$ROOT/benches/common.sh"
check_setup
build_release

WORK="$(mktemp -d)"
trap 'rm -rf -- "$WORK"' EXIT

# The floor must exit 0; assess 0 (targets met) or 1 (gate failed).
floor() { timed "$WORK" "0" "$FLOOR" "${1:-$DIR}"; }
assess() {
    rm -rf -- "$WORK/out"
    timed "$WORK" "0 1" "$EVIDENT" assess "$1" --format "$FORMATS" --out "$WORK/out"
}

ensure_tree "$DIR" "$FILES"
echo "== warm-up (not counted)"
floor "$DIR" >/dev/null
assess "$DIR" >/dev/null
echo "reports: $(cd "$WORK/out" && ls | tr '\n' ' ')"
echo "sizes (bytes): $(cd "$WORK/out" && stat -c '%n=%s' * | tr '\n' ' ')"

echo "== $ROUNDS rounds on $(nproc) cores, assess --format $FORMATS"
alternate assess assess "$DIR"
assess_s="$other_s"
assess_rss="$other_rss"
awk -v a="$assess_s" -v f="$floor_s" -v r="$assess_rss" 'BEGIN {
    printf "ratio assess/floor: time %.2fx (target <= 1.5x); assess peak RSS %.0f MiB (target <= 200 MiB)\n", a / f, r / 1024 }'

if [[ "$SCALING" == 1 ]]; then
    echo "== scaling: assess --format $FORMATS, one run after a warm-up, per size"
    printf '%-8s %10s %14s\n' files assess_s assess_rss_kib
    for size in 10000 100000 1000000; do
        case "$size" in
            10000) tree=/tmp/evident-bench-10k ;;
            100000) tree="$DIR" ;;
            1000000) tree=/tmp/evident-bench-1m ;;
        esac
        ensure_tree "$tree" "$size" >&2
        assess "$tree" >/dev/null
        read -r s m <<<"$(assess "$tree")"
        printf '%-8s %10s %14s\n' "$size" "$s" "$m"
    done
fi
