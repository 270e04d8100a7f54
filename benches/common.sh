# Shared by benches/validate.sh and benches/assess.sh (sourced, not run): paths of
# the release binaries, GNU time, the generated evidence tree, timed runs, medians.
# The sourcing script sets ROOT, SEED and ROUNDS first.

FLOOR="$ROOT/target/release/examples/floor"
GEN="$ROOT/target/release/examples/gen_evidence"
# EVIDENT_BIN measures another build (e.g. an older commit) with the same method.
EVIDENT="${EVIDENT_BIN:-$ROOT/target/release/evident}"

die() {
    echo "error: $*" >&2
    exit 1
}

# check_setup: ROUNDS is a positive integer and GNU time is installed.
check_setup() {
    [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, not '$ROUNDS'"
    if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f '%e' true >/dev/null 2>&1; then
        die "GNU time is needed at /usr/bin/time; install it with: apt-get install -y time"
    fi
}

build_release() {
    echo "== building (release)"
    (cd "$ROOT" && cargo build --release --examples --bins)
}

# ensure_tree DIR N: generates N files into DIR unless a complete tree is there.
ensure_tree() {
    local dir="$1" n="$2"
    if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
        [[ -f "$dir/evident.yaml" ]] ||
            die "$dir exists but holds no evident.yaml (an interrupted generation?); remove it or pass another DIR"
        echo "== using existing evidence in $dir"
    else
        echo "== generating $n files (seed $SEED) into $dir"
        "$GEN" --files "$n" --seed "$SEED" --out "$dir"
    fi
}

# timed WORK OKAY CMD...: runs CMD under GNU time with output in WORK/stdout and
# WORK/stderr; an exit status not in the space-separated list OKAY is an error.
# Prints "SECONDS KIB".
timed() {
    local work="$1" okay="$2"
    shift 2
    local status=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [[ " $okay " != *" $status "* ]]; then
        tail -n 20 "$work/stderr" >&2
        die "$(basename "$1") exited with status $status"
    fi
    # GNU time writes "Command exited with non-zero status N" first; the numbers last.
    tail -n 1 "$work/time"
}

# median: the median of the numbers on stdin.
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
        else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# alternate NAME CMD...: ROUNDS rounds, each running `floor` then CMD (functions of
# the sourcing script), with a row per round and the medians; sets floor_s,
# floor_rss, other_s and other_rss for the caller's ratio line.
alternate() {
    local name="$1"
    shift
    printf '%-6s %10s %10s %14s %14s\n' round floor_s "${name}_s" floor_rss_kib "${name}_rss_kib"
    : >"$WORK/floor.tsv"
    : >"$WORK/other.tsv"
    local i fs fm os om
    for ((i = 1; i <= ROUNDS; i++)); do
        read -r fs fm <<<"$(floor)"
        read -r os om <<<"$("$@")"
        echo "$fs $fm" >>"$WORK/floor.tsv"
        echo "$os $om" >>"$WORK/other.tsv"
        printf '%-6s %10s %10s %14s %14s\n' "$i" "$fs" "$os" "$fm" "$om"
    done
    floor_s="$(cut -d' ' -f1 "$WORK/floor.tsv" | median)"
    other_s="$(cut -d' ' -f1 "$WORK/other.tsv" | median)"
    floor_rss="$(cut -d' ' -f2 "$WORK/floor.tsv" | median)"
    other_rss="$(cut -d' ' -f2 "$WORK/other.tsv" | median)"
    echo "== medians over $ROUNDS rounds"
    printf '%-9s %8s s %12.0f KiB\n' floor "$floor_s" "$floor_rss"
    printf '%-9s %8s s %12.0f KiB\n' "$name" "$other_s" "$other_rss"
}
