#!/usr/bin/env bash
# Benchmark: `quill log` against `git log --follow --format=%H` and `quill blame` against `git blame
# --porcelain` on two generated shapes unlike log.sh's and blame.sh's
# (scripts/bench/generate-large-file.py): a CSV prompt collection of about 100,000 rows with 5,000
# versions, each editing, adding or removing a few rows, and four long Markdown prompts (about
# 3,400 lines) with 6,000 commits of small edits. Both are written by `git fast-import` and not
# repacked, so commits, trees and blobs lie interleaved in one pack. Checks first that quill lists
# the commits git lists and attributes every line as git does, then runs each pair alternately and
# reports minimum and median wall time, CPU time and peak RSS, with the load average before and after.
#
#   scripts/bench/large-files.sh      # from anywhere; prints a table
#
# Environment: BENCH_RUNS (default 3), BENCH_COMMANDS (default "log blame": which to run),
# BENCH_STRICT=1 (exit 1 when quill is above git), BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH,
# BENCH_RESULTS=DIR (default .build-bench/results). Building the CSV history takes a few minutes
# once; it is cached under .build-bench/data. Blame of the CSV shape takes minutes a run.
#
# Target: quill <= git in wall time and in peak memory on both shapes.
set -euo pipefail

NAME=large-files.sh
# shellcheck source=lib/versus-git.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/versus-git.sh"
OUT="$RESULTS/large-files.jsonl"
: >"$OUT"

for shape in csv long; do
    data="$SCRATCH/data/large-$shape"
    say "generating the $shape shape into ${data#"$ROOT"/} (cached)"
    summary="$(python3 "$ROOT/scripts/bench/generate-large-file.py" "$data" --shape "$shape")"
    read -r path label < <(python3 -c '
import json, sys
s = json.loads(sys.argv[1])
print(s["path"], "%s (%d lines, %d versions)" % (s["path"].split("/")[-1], s["lines"], s["versions"]))' "$summary")
    for command in ${BENCH_COMMANDS:-log blame}; do
        case "$command" in
            log) log_side_by_side "$label" "$data" "$path" "$OUT" ;;
            blame) blame_side_by_side "$label" "$data" "$path" HEAD "$OUT" ;;
            *) die "BENCH_COMMANDS: unknown command $command (log, blame)" ;;
        esac
    done
done

STATUS=0
versus_table "$OUT" || STATUS=$?
if [ "$STATUS" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
[ "$STATUS" = 0 ] || [ "$STATUS" = 3 ] || exit "$STATUS"
