#!/usr/bin/env bash
# Writes Sources/quill/symbol-order.txt, the functions a release quill runs for its common commands,
# which the linker places first in the executable's code (Package.swift, `--symbol-ordering-file`).
#
# The kernel maps a file's pages 64 KiB at a time around each page a process first touches, so the
# code a command runs costs resident memory by how far it is spread, not by its size: `quill log P`
# ran 3,300 functions, 0.8 MB of code, from 200 such windows of the 25 MB of code, 12.4 MB resident.
# Placed together they fill about a megabyte.
#
#   scripts/build/symbol-order.sh [QUILL]
#
# QUILL is a release build (default: the benchmarks' build in .build-bench, built first). Each
# command runs under valgrind's callgrind, on the history scripts/bench/log.sh generates (cached in
# .build-bench/data) and in a one-commit repository, and every function of the executable it called
# is listed, once, sorted by name so that the file's changes are readable. Run it again when the
# commands change much; a function missing from the list is only placed later, never wrong. The
# build does not track the file: relink after changing it (touch Sources/quill/main.swift).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/Sources/quill/symbol-order.txt"
command -v valgrind >/dev/null || { echo "symbol-order.sh: valgrind is required (apt-get install valgrind)" >&2; exit 1; }

if [ $# -ge 1 ]; then
    QUILL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
    swift build -c release --static-swift-stdlib --scratch-path "$ROOT/.build-bench" --product quill >&2
    QUILL="$(swift build -c release --static-swift-stdlib --scratch-path "$ROOT/.build-bench" --show-bin-path)/quill"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Valgrind cannot read the debug information of a Swift release build: profile a copy without it.
cp "$QUILL" "$WORK/quill"
strip --strip-debug "$WORK/quill"

HISTORY="$ROOT/.build-bench/data/history-10k"
SUMMARY="$(python3 "$ROOT/scripts/bench/generate-history.py" "$HISTORY" --commits 10000)"
read -r HOT RENAMED < <(python3 -c '
import json, sys
s = json.loads(sys.argv[1])
twice = max(s["renamed"], key=lambda r: (len(r["paths"]), r["versions_upper_bound"]))
print(s["most_versions"]["path"], twice["path"])' "$SUMMARY")

SMALL="$WORK/small"
git init -q "$SMALL"
mkdir -p "$SMALL/prompts"
printf 'Summarise the text.\n' >"$SMALL/prompts/one.prompt"
git -C "$SMALL" add prompts
git -C "$SMALL" -c user.name=q -c user.email=q@example.com commit -q -m one

run=0
profile() { # folder, arguments...
    local folder="$1"
    shift
    run=$((run + 1))
    (cd "$folder" && valgrind --tool=callgrind --demangle=no --dump-instr=no --compress-strings=no \
        --callgrind-out-file="$WORK/run-$run.out" "$WORK/quill" "$@" >/dev/null 2>"$WORK/run-$run.err") || true
}
profile "$SMALL" --version
profile "$SMALL" --help
profile "$SMALL" log prompts/one.prompt
profile "$HISTORY" log "$HOT" --format json
profile "$HISTORY" log "$RENAMED"
profile "$HISTORY" log --format json
profile "$SMALL" log --help
profile "$SMALL" status
profile "$HISTORY" blame "$HOT"
profile "$HISTORY" show "HEAD:$HOT"
profile "$HISTORY" diff HEAD~20 HEAD

# Callgrind names each function after its object file (`ob=`): keep the executable's, in the order
# of the runs above (start-up, then log, then the others), each run's new functions sorted by name,
# so that what the commonest commands run lies closest together. A name that several files define
# (a local `match.constprop.0` in each) would move all of them: it is left out.
nm --defined-only "$WORK/quill" | awk '{ print $3 }' | LC_ALL=C sort | uniq -d >"$WORK/ambiguous.txt"
: >"$OUT"
for number in $(seq 1 "$run"); do
    awk -v exe="$WORK/quill" '
        /^ob=/ { inside = (substr($0, 4) == exe) }
        /^fn=/ && inside { print substr($0, 4) }
    ' "$WORK/run-$number.out" | LC_ALL=C sort -u | LC_ALL=C comm -23 - "$WORK/ambiguous.txt" >"$WORK/functions.txt"
    { grep -vxF -f "$OUT" "$WORK/functions.txt" || true; } >>"$OUT"
done
printf 'symbol-order.sh: %d functions from %d runs -> %s\n' "$(wc -l <"$OUT")" "$run" "${OUT#"$ROOT"/}" >&2
