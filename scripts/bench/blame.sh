#!/usr/bin/env bash
# Benchmark: `quill blame PROMPT` against `git blame --porcelain PROMPT` on the generated
# 10,000-commit repository (scripts/bench/generate-history.py), for the prompt with the most
# versions and the prompt renamed twice. Checks first that quill attributes every line exactly as
# git does (commit, original line, original path), then times both, quill in the JSON form it was
# checked in, warm and then cold (the page cache emptied before each run: see bench_cold in
# lib/common.sh).
#
#   scripts/bench/blame.sh          # from anywhere; prints a table
#
# Environment: BENCH_RUNS (default 10), BENCH_WARMUP (default 2), BENCH_COMMITS (default 10000),
# BENCH_STRICT=1 (exit 1 when the target is missed), BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH,
# BENCH_RESULTS=DIR (default .build-bench/results). A wrong attribution always exits 1.
#
# Then `quill blame HOT --metric accuracy` on a copy of the repository given an eval store with one
# record per first-parent commit and three injected drops (scripts/bench/generate-evals.py): it must
# name each drop's commit as the first bad one, within one evaluated commit.
#
# Targets: quill's mean time <= git's (ratio <= 1.0) for each prompt; --metric <= 1 s and <= 100 MB.
set -euo pipefail

NAME=blame.sh
# shellcheck source=lib/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
command -v hyperfine >/dev/null || die "hyperfine is required (Debian package 'hyperfine')"

cd "$REPO"

# --- correctness: every line as git blame --porcelain names it ------------------------------------
for prompt in "$HOT" "$RENAMED"; do
    git blame --porcelain -- "$prompt" >"$RESULTS/git-blame.txt"
    "$QUILL" blame "$prompt" --format json >"$RESULTS/quill-blame.json"
    python3 "$ROOT/scripts/bench/lib/blame-agree.py" "$RESULTS/git-blame.txt" "$RESULTS/quill-blame.json" "$prompt" || exit 1
done

# --- timing ------------------------------------------------------------------------------------------
measure() { # label, argv... -> "mean_ms sd_ms rss_mb"
    local label="$1"; shift
    local json="$RESULTS/blame-$(echo "$label" | tr -c 'A-Za-z0-9\n' '-').json" rss=0 kb
    local options=(--warmup "$WARMUP")
    if [ -n "${PREPARE:-}" ]; then options=(--prepare "$PREPARE"); fi
    hyperfine --shell=none "${options[@]}" --runs "$RUNS" --output=null --style=none --export-json "$json" "$*" >/dev/null
    for _ in 1 2 3; do
        kb="$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)"
        [ "$kb" -gt "$rss" ] && rss="$kb"
    done
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f %.1f" % (r["mean"] * 1000, (r["stddev"] or 0) * 1000, int(sys.argv[2]) / 1024))' "$json" "$rss"
}
ROWS=()
for prompt in "$HOT" "$RENAMED"; do
    say "timing quill blame and git blame --porcelain on $prompt"
    ROWS+=("$prompt $(measure "quill $prompt" "$QUILL" blame "$prompt" --format json) $(measure "git $prompt" git blame --porcelain "$prompt")")
done
bench_cold "$REPO" "$QUILL" "$(command -v git)"
say "timing both on $HOT again, cold: $COLD_HOW"
ROWS+=("$HOT,cold $(PREPARE="$COLD" measure "quill $HOT cold" "$QUILL" blame "$HOT" --format json) $(PREPARE="$COLD" measure "git $HOT cold" git blame --porcelain "$HOT")")

# --- regression attribution over every evaluated commit -------------------------------------------
EVALS="$REPO-blame-evals"  # not eval.sh's history-10k-evals, which holds other records
if [ ! -d "$EVALS" ] || [ "$EVALS/.git/quill-bench.json" -ot "$REPO/.git/quill-bench.json" ]; then
    rm -rf "$EVALS" && cp -r "$REPO" "$EVALS"
fi
DROPS="$(python3 "$ROOT/scripts/bench/generate-evals.py" "$EVALS" "$HOT")"
cd "$EVALS"
"$QUILL" blame "$HOT" --metric accuracy --format json >"$RESULTS/quill-regressions.json"
git log --first-parent --format=%H HEAD >"$RESULTS/first-parent.txt"
python3 - "$RESULTS/quill-regressions.json" "$DROPS" "$RESULTS/first-parent.txt" <<'PY' || exit 1
import json, sys
report, drops = json.load(open(sys.argv[1])), json.loads(sys.argv[2])["drops"]
order = {commit: i for i, commit in enumerate(reversed(open(sys.argv[3]).read().split()))}
found = [r["firstBad"] for r in report["regressions"]]
near = all(any(abs(order[f] - order[d]) <= 1 for f in found) for d in drops)
if len(found) != len(drops) or not near:
    sys.exit(f"blame.sh: FAIL: --metric found {found[:5]}, expected the drops {drops}")
print(f"==> --metric found the {len(drops)} injected drops over {report['evaluatedCommits']} evaluated commits", file=sys.stderr)
PY
say "timing quill blame --metric accuracy on $HOT"
METRIC_ROW="$(measure "quill metric $HOT" "$QUILL" blame "$HOT" --metric accuracy --format json)"
cd "$REPO"

STATUS=0
python3 - "$COMMITS" "$RUNS" "$WARMUP" "$(git --version | awk '{print $3}')" "$(nproc)" "$RESULTS/blame-summary.json" "$METRIC_ROW" "${ROWS[@]}" <<'PY' || STATUS=$?
import json, sys
commits, runs, warmup, git_version, cores, out, metric_row = sys.argv[1:8]
print(f"quill blame vs git blame --porcelain: {commits} commits; git {git_version}; {cores} cores; --warmup {warmup} --runs {runs}")
print(f"{'prompt':<45} {'quill ms':>14} {'git ms':>14} {'ratio':>6} {'quill MB':>9} {'git MB':>7}  target")
summary, met = [], True
for row in sys.argv[8:]:
    prompt, qm, qs, qr, gm, gs, gr = row.split()
    ratio = float(qm) / float(gm)
    cold = prompt.endswith(",cold")  # for information: the target is on warm runs
    met = met and (cold or ratio <= 1.0)
    verdict = "info" if cold else "PASS" if ratio <= 1.0 else "MISS"
    print(f"{prompt:<45} {qm + ' ± ' + qs:>14} {gm + ' ± ' + gs:>14} {ratio:>5.2f}x {qr:>9} {gr:>7}  {verdict}")
    summary.append({"prompt": prompt, "quill": {"mean_ms": float(qm), "sd_ms": float(qs), "rss_mb": float(qr)},
                    "git": {"mean_ms": float(gm), "sd_ms": float(gs), "rss_mb": float(gr)}, "ratio": ratio})
mm, ms, mr = (float(x) for x in metric_row.split())
metric_met = mm <= 1000 and mr <= 100
print(f"quill blame {summary[0]['prompt']} --metric accuracy ({commits}-commit history, a record on every first-parent commit): {mm:.1f} ± {ms:.1f} ms, {mr:.1f} MB  {'PASS' if metric_met else 'MISS'}")
json.dump({"commits": int(commits), "git": git_version, "cores": int(cores), "prompts": summary,
           "metric": {"mean_ms": mm, "sd_ms": ms, "rss_mb": mr}, "target_met": met and metric_met}, open(out, "w"), indent=2)
print("targets: quill <= git's mean time; --metric <= 1 s and <= 100 MB ->", "met" if met and metric_met else "MISSED")
met = met and metric_met
sys.exit(0 if met else 3)
PY
if [ "$STATUS" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
[ "$STATUS" = 0 ] || [ "$STATUS" = 3 ] || exit "$STATUS"
