#!/usr/bin/env bash
# Benchmark: `quill get PROMPT@production` in a new process against MLflow's
# `mlflow.genai.load_prompt("prompts:/NAME@production")` in a new process, on the same versions of the
# generated 10,000-commit repository's most edited prompt; `quill label log` of a label moved once per
# version; and the library's load by label in a running process (docs/examples/load-prompt, built
# here and not by `swift test`, since its release build of Quill takes minutes). Each command is
# timed in the form whose output was checked; quill get and MLflow's load are timed warm and then
# cold (the page cache emptied before each run: bench_cold in lib/common.sh).
#
#   scripts/bench/get.sh            # from anywhere; prints a table
#
# Environment: as scripts/bench/log.sh (BENCH_RUNS, BENCH_WARMUP, BENCH_STRICT, BENCH_SKIP_BUILD,
# BENCH_QUILL, BENCH_RESULTS), plus
#   BENCH_MOVES=N      how many versions the label moves through and MLflow registers (default 1000)
#   BENCH_MLFLOW_RUNS  timed runs of MLflow's load (default 5: each takes seconds)
#
# Data (cached in .build-bench/data): a copy of history-10k with an eval store for the prompt
# (generate-evals.py) and `production` moved through the prompt's last N versions, oldest first, as
# `quill label set` writes it (generate-labels.py, through git fast-import: N quill processes take
# minutes on a loaded machine); an MLflow sqlite registry (MLflow from PyPI in .build-bench/mlflow-venv)
# with the same N templates as versions 1..N of one prompt and its alias `production` on the last.
#
# Targets (issue 18): quill get <= 20 ms wall and <= 30 MB peak RSS, >= 100x faster than MLflow;
# label log of the label moved N times <= 100 ms; the library's load by label <= 1 ms in-process.
set -euo pipefail

MAX_GET_MS=20
MAX_GET_RSS_MB=30
MIN_SPEEDUP=100
MAX_LOG_MS=100
MAX_LOAD_US=1000
NAME=get.sh
# shellcheck source=lib/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

MOVES="${BENCH_MOVES:-1000}"
MLFLOW_RUNS="${BENCH_MLFLOW_RUNS:-5}"
LABELS="$SCRATCH/data/labels-$COMMITS-$MOVES"
VERSIONS="$LABELS.versions"

# --- data: the label moved through the prompt's last MOVES versions ------------------------------
# Regenerated when either generator changes (eval store layout 3 came after the first data).
STAMP="$(cat "$ROOT/scripts/bench/generate-evals.py" "$ROOT/scripts/bench/generate-labels.py" | git hash-object --stdin)"
if [ "$(cat "$LABELS/.git/quill-bench-labels-done" 2>/dev/null)" != "$STAMP" ]; then
    say "copying ${REPO#"$ROOT"/}, moving 'production' through the last $MOVES versions of $HOT"
    rm -rf "$LABELS"
    cp -a "$REPO" "$LABELS"
    python3 "$ROOT/scripts/bench/generate-evals.py" "$LABELS" "$HOT" >/dev/null
    git -C "$LABELS" log --format=%H --reverse -- "$HOT" | tail -n "$MOVES" >"$VERSIONS"
    python3 "$ROOT/scripts/bench/generate-labels.py" "$LABELS" "$HOT" "$VERSIONS" >/dev/null
    echo "$STAMP" >"$LABELS/.git/quill-bench-labels-done"
fi
LABEL_MOVES="$(git -C "$LABELS" rev-list --count refs/quill/labels)"
LAST="$(tail -n 1 "$VERSIONS")"
git -C "$LABELS" cat-file blob "$LAST:$HOT" >"$RESULTS/get-expected.txt"

# --- data: MLflow's registry with the same versions ----------------------------------------------
VENV="$SCRATCH/mlflow-venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import mlflow' 2>/dev/null; then
    say "installing mlflow from PyPI into ${VENV#"$ROOT"/}"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q mlflow >&2
fi
MLFLOW_VERSION="$("$VENV/bin/python" -c 'import mlflow; print(mlflow.__version__)')"
REGISTRY="$SCRATCH/data/mlflow-$COMMITS-$MOVES"
URI="sqlite:///$REGISTRY/mlflow.db"
if [ ! -f "$REGISTRY/done" ]; then
    say "registering the same $MOVES versions in MLflow $MLFLOW_VERSION (sqlite, once)"
    rm -rf "$REGISTRY"
    mkdir -p "$REGISTRY"
    (cd "$REGISTRY" && "$VENV/bin/python" "$ROOT/scripts/bench/mlflow-prompts.py" register "$URI" bench-hot "$LABELS" "$HOT" "$VERSIONS" >&2)
    touch "$REGISTRY/done"
fi

# --- correctness ---------------------------------------------------------------------------------
GET=("$QUILL" get "$HOT@production" --repo "$LABELS")
MLFLOW=("$VENV/bin/python" "$ROOT/scripts/bench/mlflow-prompts.py" load "$URI" bench-hot)
"${GET[@]}" >"$RESULTS/get-quill.txt"
cmp -s "$RESULTS/get-expected.txt" "$RESULTS/get-quill.txt" || die "quill get printed other bytes than git cat-file blob $LAST:$HOT"
(cd "$REGISTRY" && "${MLFLOW[@]}") >"$RESULTS/get-mlflow.txt"
cmp -s "$RESULTS/get-expected.txt" "$RESULTS/get-mlflow.txt" || die "MLflow's production template differs from git's $LAST:$HOT"
say "quill get and MLflow both print the labelled version ($(wc -c <"$RESULTS/get-expected.txt") bytes), $LABEL_MOVES moves"
(cd "$LABELS" && "$QUILL" label log production --format json) | python3 -c '
import json, sys
moves = json.load(sys.stdin)["moves"]
assert len(moves) == int(sys.argv[1]), (len(moves), sys.argv[1])
assert moves[0]["isCurrent"] and moves[0]["to"]["commit"] == sys.argv[2]
assert sum(1 for m in moves if m["toScores"]) == len(moves), "every version has its record"' "$LABEL_MOVES" "$LAST" || die "label log is wrong"

# --- the library, in-process ---------------------------------------------------------------------
EXAMPLE="$ROOT/docs/examples/load-prompt"
say "building docs/examples/load-prompt (release)"
swift build -c release --static-swift-stdlib --package-path "$EXAMPLE" --scratch-path "$SCRATCH/example" >&2
EXAMPLE_BIN="$(swift build -c release --static-swift-stdlib --package-path "$EXAMPLE" --scratch-path "$SCRATCH/example" --show-bin-path)/load-prompt"
"$EXAMPLE_BIN" "$LABELS" "$HOT@production" --repeat 1000 >"$RESULTS/get-example.txt" 2>"$RESULTS/get-example-time.txt" || die "the example failed: $(cat "$RESULTS/get-example-time.txt")"
grep -q "(label production)" "$RESULTS/get-example.txt" || die "the example did not load by label"
LOAD_US="$(awk '/^load:/ {print $2}' "$RESULTS/get-example-time.txt")"

# --- timing --------------------------------------------------------------------------------------
time_json() { # folder name runs warmup command... -> "mean_ms sd_ms min_ms", run in folder
    local folder="$1" name="$2" runs="$3" warmup="$4" json="$RESULTS/get-$(echo "$2" | tr -c 'A-Za-z0-9\n' '-').json"
    shift 4
    local options=(--warmup "$warmup")
    if [ -n "${PREPARE:-}" ]; then options=(--prepare "$PREPARE"); fi
    (cd "$folder" && hyperfine --shell=none "${options[@]}" --runs "$runs" --output=null --style=none --export-json "$json" "$*" >/dev/null)
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f %.2f" % (r["mean"] * 1000, (r["stddev"] or 0) * 1000, min(r["times"]) * 1000))' "$json"
}
peak_rss_mb() { # folder argv -> peak RSS in MB (max of 3 runs), run in folder
    local folder="$1" best=0 kb
    shift
    for _ in 1 2 3; do
        kb="$(cd "$folder" && /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)"
        [ "$kb" -gt "$best" ] && best="$kb"
    done
    python3 -c "print(f'{$best / 1024:.1f}')"
}
say "timing: quill get"
read -r GET_MEAN GET_SD GET_MIN < <(time_json "$ROOT" "quill get" $((RUNS * 3)) "$WARMUP" "${GET[@]}")
GET_RSS="$(peak_rss_mb "$ROOT" "${GET[@]}")"
say "timing: mlflow load_prompt ($MLFLOW_RUNS runs)"
read -r ML_MEAN ML_SD ML_MIN < <(time_json "$REGISTRY" "mlflow load_prompt" "$MLFLOW_RUNS" 1 "${MLFLOW[@]}")
ML_RSS="$(peak_rss_mb "$REGISTRY" "${MLFLOW[@]}")"
say "timing: quill label log"
LOG=("$QUILL" label log production --format json)
read -r LOG_MEAN LOG_SD LOG_MIN < <(time_json "$LABELS" "quill label log" "$RUNS" "$WARMUP" "${LOG[@]}")
LOG_RSS="$(peak_rss_mb "$LABELS" "${LOG[@]}")"
bench_cold "$LABELS" "$REGISTRY" "$QUILL" "$VENV"
say "timing: quill get and mlflow load_prompt again, cold ($COLD_HOW)"
read -r GET_COLD_MEAN GET_COLD_SD _ < <(PREPARE="$COLD" time_json "$ROOT" "quill get cold" "$RUNS" 0 "${GET[@]}")
read -r ML_COLD_MEAN ML_COLD_SD _ < <(PREPARE="$COLD" time_json "$REGISTRY" "mlflow load_prompt cold" "$MLFLOW_RUNS" 0 "${MLFLOW[@]}")

# --- report --------------------------------------------------------------------------------------
python3 - "$HOT" "$LABEL_MOVES" "$COMMITS" "$MLFLOW_VERSION" "$(nproc)" "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" \
    "$GET_MEAN" "$GET_SD" "$GET_MIN" "$GET_RSS" "$ML_MEAN" "$ML_SD" "$ML_MIN" "$ML_RSS" "$LOG_MEAN" "$LOG_SD" "$LOG_MIN" "$LOG_RSS" "$LOAD_US" \
    "$MAX_GET_MS" "$MAX_GET_RSS_MB" "$MIN_SPEEDUP" "$MAX_LOG_MS" "$MAX_LOAD_US" "$RESULTS/get-summary.json" "$GET_COLD_MEAN" "$GET_COLD_SD" "$ML_COLD_MEAN" "$ML_COLD_SD" "$COLD_HOW" <<'PY' || STATUS=$?
import json, sys
a = sys.argv[1:]
hot, moves, commits, mlflow_version, cores, source = a[:6]
n = [float(x) for x in a[6:19]]
max_get, max_rss, min_speedup, max_log, max_load = (float(x) for x in a[19:24])
get, ml, log = dict(mean=n[0], sd=n[1], min=n[2], rss=n[3]), dict(mean=n[4], sd=n[5], min=n[6], rss=n[7]), dict(mean=n[8], sd=n[9], min=n[10], rss=n[11])
load_us = n[12]
cold = {"how": a[29], "get": dict(mean=float(a[25]), sd=float(a[26])), "mlflow": dict(mean=float(a[27]), sd=float(a[28]))}
speedup = ml["mean"] / get["mean"]
checks = {
    "get <= %g ms" % max_get: get["mean"] <= max_get,
    "get <= %g MB" % max_rss: get["rss"] <= max_rss,
    "get >= %gx faster than MLflow" % min_speedup: speedup >= min_speedup,
    "label log <= %g ms" % max_log: log["mean"] <= max_log,
    "library load <= %g us" % max_load: load_us <= max_load,
}
print(f"quill get vs MLflow load_prompt: {hot}, {moves} versions, label moved {moves} times; {commits}-commit repository")
print(f"machine: {cores} cores; MLflow {mlflow_version} (sqlite registry); quill source {source}")
row = "{:<44} {:>16} {:>9} {:>14}"
print(row.format("command (new process each run)", "mean ± sd (ms)", "min (ms)", "peak RSS (MB)"))
print(row.format("quill get PROMPT@production --repo R", f"{get['mean']:.1f} ± {get['sd']:.1f}", f"{get['min']:.1f}", f"{get['rss']:.1f}"))
print(row.format("mlflow.genai.load_prompt(prompts:/…@production)", f"{ml['mean']:.0f} ± {ml['sd']:.0f}", f"{ml['min']:.0f}", f"{ml['rss']:.1f}"))
print(row.format("quill get, cold", f"{cold['get']['mean']:.1f} ± {cold['get']['sd']:.1f}", "", ""))
print(row.format("mlflow load_prompt, cold", f"{cold['mlflow']['mean']:.0f} ± {cold['mlflow']['sd']:.0f}", "", ""))
print(row.format(f"quill label log production --format json ({moves} moves)", f"{log['mean']:.1f} ± {log['sd']:.1f}", f"{log['min']:.1f}", f"{log['rss']:.1f}"))
print(f"cold rows: {cold['how']}; quill get {cold['mlflow']['mean'] / cold['get']['mean']:.0f}x faster than MLflow cold")
print(f"quill get is {speedup:.0f}x faster than MLflow by mean; library load by label in-process: {load_us:.1f} us (mean of 1000)")
for name, ok in checks.items():
    print(f"  {'PASS' if ok else 'MISS'}  {name}")
json.dump({"get": get, "mlflow": ml, "label_log": log, "cold": cold, "library_load_us": load_us, "speedup": speedup, "moves": int(moves),
           "targets": checks, "mlflow_version": mlflow_version, "source": source}, open(a[24], "w"), indent=2)
sys.exit(0 if all(checks.values()) else 3)
PY
case "${STATUS:-0}" in
    0) ;;
    3) if [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi ;;
    *) exit "$STATUS" ;;
esac
