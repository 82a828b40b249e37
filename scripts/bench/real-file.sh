#!/usr/bin/env bash
# Benchmark: `quill log` against `git log --follow --format=%H` and `quill blame` against `git blame
# --porcelain` on a real, long, often-edited file of a repository you cloned, e.g. the CSV prompt
# collection of awesome-chatgpt-prompts:
#
#   git clone https://github.com/f/awesome-chatgpt-prompts /tmp/acp
#   scripts/bench/real-file.sh /tmp/acp prompts.csv [REV]
#
# REV defaults to the newest commit that changed PATH and whose version of it can be read (a
# partial or damaged clone may lack the newest blobs); log runs from HEAD. Checks first that quill
# lists the commits git lists and attributes every line as git does, then runs each pair alternately
# (BENCH_RUNS, default 3) and prints minimum and median wall time, CPU time and peak RSS, with the
# load average. Nothing of the repository is kept or copied.
#
# Environment: BENCH_RUNS, BENCH_STRICT=1, BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH, BENCH_RESULTS=DIR.
set -euo pipefail

NAME=real-file.sh
[ $# -ge 2 ] || { echo "usage: real-file.sh REPO PATH [REV]" >&2; exit 2; }
# shellcheck source=lib/versus-git.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/versus-git.sh"
REPO="$(cd "$1" && pwd)"
FILE="$2"
if [ $# -ge 3 ]; then
    REV="$(git -C "$REPO" rev-parse --verify "$3^{commit}")"
else
    REV=""
    while read -r commit; do
        if git -C "$REPO" cat-file -e "$commit:$FILE" 2>/dev/null; then REV="$commit"; break; fi
    done < <(git -C "$REPO" log --format=%H -- "$FILE")
    [ -n "$REV" ] || die "no commit of $REPO has a readable $FILE"
fi
OUT="$RESULTS/real-file.jsonl"
: >"$OUT"
LINES="$(git -C "$REPO" cat-file -p "$REV:$FILE" | wc -l)"
VERSIONS="$(git -C "$REPO" rev-list --count "$REV" -- "$FILE")"
say "$(basename "$REPO"):$FILE at ${REV:0:12}: $LINES lines, $VERSIONS commits changed it"
log_side_by_side "$(basename "$FILE") at HEAD" "$REPO" "$FILE" "$OUT"
blame_side_by_side "$(basename "$FILE") ($LINES lines, $VERSIONS versions)" "$REPO" "$FILE" "$REV" "$OUT"

STATUS=0
versus_table "$OUT" || STATUS=$?
if [ "$STATUS" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
[ "$STATUS" = 0 ] || [ "$STATUS" = 3 ] || exit "$STATUS"
