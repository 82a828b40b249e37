#!/usr/bin/env bash
# Benchmark: `quill drift a.jsonl b.jsonl` over two generated collections of 100,000 documents a side
# (generate-drift-data.py: about 45 words a document, a 20,000-word Zipf vocabulary, B with 10% new
# words and longer sentences), timed with GNU time for wall, CPU and peak RSS.
#
#   scripts/bench/drift.sh          # from anywhere; prints one row
#
# Environment: BENCH_DOCUMENTS (default 100000), BENCH_RUNS (default 3), BENCH_SKIP_BUILD,
# BENCH_QUILL and BENCH_STRICT as the other scripts (lib/common.sh).
#
# Checks first that Quill counts the documents, words and sentences the generator wrote, in the JSON
# form then timed; one more run is timed cold (page cache emptied first: bench_cold in lib/common.sh).
# Targets (issue 15): <= 5 s wall and <= 500 MB peak RSS.
set -euo pipefail

MAX_SECONDS=5
MAX_RSS_MB=500
NAME=drift.sh
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
# shellcheck source=lib/common.sh
source "$ROOT/scripts/bench/lib/common.sh"
DOCUMENTS="${BENCH_DOCUMENTS:-100000}"
RUNS="${BENCH_RUNS:-3}"
[ -x /usr/bin/time ] || bench_install /usr/bin/time time
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required for peak RSS"
bench_quill

DATA="$SCRATCH/data/drift-$DOCUMENTS"
if [ ! -f "$DATA/expected.json" ] || [ "$ROOT/scripts/bench/generate-drift-data.py" -nt "$DATA/expected.json" ]; then
    say "generating $DOCUMENTS documents a side into ${DATA#"$ROOT"/}"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    python3 "$ROOT/scripts/bench/generate-drift-data.py" "$DATA" --documents "$DOCUMENTS" >"$DATA/expected.json.tmp"
    mv "$DATA/expected.json.tmp" "$DATA/expected.json"
    git -C "$DATA" init -q
fi

say "checking the counts"
(cd "$DATA" && "$QUILL" drift a.jsonl b.jsonl --format json --no-gate >"$DATA/report.json")
python3 - "$DATA/expected.json" "$DATA/report.json" <<'PY' || die "quill's counts differ from the generator's"
import json, sys
expected = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
for side in ("a", "b"):
    got = {"documents": report[side]["documents"], "words": report[side]["words"], "sentences": report[side]["sentences"]}
    if got != expected[side]:
        sys.exit(f"side {side}: quill {got}, generator {expected[side]}")
PY

say "timing $RUNS runs"
best_wall=""; best_line=""
for _ in $(seq "$RUNS"); do
    (cd "$DATA" && /usr/bin/time -f "%e %U %S %M" -o "$DATA/time.txt" "$QUILL" drift a.jsonl b.jsonl --format json --no-gate >/dev/null)
    read -r wall user system rss <"$DATA/time.txt"
    say "wall ${wall}s user ${user}s sys ${system}s peak $((rss / 1024)) MB"
    if [ -z "$best_wall" ] || python3 -c "import sys; sys.exit(0 if float('$wall') < float('$best_wall') else 1)"; then
        best_wall="$wall"; best_line="$wall $user $system $rss"
    fi
done
bench_cold "$DATA" "$QUILL"
sh -c "$COLD"
(cd "$DATA" && /usr/bin/time -f "%e %U %S %M" -o "$DATA/time.txt" "$QUILL" drift a.jsonl b.jsonl --format json --no-gate >/dev/null)
read -r cold_wall cold_user cold_system _ <"$DATA/time.txt"
say "cold ($COLD_HOW): wall ${cold_wall}s user ${cold_user}s sys ${cold_system}s"
read -r wall user system rss <<<"$best_line"
mb=$((rss / 1024))
bytes=$(( $(stat -c %s "$DATA/a.jsonl") + $(stat -c %s "$DATA/b.jsonl") ))
printf '| `quill drift a.jsonl b.jsonl`, %s documents a side (%s MB of JSON Lines; `drift.sh`, best of %s) | target <= %s s, <= %s MB | wall %s s, CPU %s s, peak %s MB (load %s); cold: wall %s s, CPU %s s |\n' \
    "$DOCUMENTS" "$((bytes / 1000000))" "$RUNS" "$MAX_SECONDS" "$MAX_RSS_MB" "$wall" \
    "$(python3 -c "print(round($user + $system, 2))")" "$mb" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$cold_wall" "$(python3 -c "print(round($cold_user + $cold_system, 2))")"
missed=0
python3 -c "import sys; sys.exit(0 if float('$wall') <= $MAX_SECONDS else 1)" || { say "missed: wall ${wall}s > ${MAX_SECONDS}s"; missed=1; }
[ "$mb" -le "$MAX_RSS_MB" ] || { say "missed: peak ${mb} MB > ${MAX_RSS_MB} MB"; missed=1; }
if [ "$missed" = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
