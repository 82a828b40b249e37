# Functions the benchmarks share; sourced by them, never run alone (run-all.sh runs scripts/bench/*.sh
# only). Expects NAME (the script's name, for messages), ROOT (the repository) and SCRATCH
# (.build-bench) to be set.

say() { printf '==> %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$NAME" "$*" >&2; exit 1; }

# bench_install COMMAND [PACKAGE]: installs the Debian package when COMMAND is missing (best effort).
bench_install() {
    command -v "$1" >/dev/null && return 0
    say "installing ${2:-$1}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}"; } >/dev/null 2>&1 || true
}

# bench_quill: sets QUILL to BENCH_QUILL, or to the release build in SCRATCH, built (unless
# BENCH_SKIP_BUILD=1) with the Swift runtime linked in, as a command-line tool ships. Every benchmark
# uses this one build, so their figures are comparable.
bench_quill() {
    cd "$ROOT"
    if [ -n "${BENCH_QUILL:-}" ]; then
        QUILL="$(cd "$(dirname "$BENCH_QUILL")" && pwd)/$(basename "$BENCH_QUILL")"
    else
        local flags=(-c release --static-swift-stdlib --scratch-path "$SCRATCH")
        if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
            say "building quill (release, static Swift runtime, scratch path ${SCRATCH#"$ROOT"/})"
            swift build "${flags[@]}" --product quill >&2
        fi
        QUILL="$(swift build "${flags[@]}" --show-bin-path)/quill"
    fi
    [ -x "$QUILL" ] || die "no quill binary at $QUILL"
}

# bench_dvc: sets DVC to BENCH_DVC, or to dvc installed from PyPI into SCRATCH/dvc-venv, or to ""
# when it cannot be had (the scripts then skip the dvc comparison).
bench_dvc() {
    DVC="${BENCH_DVC:-}"
    if [ -z "$DVC" ]; then
        local venv="$SCRATCH/dvc-venv"
        if [ ! -x "$venv/bin/dvc" ]; then
            say "installing dvc into ${venv#"$ROOT"/} (pip)"
            { python3 -m venv "$venv" && "$venv/bin/pip" install -q dvc; } >&2 || true
        fi
        [ -x "$venv/bin/dvc" ] && DVC="$venv/bin/dvc"
    fi
    if [ -n "$DVC" ] && ! "$DVC" --version >/dev/null 2>&1; then DVC=""; fi
    [ -n "$DVC" ] || say "dvc could not be installed; skipping the dvc comparison"
}

# bench_mean_ms JSON: "mean_ms sd_ms" of the first result of a hyperfine --export-json file.
bench_mean_ms() {
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["mean"] * 1000, (r["stddev"] or 0) * 1000))' "$1"
}
