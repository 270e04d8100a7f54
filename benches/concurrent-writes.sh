#!/usr/bin/env bash
# Two `evident assess` runs writing the same --out at once, TRIALS times. The runs use
# different --as-of dates, so their reports differ: a report equal to neither run's
# solo output is corrupt. Prints the corrupt reports and the runs that failed.
#
# Usage: benches/concurrent-writes.sh [BINARY] [TRIALS]
#   BINARY   evident to test (default: target/release/evident)
#   TRIALS   default 20
#   DIR      evidence tree (default /tmp/evident-bench-10k; generate it with
#            gen_evidence --files 10000 --seed 1 --out /tmp/evident-bench-10k)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$ROOT/target/release/evident}"
trials="${2:-20}"
dir="${DIR:-/tmp/evident-bench-10k}"
fmt=json,html,oscal,manifest
files="assessment.json report.html oscal-assessment-results.json manifest.json"
[[ -f "$dir/evident.yaml" ]] || { echo "error: no evidence tree at $dir" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
"$bin" assess "$dir" --as-of 2026-10-31 --format $fmt --out "$work/a" >/dev/null 2>&1 || true
"$bin" assess "$dir" --as-of 2026-09-30 --format $fmt --out "$work/b" >/dev/null 2>&1 || true
bad=0
failed=0
for ((i = 1; i <= trials; i++)); do
    out="$work/run$i"
    "$bin" assess "$dir" --as-of 2026-10-31 --format $fmt --out "$out" >/dev/null 2>"$work/a.err" &
    pa=$!
    "$bin" assess "$dir" --as-of 2026-09-30 --format $fmt --out "$out" >/dev/null 2>"$work/b.err" &
    pb=$!
    sa=0; wait $pa || sa=$?
    sb=0; wait $pb || sb=$?
    for s in $sa $sb; do
        # 0: targets met; 1: gate failed (expected); anything else is a failed run.
        if [[ $s -ne 0 && $s -ne 1 ]]; then
            failed=$((failed + 1))
            grep -h '^error:' "$work/a.err" "$work/b.err" | head -n 1
        fi
    done
    for f in $files; do
        if ! cmp -s "$work/a/$f" "$out/$f" && ! cmp -s "$work/b/$f" "$out/$f"; then
            bad=$((bad + 1))
            echo "trial $i: $f is neither run's report"
        fi
    done
    left=$(find "$out" -maxdepth 1 -name '.*.tmp' | wc -l)
    [[ $left -eq 0 ]] || echo "trial $i: $left temporary files left"
    rm -rf -- "$out"
done
echo "$bin: $bad corrupt reports and $failed failed runs in $trials trials of two concurrent runs"
