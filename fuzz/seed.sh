#!/bin/sh
# Builds the seed corpus of each fuzz target from the repository's own samples and
# fixtures (fuzz/corpus/, ignored by git). Run from anywhere: sh fuzz/seed.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
seed() { # target, then files
    target=$1; shift
    mkdir -p "$corpus/$target"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$corpus/$target/$(echo "$f" | sed "s|$root/||; s|/|_|g")"
    done
}
cd "$root"
seed evidence_yaml $(find "$root/evidence-samples" "$root/src/scaffold/templates" -name '*.yaml' ! -name evident.yaml)
seed evidence_json $(find "$root/evidence-samples" -name '*.json')
seed evidence_markdown $(find "$root/evidence-samples" "$root/src/scaffold" -name '*.md' ! -name README.md)
seed catalog "$root"/controls/*.yaml $(find "$root/tests/fixtures/catalogs" -name '*.yaml')
seed profile $(find "$root/evidence-samples" "$root/src/scaffold" -name evident.yaml)
seed baseline $(find "$root/tests" -name '*.json' -path '*baseline*') $(find "$root/tests/fixtures" -name '*.json' | head -20)
seed templates $(find "$root/report-templates" -name '*.hbs')
mkdir -p "$corpus/duration"
for d in P1D P30D P365D P1M P3M P1Y PT1M PT24H P1W P1Y2M3DT4H5M6S; do
    printf '%s' "$d" > "$corpus/duration/$d"
done
echo "seeded: $(find "$corpus" -type f | wc -l) files in $corpus"
