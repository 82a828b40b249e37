#!/usr/bin/env bash
# Benchmark: regression attribution (`quill blame PROMPT --metric M`) against Apache Otava 0.8.0
# (E-divisive, installed from PyPI into .build-bench/otava-venv) on the same generated histories.
#
#   scripts/bench/attribution.sh     # from anywhere; prints a markdown table per shape
#
# AttributionBench (Sources/AttributionBench, release build) generates BENCH_SEEDS histories of each
# shape with TestSupport's RegressionHistoryGenerator (3σ and 5σ falls caused by a prompt edit, a model
# change, a data change or a dataset change; every commit evaluated or every 5th; culprits on merged
# branches with and without branch records; 8-point series; noise only), runs Quill's attribution
# in-process on each and writes each series as CSV; Otava analyses the same CSV files, and
# attribution-score.py scores both: the culprit named exactly, the culprit among the candidates of an
# ambiguous answer, precision of named culprits, false alarms per 1,000 noise-only commits. Otava
# names the first bad evaluated commit of each change point in the bad direction (it knows no commits
# in between); it is scored the same way.
#
# Otava analyses only the last 365 days by default; the series are dated from 2024, so --since 2000-01-01.
#
# Environment:
#   BENCH_SEEDS=N      histories per shape (default 10)
#   BENCH_SKIP_BUILD=1 use the existing release build in .build-bench
#   BENCH_ATTRIBUTION=PATH  use this AttributionBench binary instead (no build)
#   BENCH_OTAVA=PATH   use this otava instead of installing one
#   BENCH_RESULTS=DIR  where results go (default .build-bench/results/attribution)
#
# Goals (issue 16): at >= 3σ, dense: exact >= 0.95; sparse: exact or among candidates >= 0.95 and
# named-culprit precision >= 0.95; false alarms <= 1 per 1,000 noise-only commits.
set -euo pipefail

NAME=attribution.sh
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
SEEDS="${BENCH_SEEDS:-10}"
RESULTS="${BENCH_RESULTS:-$SCRATCH/results/attribution}"
# shellcheck source=lib/common.sh
. "$ROOT/scripts/bench/lib/common.sh"

cd "$ROOT"
BENCH="${BENCH_ATTRIBUTION:-}"
if [ -z "$BENCH" ]; then
    flags=(-c release --scratch-path "$SCRATCH")
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
        say "building AttributionBench (release)"
        swift build "${flags[@]}" --product AttributionBench >&2
    fi
    BENCH="$(swift build "${flags[@]}" --show-bin-path)/AttributionBench"
fi
[ -x "$BENCH" ] || die "no AttributionBench at $BENCH"

OTAVA="${BENCH_OTAVA:-}"
if [ -z "$OTAVA" ]; then
    venv="$SCRATCH/otava-venv"
    if [ ! -x "$venv/bin/otava" ]; then
        say "installing apache-otava 0.8.0 into ${venv#"$ROOT"/} (pip)"
        { python3 -m venv "$venv" && "$venv/bin/pip" install -q apache-otava==0.8.0; } >&2 || die "cannot install apache-otava"
    fi
    OTAVA="$venv/bin/otava"
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
say "generating $SEEDS histories per shape and attributing them with quill"
"$BENCH" "$RESULTS" "$SEEDS"

say "running otava on the same series"
python3 - "$RESULTS" <<'PY'
import os, sys
out = sys.argv[1]
with open(os.path.join(out, "otava.yaml"), "w") as config:
    config.write("tests:\n")
    for name in sorted(os.listdir(os.path.join(out, "series"))):
        test = name[:-4]
        config.write(f"  {test}:\n    type: csv\n    file: {os.path.join(out, 'series', name)}\n    time_column: time\n"
                     "    attributes: [commit]\n    metrics:\n      accuracy:\n        column: accuracy\n        direction: 1\n")
PY
# One process per series: otava analyses several tests on threads and interleaves their JSON.
mkdir -p "$RESULTS/otava"
(cd "$RESULTS/series" && ls) | sed 's/\.csv$//' | OTAVA="$OTAVA" RESULTS="$RESULTS" xargs -P 2 -I{} sh -c \
    '"$OTAVA" analyze --config-file "$RESULTS/otava.yaml" --output json --since 2000-01-01 "{}" >"$RESULTS/otava/{}.json" 2>>"$RESULTS/otava.log"' \
    || die "otava failed; see $RESULTS/otava.log"
cat "$RESULTS"/otava/*.json >"$RESULTS/otava.jsonl"

python3 "$ROOT/scripts/bench/attribution-score.py" "$RESULTS/quill.jsonl" "$RESULTS/otava.jsonl" | tee "$RESULTS/table.md"
