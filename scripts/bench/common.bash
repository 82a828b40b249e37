# Functions the benchmarks share; sourced by them, never run alone (run-all.sh runs *.sh only).
# Expects ROOT (the repository) and SCRATCH (.build-bench) to be set, and say/die to be defined.

# bench_install COMMAND [PACKAGE]: installs the Debian package when COMMAND is missing (best effort).
bench_install() {
    command -v "$1" >/dev/null && return 0
    say "installing ${2:-$1}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}"; } >/dev/null 2>&1 || true
}

# bench_quill [SCRATCH_PATH [BUILD_FLAG...]]: sets QUILL to BENCH_QUILL, or to a release build in
# SCRATCH_PATH (default SCRATCH), built with the extra flags unless BENCH_SKIP_BUILD=1.
bench_quill() {
    local scratch="${1:-$SCRATCH}"
    [ $# -gt 0 ] && shift
    cd "$ROOT"
    if [ -n "${BENCH_QUILL:-}" ]; then
        QUILL="$(cd "$(dirname "$BENCH_QUILL")" && pwd)/$(basename "$BENCH_QUILL")"
    else
        if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
            say "building quill (release${*:+ $*}, scratch path ${scratch#"$ROOT"/})"
            swift build -c release --product quill --scratch-path "$scratch" "$@" >&2
        fi
        QUILL="$(swift build -c release --scratch-path "$scratch" "$@" --show-bin-path)/quill"
    fi
    [ -x "$QUILL" ] || die "no quill binary at $QUILL"
}

# bench_mean_ms JSON: "mean_ms sd_ms" of the first result of a hyperfine --export-json file.
bench_mean_ms() {
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["mean"] * 1000, (r["stddev"] or 0) * 1000))' "$1"
}
