# Shared set-up of the benchmarks in scripts/bench, sourced (not run) by each of them after `set -euo
# pipefail` and with NAME set to the script's name for messages. Reads BENCH_COMMITS, BENCH_RUNS,
# BENCH_WARMUP, BENCH_RESULTS, BENCH_SKIP_BUILD and BENCH_QUILL (see each script); sets ROOT,
# SCRATCH, COMMITS, RUNS, WARMUP, RESULTS, REPO, QUILL, SUMMARY (the generator's JSON), HOT (the
# prompt with the most versions) and RENAMED (the prompt renamed twice); leaves the current folder
# at ROOT.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
COMMITS="${BENCH_COMMITS:-10000}"
RUNS="${BENCH_RUNS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
RESULTS="${BENCH_RESULTS:-$SCRATCH/results}"
if [ "$COMMITS" = 10000 ]; then REPO="$SCRATCH/data/history-10k"; else REPO="$SCRATCH/data/history-$COMMITS"; fi

say() { printf '==> %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$NAME" "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
command -v git >/dev/null || die "git is required"
command -v python3 >/dev/null || die "python3 is required"
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required for peak RSS"
if ! command -v hyperfine >/dev/null; then
    say "installing hyperfine"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine; } >/dev/null 2>&1 || true
fi

# --- build ---------------------------------------------------------------------------------------
cd "$ROOT"
if [ -n "${BENCH_QUILL:-}" ]; then
    QUILL="$(cd "$(dirname "$BENCH_QUILL")" && pwd)/$(basename "$BENCH_QUILL")"
else
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
        say "building quill (release, scratch path .build-bench)"
        swift build -c release --static-swift-stdlib --product quill --scratch-path "$SCRATCH" >&2
    fi
    QUILL="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/quill"
fi
[ -x "$QUILL" ] || die "no quill binary at $QUILL"

# --- data ----------------------------------------------------------------------------------------
say "generating $COMMITS commits into ${REPO#"$ROOT"/} (cached)"
SUMMARY="$(python3 "$ROOT/scripts/bench/generate-history.py" "$REPO" --commits "$COMMITS")"
mkdir -p "$RESULTS"

# The prompt with the most versions (renamed once, with an edit), and the one renamed twice.
read -r HOT RENAMED < <(python3 -c '
import json, sys
s = json.loads(sys.argv[1])
twice = max(s["renamed"], key=lambda r: (len(r["paths"]), r["versions_upper_bound"]))
print(s["most_versions"]["path"], twice["path"])' "$SUMMARY")
