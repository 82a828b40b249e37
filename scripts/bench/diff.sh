#!/usr/bin/env bash
# Benchmark: `quill diff A B` on one prompt whose two versions each carry an evaluation of 5,000
# per-case results, against `dvc metrics diff A B` on the same repository, where the same per-case
# values are DVC metrics files (scripts/bench/generate-diff-data.py writes both). The two do not do
# the same work: dvc prints each key's old and new value and their difference; quill pairs the
# cases and adds a bootstrap interval and a McNemar test. What both compute (the aggregate deltas
# and which cases changed) is checked equal before anything is timed, and the two are compared in
# the JSON forms checked. Each is timed warm and then cold (the page cache emptied before each run:
# bench_cold in lib/common.sh); quill's text rendering of the same diff is timed for information.
#
#   scripts/bench/diff.sh            # from anywhere; prints a table
#
# Environment:
#   BENCH_RUNS=N       timed runs of quill (default 20); dvc gets BENCH_DVC_RUNS (default 5)
#   BENCH_WARMUP=N     warm-up runs per command (default 2)
#   BENCH_CASES=N      per-case results per version (default 5000)
#   BENCH_STRICT=1     exit 1 when a target is missed
#   BENCH_SKIP_BUILD=1 use the existing release build in .build-bench
#   BENCH_QUILL=PATH   time this quill binary instead (no build)
#   BENCH_DVC=PATH     use this dvc instead of installing one into .build-bench/dvc-venv
#   BENCH_RESULTS=DIR  where JSON results go (default .build-bench/results)
#
# Targets: quill's mean wall time <= 200 ms, process start included; quill >= 10x faster than dvc.
# When dvc cannot be installed (no network, no venv), the comparison is skipped with a message.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
CASES="${BENCH_CASES:-5000}"
RUNS="${BENCH_RUNS:-20}"
DVC_RUNS="${BENCH_DVC_RUNS:-5}"
WARMUP="${BENCH_WARMUP:-2}"
RESULTS="${BENCH_RESULTS:-$SCRATCH/results}"
REPO="$SCRATCH/data/diff-$CASES"
MAX_MS=200
MIN_SPEEDUP=10

NAME=diff.sh
# shellcheck source=lib/common.sh
source "$ROOT/scripts/bench/lib/common.sh"
command -v git >/dev/null || die "git is required"
command -v python3 >/dev/null || die "python3 is required"
bench_install hyperfine
command -v hyperfine >/dev/null || die "hyperfine is required (Debian package 'hyperfine')"

# --- quill -------------------------------------------------------------------------------------
bench_quill

# --- dvc (optional peer) ---------------------------------------------------------------------------
bench_dvc

# --- data ------------------------------------------------------------------------------------------
say "generating ${REPO#"$ROOT"/}: one prompt, two versions, $CASES cases each (cached)"
python3 "$ROOT/scripts/bench/generate-diff-data.py" "$REPO" --quill "$QUILL" --cases "$CASES"
mkdir -p "$RESULTS"
cd "$REPO"
export DVC_NO_ANALYTICS=1 NO_COLOR=1

# --- correctness -------------------------------------------------------------------------------------
"$QUILL" diff HEAD~1 HEAD --format json | python3 -c '
import json, sys
cases = int(sys.argv[1])
report = json.load(sys.stdin)
group = report["prompts"][0]["scores"]["groups"][0]
assert group["cases"]["shared"] == cases, group["cases"]["shared"]
accuracy = next(m for m in group["metrics"] if m["name"] == "accuracy")
assert accuracy["pairedCases"] == cases and accuracy["interval"]["resamples"] >= 2000, accuracy
print("quill: %d paired cases, accuracy %+.4f, 95%% CI [%+.4f, %+.4f], McNemar p = %.3g" % (
    cases, accuracy["delta"], accuracy["interval"]["lower"], accuracy["interval"]["upper"], group["cases"]["passFail"]["pValue"]))
' "$CASES" >&2 || die "quill diff did not pair every case"
# Both tools must give the same numbers where they compute the same thing: the change of each
# aggregate metric, and which cases changed (dvc's per-key deltas of the cases; quill's McNemar
# table of the same cases' pass/fail flips).
if [ -n "$DVC" ]; then
    "$QUILL" diff HEAD~1 HEAD --format json >"$RESULTS/diff-quill.json"
    timeout 60 "$DVC" metrics diff HEAD~1 HEAD --json >"$RESULTS/diff-dvc.json" || die "dvc metrics diff failed"
    python3 - "$RESULTS/diff-quill.json" "$RESULTS/diff-dvc.json" <<'PY' >&2 || die "quill and dvc disagree on the numbers both compute"
import json, sys
group = json.load(open(sys.argv[1]))["prompts"][0]["scores"]["groups"][0]
dvc = json.load(open(sys.argv[2]))["metrics/support.json"]
for name in ("accuracy", "latency_ms"):
    quill = next(m for m in group["metrics"] if m["name"] == name)["delta"]
    assert abs(quill - dvc[name]["diff"]) < 1e-9, (name, quill, dvc[name])
flipped = sum(1 for key, value in dvc.items() if key.startswith("cases.") and key.endswith(".accuracy") and value.get("diff"))
table = group["cases"]["passFail"]
assert flipped == table["passToFail"] + table["failToPass"], (flipped, table)
print(f"quill and dvc agree: accuracy and latency_ms deltas, {flipped} cases flipped")
PY
fi

# --- timing ----------------------------------------------------------------------------------------
time_case() { # name, runs, argv... -> prints "mean_ms sd_ms"
    local name="$1" runs="$2" json="$RESULTS/diff-$(echo "$1" | tr -c 'A-Za-z0-9\n' '-').json"
    shift 2
    local options=(--warmup "$WARMUP")
    if [ -n "${PREPARE:-}" ]; then options=(--prepare "$PREPARE"); fi
    hyperfine --shell=none "${options[@]}" --runs "$runs" --output=null --style=none \
        --command-name "$name" --export-json "$json" "$*" >/dev/null
    bench_mean_ms "$json"
}

say "timing: quill diff HEAD~1 HEAD"
read -r QUILL_MEAN QUILL_SD < <(time_case "quill diff" "$RUNS" "$QUILL" diff HEAD~1 HEAD)
read -r QUILL_JSON_MEAN QUILL_JSON_SD < <(time_case "quill diff json" "$RUNS" "$QUILL" diff HEAD~1 HEAD --format json)
bench_cold "$REPO" "$QUILL" ${DVC:+"$(dirname "$(dirname "$DVC")")"}
say "timing: quill diff HEAD~1 HEAD --format json, cold ($COLD_HOW)"
read -r QUILL_COLD_MEAN QUILL_COLD_SD < <(PREPARE="$COLD" time_case "quill diff json cold" "$RUNS" "$QUILL" diff HEAD~1 HEAD --format json)
DVC_MEAN="" DVC_SD="" DVC_COLD_MEAN="" DVC_COLD_SD=""
if [ -n "$DVC" ]; then
    say "timing: dvc metrics diff HEAD~1 HEAD"
    # dvc 3.67 now and then deadlocks (two threads in futex waits, no CPU); each run gets a time
    # limit, and a timing with a hung run is retried once, then the comparison is given up.
    for attempt in 1 2; do
        if timing="$(time_case "dvc metrics diff" "$DVC_RUNS" timeout 60 "$DVC" metrics diff HEAD~1 HEAD --json)" &&
            cold="$(PREPARE="$COLD" time_case "dvc metrics diff cold" "$DVC_RUNS" timeout 60 "$DVC" metrics diff HEAD~1 HEAD --json)"; then
            read -r DVC_MEAN DVC_SD <<<"$timing"
            read -r DVC_COLD_MEAN DVC_COLD_SD <<<"$cold"
            break
        fi
        say "dvc metrics diff failed or hung (attempt $attempt)"
    done
    [ -n "$DVC_MEAN" ] || say "dvc comparison skipped: dvc metrics diff did not finish"
fi

# --- report ------------------------------------------------------------------------------------------
STATUS=0
python3 - "$CASES" "$QUILL_MEAN" "$QUILL_SD" "$QUILL_JSON_MEAN" "$QUILL_JSON_SD" "${DVC_MEAN:-}" "${DVC_SD:-}" \
    "$QUILL_COLD_MEAN" "$QUILL_COLD_SD" "${DVC_COLD_MEAN:-}" "${DVC_COLD_SD:-}" "$COLD_HOW" \
    "$MAX_MS" "$MIN_SPEEDUP" "$($DVC --version 2>/dev/null || echo none)" "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)" \
    "$RESULTS/diff-summary.json" "$RESULTS" <<'PY' || STATUS=$?
import json, sys
cases, qm, qs, jm, js, dm, ds, cm, cs, dcm, dcs, cold_how, max_ms, min_speedup, dvc_version, source, out, results = sys.argv[1:]
def cpu(name):  # mean user + system time in ms, which moves less than wall time on a busy machine
    try:
        r = json.load(open(f"{results}/diff-{name}.json"))["results"][0]
        return (r["user"] + r["system"]) * 1000
    except (OSError, KeyError):
        return None
qm, qs, jm, js, cm, cs, max_ms, min_speedup = map(float, (qm, qs, jm, js, cm, cs, max_ms, min_speedup))
fast = qm <= max_ms and jm <= max_ms
quill_cpu, dvc_cpu = cpu("quill-diff-json"), cpu("dvc-metrics-diff")
rows = [("quill diff HEAD~1 HEAD --format json (checked)", f"{jm:.1f} ± {js:.1f}", f"CPU {quill_cpu:.1f} ms" if quill_cpu else "", "PASS" if jm <= max_ms else "MISS"),
        ("quill diff HEAD~1 HEAD (its text rendering)", f"{qm:.1f} ± {qs:.1f}", "", "PASS" if qm <= max_ms else "MISS")]
speedup = None
if dm:
    dm, ds = float(dm), float(ds)
    speedup = dm / jm
    cpu_text = f"; CPU {dvc_cpu:.1f} ms, {dvc_cpu / quill_cpu:.1f}x quill's" if dvc_cpu and quill_cpu else ""
    rows.append((f"dvc metrics diff HEAD~1 HEAD --json (dvc {dvc_version})", f"{dm:.1f} ± {ds:.1f}", f"quill {speedup:.1f}x faster{cpu_text}",
                 "PASS" if speedup >= min_speedup else "MISS"))
rows.append(("quill diff --format json, cold", f"{cm:.1f} ± {cs:.1f}", cold_how, "info"))
if dcm:
    rows.append(("dvc metrics diff --json, cold", f"{float(dcm):.1f} ± {float(dcs):.1f}", f"quill {float(dcm) / cm:.1f}x faster cold", "info"))
ok = fast and (speedup is None or speedup >= min_speedup)
head = ("command", "mean ± sd (ms)", "comparison", "target")
widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
line = lambda r: "  ".join(r[i].ljust(widths[i]) if i in (0, 2) else r[i].rjust(widths[i]) for i in range(4)).rstrip()
print(f"quill diff vs dvc metrics diff: one prompt, two versions, {cases} per-case results each; quill source {source}")
print(line(head)); print(line(tuple("-" * w for w in widths)))
for r in rows: print(line(r))
if speedup is None: print("dvc comparison skipped: dvc is not installed or did not finish")
print(f"targets: quill <= {max_ms:.0f} ms wall, >= {min_speedup:.0f}x faster than dvc -> {'all met' if ok else 'MISSED'}")
json.dump({"cases": int(cases), "source": source, "quill": {"mean_ms": qm, "sd_ms": qs}, "quill_json": {"mean_ms": jm, "sd_ms": js},
           "cold": {"how": cold_how, "quill_json": {"mean_ms": cm, "sd_ms": cs},
                    "dvc": {"mean_ms": float(dcm), "sd_ms": float(dcs)} if dcm else None},
           "dvc": None if speedup is None else {"version": dvc_version, "mean_ms": dm, "sd_ms": ds, "speedup": speedup, "cpu_ms": dvc_cpu},
           "quill_cpu_ms": quill_cpu,
           "targets_met": ok}, open(out, "w"), indent=2)
sys.exit(0 if ok else 3)
PY
case "$STATUS" in
    0) ;;
    3) if [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi ;;
    *) exit "$STATUS" ;;
esac
