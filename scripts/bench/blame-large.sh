#!/usr/bin/env bash
# Benchmark: `quill blame` against `git blame --porcelain` on two generated shapes unlike blame.sh's
# (scripts/bench/generate-large-file.py): a CSV prompt collection of about 100,000 rows with 5,000
# versions, each editing, adding or removing a few rows, and four long Markdown prompts (about
# 3,400 lines) with 6,000 commits of small edits. Checks first that quill attributes every line as
# git does, then runs both alternately and reports minimum and median wall time, CPU time and peak
# RSS (/usr/bin/time), with the load average before and after.
#
#   scripts/bench/blame-large.sh      # from anywhere; prints a table
#
# Environment: BENCH_RUNS (default 3), BENCH_STRICT=1 (exit 1 when quill is above git),
# BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH, BENCH_RESULTS=DIR (default .build-bench/results).
# Building the CSV history takes a few minutes once; it is cached under .build-bench/data.
#
# Target: quill <= git in wall time and in peak memory on both shapes.
set -euo pipefail

NAME=blame-large.sh
# shellcheck source=lib/blame-side-by-side.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/blame-side-by-side.sh"
OUT="$RESULTS/blame-large.jsonl"
: >"$OUT"

for shape in csv long; do
    data="$SCRATCH/data/large-$shape"
    say "generating the $shape shape into ${data#"$ROOT"/} (cached)"
    summary="$(python3 "$ROOT/scripts/bench/generate-large-file.py" "$data" --shape "$shape")"
    read -r path label < <(python3 -c '
import json, sys
s = json.loads(sys.argv[1])
print(s["path"], "%s (%d lines, %d versions)" % (s["path"].split("/")[-1], s["lines"], s["versions"]))' "$summary")
    blame_side_by_side "$label" "$data" "$path" HEAD "$OUT"
done

STATUS=0
blame_table "$OUT" || STATUS=$?
if [ "$STATUS" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
[ "$STATUS" = 0 ] || [ "$STATUS" = 3 ] || exit "$STATUS"
