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

# shellcheck source=common.sh
source "$ROOT/scripts/bench/lib/common.sh"

# --- tools -------------------------------------------------------------------------------------
command -v git >/dev/null || die "git is required"
command -v python3 >/dev/null || die "python3 is required"
[ -x /usr/bin/time ] || bench_install /usr/bin/time time
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required for peak RSS"
bench_install hyperfine

# --- build ---------------------------------------------------------------------------------------
bench_quill

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
