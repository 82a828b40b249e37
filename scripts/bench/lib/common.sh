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
# BENCH_SKIP_BUILD=1) as a command-line tool ships: scripts/build/release-build, the Swift runtime
# linked in. Every benchmark uses this one build, so their figures are comparable.
bench_quill() {
    cd "$ROOT"
    if [ -n "${BENCH_QUILL:-}" ]; then
        QUILL="$(cd "$(dirname "$BENCH_QUILL")" && pwd)/$(basename "$BENCH_QUILL")"
    else
        local build=("$ROOT/scripts/build/release-build" --scratch-path "$SCRATCH")
        if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
            say "building quill (release, static Swift runtime, scratch path ${SCRATCH#"$ROOT"/})"
            "${build[@]}" --product quill >&2
        fi
        QUILL="$("${build[@]}" --show-bin-path)/quill"
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

# bench_cold PATH...: sets COLD to a shell command that empties the page cache before a cold run
# (hyperfine --prepare, side-by-side.py --prepare) and COLD_HOW to its description: the whole cache
# through /proc/sys/vm/drop_caches where it can be written, else each file under PATH... (the
# repositories and the binaries timed) evicted by lib/evict.py. The cold rows stand beside the warm
# ones in every benchmark's table.
bench_cold() {
    if (sync && echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
        COLD="sh -c 'sync; echo 3 > /proc/sys/vm/drop_caches'"
        COLD_HOW="page cache dropped before each run"
    else
        local quoted="" path
        for path in "$@"; do quoted+=" '$path'"; done
        COLD="python3 '$ROOT/scripts/bench/lib/evict.py'$quoted"
        COLD_HOW="files of the repository and the binaries evicted before each run (drop_caches not writable)"
    fi
}
