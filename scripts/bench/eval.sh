#!/usr/bin/env bash
# Benchmark: the evaluation store (scripts/bench/eval-bench.py does the work).
#   (a) one `quill eval record` of 10,000 records with per-case results (target >= 5,000 records/s),
#   (b) one `quill eval record` of a small file, wall time with process start (target <= 50 ms),
#   (c) `quill log P` with scores on the 10,000-commit history with a record for every prompt change,
#       against `git log --follow --format=%H -- P` (target <= 2x, peak RSS <= 100 MB).
#
#   scripts/bench/eval.sh            # from anywhere; prints a table
#
# Environment: BENCH_RUNS (default 10; the batch import runs half as often, at least 3), BENCH_WARMUP
# (default 2), BENCH_STRICT=1 (exit 1 when a target is missed), BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH,
# BENCH_RESULTS=DIR (default .build-bench/results), as for log.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
RESULTS="${BENCH_RESULTS:-$SCRATCH/results}"

NAME=eval.sh
# shellcheck source=lib/common.sh
source "$ROOT/scripts/bench/lib/common.sh"
bench_quill

say "generating the 10,000-commit history (cached)"
python3 "$ROOT/scripts/bench/generate-history.py" "$SCRATCH/data/history-10k" --commits 10000 >/dev/null

STATUS=0
python3 "$ROOT/scripts/bench/eval-bench.py" "$QUILL" "$SCRATCH/data" "$RESULTS" \
    --runs "${BENCH_RUNS:-10}" --warmup "${BENCH_WARMUP:-2}" || STATUS=$?
case "$STATUS" in
    0) ;;
    3) if [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi ;;
    *) exit "$STATUS" ;;
esac
