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
