#!/usr/bin/env bash
# Writes Sources/quill/symbol-order.txt, the functions a release quill runs for its common commands,
# which the linker places first in the executable's code (Package.swift, `--symbol-ordering-file`).
#
# The kernel maps a file's pages 64 KiB at a time around each page a process first touches, so the
# code a command runs costs resident memory by how far it is spread, not by its size: `quill log P`
# ran 3,300 functions, 0.8 MB of code, from 200 such windows of the 25 MB of code, 12.4 MB resident.
# Placed together they fill about a megabyte.
#
#   scripts/build/symbol-order.sh
#
# Builds the benchmarks' quill in .build-bench (scripts/build/release-build, with a link map), runs
# each command below under valgrind's callgrind, on the histories scripts/bench/log.sh and
# large-files.sh generate (cached in .build-bench/data) and in a one-commit repository, and lists
# every function of the executable a run called (scripts/build/order-functions.py). Run it again
# when the commands change much; a function missing from the list is only placed later, never
# wrong. The build does not track the file: relink after changing it (remove the executable and
# build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/Sources/quill/symbol-order.txt"
command -v valgrind >/dev/null || { echo "symbol-order.sh: valgrind is required (apt-get install valgrind)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/scripts/build/release-build" --scratch-path "$ROOT/.build-bench" --product quill \
    -Xlinker "-Map=$WORK/quill.map" -Xlinker --no-demangle >&2
QUILL="$("$ROOT/scripts/build/release-build" --scratch-path "$ROOT/.build-bench" --show-bin-path)/quill"
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

# The CSV shape of large-files.sh: the log of a large file runs code (deltas, large blobs) that the
# small prompts of history-10k do not.
LARGE="$ROOT/.build-bench/data/large-csv"
LARGE_FILE="$(python3 "$ROOT/scripts/bench/generate-large-file.py" "$LARGE" --shape csv |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["path"])')"

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
profile "$LARGE" log "$LARGE_FILE"
profile "$HISTORY" log "$RENAMED"
profile "$HISTORY" log --format json
profile "$SMALL" log --help
profile "$SMALL" status
profile "$HISTORY" blame "$HOT"
profile "$HISTORY" show "HEAD:$HOT"
profile "$HISTORY" diff HEAD~20 HEAD

python3 "$ROOT/scripts/build/order-functions.py" "$WORK/quill.map" "$WORK/quill" \
    $(seq -f "$WORK/run-%g.out" 1 "$run") >"$OUT"
printf 'symbol-order.sh: %d functions from %d runs -> %s\n' "$(wc -l <"$OUT")" "$run" "${OUT#"$ROOT"/}" >&2
