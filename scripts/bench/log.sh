#!/usr/bin/env bash
# Benchmark: `quill log PROMPT --format json` against `git log --follow --format=%H -- PROMPT` on a
# generated repository of 10,000 commits over 50 prompts (scripts/bench/generate-history.py), warm
# and with the page cache emptied before each run (bench_cold in lib/common.sh: drop_caches, or the files evicted), both
# without a commit-graph for information, and `quill log` with no argument. Before timing, every
# prompt's commit list is checked against git's, in the JSON form that is timed.
#
#   scripts/bench/log.sh            # from anywhere; prints a table
#
# Environment:
#   BENCH_RUNS=N       timed runs per command (default 10, at least 10 is advised)
#   BENCH_WARMUP=N     warm-up runs per command (default 2)
#   BENCH_COMMITS=N    size of the generated history (default 10000)
#   BENCH_STRICT=1     exit 1 when a target is missed (a wrong commit list always exits 1)
#   BENCH_SKIP_BUILD=1 use the existing release build in .build-bench
#   BENCH_QUILL=PATH   time this quill binary instead (no build), e.g. one built from another commit
#   BENCH_SOURCE=TEXT  how the report names the quill source (default: git describe --dirty of this tree)
#   BENCH_RESULTS=DIR  where JSON results go (default .build-bench/results)
#
# Targets (issue 12): quill's mean time and peak RSS <= git's for the same prompt.
set -euo pipefail

MAX_RATIO=1.0
NAME=log.sh
# shellcheck source=lib/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

cd "$REPO"
GIT_VERSION="$(git --version | awk '{print $3}')"
SOURCE="${BENCH_SOURCE:-$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)}"
LIBGIT2_VERSION="$(pkg-config --modversion libgit2 2>/dev/null || echo unknown)"

# --- correctness ---------------------------------------------------------------------------------
commits_of_quill() {
    "$QUILL" log "$1" --format json | python3 -c '
import json, sys
for version in json.load(sys.stdin)["versions"]:
    print(version["commit"])'
}
declare -A VERSIONS
checked=0
while read -r prompt; do
    git log --follow --format=%H -- "$prompt" >"$RESULTS/git-commits.txt"
    commits_of_quill "$prompt" >"$RESULTS/quill-commits.txt"
    if ! cmp -s "$RESULTS/git-commits.txt" "$RESULTS/quill-commits.txt"; then
        printf 'log.sh: FAIL: quill log and git log --follow disagree for %s\n' "$prompt" >&2
        diff "$RESULTS/git-commits.txt" "$RESULTS/quill-commits.txt" | head -20 >&2 || true
        exit 1
    fi
    VERSIONS[$prompt]="$(wc -l <"$RESULTS/git-commits.txt" | tr -d ' ')"
    checked=$((checked + 1))
done < <(git ls-tree -r --name-only HEAD -- prompts)
[ -n "${VERSIONS[$HOT]:-}" ] && [ -n "${VERSIONS[$RENAMED]:-}" ] || die "the timed prompts are not at HEAD"
say "same commits from quill and git for all $checked prompts ($HOT: ${VERSIONS[$HOT]}, $RENAMED: ${VERSIONS[$RENAMED]})"
"$QUILL" log --format json >/dev/null || die "quill log (no argument) failed"

# --- timing --------------------------------------------------------------------------------------
# Each case: label, then argv. Timed with hyperfine without a shell (-N), output discarded. A label
# ending in "cold" drops the page cache before every run (no warm-up); one ending in "no graph" runs
# with core.commitGraph=false in the repository's config, which both tools read.
bench_cold "$REPO" "$QUILL" "$(command -v git)"
say "cold rows: $COLD_HOW"
CASES=(
    "quill log HOT|$QUILL log $HOT --format json"
    "git log --follow HOT|git log --follow --format=%H -- $HOT"
    "quill log RENAMED|$QUILL log $RENAMED --format json"
    "git log --follow RENAMED|git log --follow --format=%H -- $RENAMED"
    "quill log (all prompts)|$QUILL log --format json"
    "quill log HOT, no graph|$QUILL log $HOT --format json"
    "git log --follow HOT, no graph|git log --follow --format=%H -- $HOT"
    "quill log HOT, cold|$QUILL log $HOT --format json"
    "git log --follow HOT, cold|git log --follow --format=%H -- $HOT"
)

time_case() { # name, command -> prints "mean_ms sd_ms"
    local name="$1" command="$2" json="$RESULTS/$(echo "$1" | tr -c 'A-Za-z0-9\n' '-').json"
    local options=(--warmup "$WARMUP")
    if [[ "$name" == *cold ]]; then options=(--prepare "$COLD"); fi
    if command -v hyperfine >/dev/null; then
        hyperfine --shell=none "${options[@]}" --runs "$RUNS" --output=null --style=none \
            --command-name "$name" --export-json "$json" "$command" >/dev/null
        bench_mean_ms "$json"
    else
        # Fallback: a python timing loop with the same warm-up and run counts.
        python3 - "$WARMUP" "$RUNS" "$json" "$name" $command <<'PY'
import json, statistics, subprocess, sys, time
warmup, runs, out, name, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
times = []
for i in range(warmup + runs):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    if i >= warmup:
        times.append(time.perf_counter() - start)
mean, sd = statistics.mean(times), statistics.stdev(times)
json.dump({"results": [{"command": name, "mean": mean, "stddev": sd, "times": times}]}, open(out, "w"))
print(f"{mean * 1000:.2f} {sd * 1000:.2f}")
PY
    fi
}

peak_rss_mb() { # argv -> peak RSS in MB (max of 3 runs)
    local best=0 kb
    for _ in 1 2 3; do
        kb="$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)"
        [ "$kb" -gt "$best" ] && best="$kb"
    done
    python3 -c "print(f'{$best / 1024:.1f}')"
}

FIGURES=()  # mean, sd, rss for each case, in order
for entry in "${CASES[@]}"; do
    name="${entry%%|*}"
    command="${entry#*|}"
    say "timing: $name"
    if [[ "$name" == *"no graph" ]]; then git config core.commitGraph false; fi
    read -r mean sd < <(time_case "$name" "$command")
    # shellcheck disable=SC2086  # the command is split into words on purpose (paths have no spaces)
    FIGURES+=("$mean" "$sd" "$(peak_rss_mb $command)")
    git config --unset core.commitGraph || true
done

# --- report --------------------------------------------------------------------------------------
STATUS=0
report="$(python3 - "$MAX_RATIO" "$HOT" "${VERSIONS[$HOT]}" "$RENAMED" "${VERSIONS[$RENAMED]}" \
    "$COMMITS" "$GIT_VERSION" "$LIBGIT2_VERSION" "$(nproc)" "$(uname -m)" "$RUNS" "$WARMUP" "$SOURCE" \
    "${FIGURES[@]}" \
    "$RESULTS/summary.json" <<'PY'
import json, sys
a = sys.argv[1:]
max_ratio = float(a[0])
hot, hot_n, ren, ren_n, commits, git_v, lg2_v, cores, arch, runs, warmup, source = a[1:13]
nums = [float(x) for x in a[13:40]]
out = a[40]
def case(i): return {"mean_ms": nums[3*i], "sd_ms": nums[3*i+1], "rss_mb": nums[3*i+2]}
q_hot, g_hot, q_ren, g_ren, q_all, q_nocg, g_nocg, q_cold, g_cold = (case(i) for i in range(9))
rows, ok = [], True
def row(cmd, c, git=None):
    global ok
    ratio = None if git is None else c["mean_ms"] / git["mean_ms"]
    ratio_text = "" if ratio is None else f"{ratio:.2f}x"
    verdict = ""
    if ratio is not None:
        good = ratio <= max_ratio and c["rss_mb"] <= git["rss_mb"]
        ok = ok and good
        verdict = "PASS" if good else "MISS"
    rows.append((cmd, f"{c['mean_ms']:.1f} ± {c['sd_ms']:.1f}", ratio_text, f"{c['rss_mb']:.1f}", verdict))
row(f"quill log {hot}", q_hot, g_hot)
row(f"git log --follow --format=%H -- {hot}", g_hot)
row(f"quill log {ren}", q_ren, g_ren)
row(f"git log --follow --format=%H -- {ren}", g_ren)
row("quill log  (every prompt's latest version; information)", q_all)
def info(label, quill, git):
    rows.append((f"quill log {hot}, {label}  (information)", f"{quill['mean_ms']:.1f} ± {quill['sd_ms']:.1f}",
                 f"({quill['mean_ms'] / git['mean_ms']:.2f}x)", f"{quill['rss_mb']:.1f}", ""))
    rows.append((f"git log --follow ... {hot}, {label}", f"{git['mean_ms']:.1f} ± {git['sd_ms']:.1f}", "", f"{git['rss_mb']:.1f}", ""))
info("core.commitGraph=false", q_nocg, g_nocg)
info("page cache dropped before each run", q_cold, g_cold)
head = ("command", "mean ± sd (ms)", "quill/git", "peak RSS (MB)", "target")
widths = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
line = lambda r: "  ".join(r[i].ljust(widths[i]) if i == 0 else r[i].rjust(widths[i]) for i in range(5)).rstrip()
print(f"quill log vs git log --follow: {commits} commits, 50 prompts; {hot} has {hot_n} versions, {ren} has {ren_n}")
print(f"machine: {cores} cores, {arch}; git {git_v}; libgit2 {lg2_v}; quill source {source}; --warmup {warmup} --runs {runs}")
print(line(head))
print(line(tuple("-" * w for w in widths)))
for r in rows:
    print(line(r))
print(f"targets: quill <= {max_ratio}x git's mean time and <= git's peak RSS -> {'all met' if ok else 'MISSED'}")
json.dump({"commits": int(commits), "source": source, "git": git_v, "libgit2": lg2_v, "cores": int(cores), "arch": arch,
           "hot": {"path": hot, "versions": int(hot_n), "quill": q_hot, "git": g_hot},
           "renamed": {"path": ren, "versions": int(ren_n), "quill": q_ren, "git": g_ren},
           "all_prompts": {"quill": q_all}, "no_commit_graph": {"quill": q_nocg, "git": g_nocg},
           "cold": {"quill": q_cold, "git": g_cold}, "targets_met": ok}, open(out, "w"), indent=2)
sys.exit(0 if ok else 3)
PY
)" || STATUS=$?
printf '%s\n' "$report"
case "$STATUS" in
    0) ;;
    3) if [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi ;;
    *) exit "$STATUS" ;;
esac
