#!/usr/bin/env bash
# Benchmark: `quill manifest record` of a folder of 100,000 documents of 1 KB (first time, then
# with 100 documents changed) and `quill manifest diff` of two 100,000-document manifests with 1,000
# changed, side by side with DVC on the same folder (`dvc add`, then `dvc diff` between two commits).
#
#   scripts/bench/manifest.sh        # prints a table; results in .build-bench/results/manifest.json
#
# Environment:
#   BENCH_DOCUMENTS=N  documents (default 100000)
#   BENCH_SKIP_BUILD=1 / BENCH_QUILL=PATH / BENCH_DVC=PATH   as for the other benchmarks
#   BENCH_STRICT=1     exit 1 when a target is missed
#
# Targets: record <= 10 s first, <= 1 s with 100 changed; diff <= 0.5 s and <= 200 MB; quill >= 5x
# faster than dvc for record and for diff. Each figure is one run (wall time and peak RSS from GNU
# time); the record after an edit is the second record of the folder, as a user runs it. Before the
# report, both tools' answers are checked: each records every document, and quill's JSON diff names
# the same changed, added and removed documents as `dvc diff --json` (the forms compared by time);
# both diffs are timed once more cold (page cache emptied first: bench_cold in lib/common.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"
DOCUMENTS="${BENCH_DOCUMENTS:-100000}"
RESULTS="${BENCH_RESULTS:-$SCRATCH/results}"
DATA="$SCRATCH/data/manifest-$DOCUMENTS"

NAME=manifest.sh
# shellcheck source=lib/common.sh
source "$ROOT/scripts/bench/lib/common.sh"
command -v git >/dev/null || die "git is required"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required"
bench_quill
bench_dvc
export DVC_NO_ANALYTICS=1 NO_COLOR=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# measure LABEL CMD...: runs CMD once, appends "LABEL seconds kilobytes cpu-seconds" to
# $RESULTS/manifest.txt (CPU = user + system: the figure to compare on a loaded machine).
measure() {
    local label="$1"
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$RESULTS/manifest-time" "$@" >/dev/null
    local wall kb user system
    read -r wall kb user system <"$RESULTS/manifest-time"
    echo "$label $wall $kb $(python3 -c "print(round($user + $system, 2))")" >>"$RESULTS/manifest.txt"
    say "$label: $wall s wall, $kb KB, $user + $system s CPU"
}

mkdir -p "$RESULTS"
: >"$RESULTS/manifest.txt"
say "generating $DOCUMENTS documents of 1 KB in ${DATA#"$ROOT"/} (cached)"
rm -rf "$DATA/quill" "$DATA/dvc"
python3 "$ROOT/scripts/bench/generate-manifest-data.py" "$DATA/base" --documents "$DOCUMENTS"

# --- quill -------------------------------------------------------------------------------------------
mkdir -p "$DATA/quill" && cp -r "$DATA/base/docs" "$DATA/quill/docs" && git -C "$DATA/quill" init -q
cd "$DATA/quill"
sleep 1  # the copied files' times must be before the scan, or they are re-read as git re-reads racy files
measure "quill record (first)" "$QUILL" manifest record docs --name docs
OLD="$("$QUILL" manifest list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["manifests"][0]["id"])')"
python3 "$ROOT/scripts/bench/generate-manifest-data.py" "$DATA/quill" --documents "$DOCUMENTS" --edit 100 --seed 2
sleep 1
measure "quill record (100 changed)" "$QUILL" manifest record docs --name docs
python3 "$ROOT/scripts/bench/generate-manifest-data.py" "$DATA/quill" --documents "$DOCUMENTS" --edit 900 --seed 3
sleep 1
"$QUILL" manifest record docs --name docs >/dev/null
CHANGED="$("$QUILL" manifest diff "$OLD" latest:docs --format json | python3 -c 'import json,sys; c=json.load(sys.stdin)["counts"]; print(c["changed"] + c["added"] + c["removed"])')"
say "quill: $CHANGED documents differ between the two manifests"
measure "quill diff (text)" "$QUILL" manifest diff "$OLD" latest:docs
measure "quill diff (json)" "$QUILL" manifest diff "$OLD" latest:docs --format json
"$QUILL" manifest diff "$OLD" latest:docs --format json >"$RESULTS/manifest-quill-diff.json"
bench_cold "$DATA" "$QUILL" ${DVC:+"$(dirname "$(dirname "$DVC")")"}
sh -c "$COLD" && measure "quill diff (json), cold" "$QUILL" manifest diff "$OLD" latest:docs --format json

# --- dvc ---------------------------------------------------------------------------------------------
if [ -n "$DVC" ]; then
    # dvc refuses to add a folder git tracks: commit dvc's own files before the documents arrive.
    mkdir -p "$DATA/dvc" && cd "$DATA/dvc"
    git init -q && "$DVC" init -q && git add -A && git commit -qm init
    cp -r "$DATA/base/docs" "$DATA/dvc/docs"
    measure "dvc add (first)" timeout 1200 "$DVC" add -q docs
    git add -A && git commit -qm v1
    python3 "$ROOT/scripts/bench/generate-manifest-data.py" "$DATA/dvc" --documents "$DOCUMENTS" --edit 100 --seed 2
    measure "dvc add (100 changed)" timeout 1200 "$DVC" add -q docs
    python3 "$ROOT/scripts/bench/generate-manifest-data.py" "$DATA/dvc" --documents "$DOCUMENTS" --edit 900 --seed 3
    timeout 1200 "$DVC" add -q docs && git add -A && git commit -qm v2
    measure "dvc diff" timeout 1200 "$DVC" diff HEAD~1 HEAD
    measure "dvc diff (json)" timeout 1200 "$DVC" diff HEAD~1 HEAD --json
    sh -c "$COLD" && measure "dvc diff (json), cold" timeout 1200 "$DVC" diff HEAD~1 HEAD --json
    timeout 1200 "$DVC" diff HEAD~1 HEAD --json >"$RESULTS/manifest-dvc-diff.json"
    grep -qx "  nfiles: $(find docs -type f | wc -l)" docs.dvc || die "dvc add did not record every file of docs: $(grep nfiles docs.dvc)"
fi

# --- correctness -------------------------------------------------------------------------------------
python3 - "$RESULTS/manifest-quill-diff.json" "$DOCUMENTS" "${DVC:+$RESULTS/manifest-dvc-diff.json}" <<'PY' >&2 || die "the manifests' answers are wrong or disagree"
import json, os, sys
quill, documents = json.load(open(sys.argv[1])), int(sys.argv[2])
counts = quill["counts"]
# The generator's .complete-N marker is a file of the folder too.
assert counts["fromDocuments"] == counts["toDocuments"] and documents <= counts["toDocuments"] <= documents + 1, counts
name = lambda path: os.path.basename(path.rstrip("/"))
ours = {kind: sorted(name(d["id"]) for d in quill[kind]) for kind in ("added", "removed", "changed")}
assert len(ours["changed"]) == counts["changed"], (len(ours["changed"]), counts)
if len(sys.argv) > 3 and sys.argv[3]:
    dvc = json.load(open(sys.argv[3]))
    theirs = {kind: sorted(name(d["path"]) for d in dvc.get(key, []) if not d["path"].endswith("/"))
              for kind, key in (("added", "added"), ("removed", "deleted"), ("changed", "modified"))}
    assert ours == theirs, {k: (len(ours[k]), len(theirs[k])) for k in ours}
    print(f"quill and dvc agree: {len(ours['changed'])} changed, {len(ours['added'])} added, {len(ours['removed'])} removed of {documents}")
else:
    print(f"quill: {documents} documents on each side, {counts['changed']} changed (dvc not installed: not compared)")
PY

# --- report ------------------------------------------------------------------------------------------
STATUS=0
python3 - "$RESULTS/manifest.txt" "$RESULTS/manifest.json" <<'PY' || STATUS=$?
import json, sys
rows = {}
for line in open(sys.argv[1]):
    *label, seconds, kb, cpu = line.split()
    rows[" ".join(label)] = (float(seconds), int(kb), float(cpu))
targets = {"quill record (first)": 10.0, "quill record (100 changed)": 1.0, "quill diff (text)": 0.5, "quill diff (json)": 0.5}
peers = {"quill record (first)": "dvc add (first)", "quill record (100 changed)": "dvc add (100 changed)", "quill diff (text)": "dvc diff",
         "quill diff (json)": "dvc diff (json)", "quill diff (json), cold": "dvc diff (json), cold"}
missed = False
print("| case | wall s | CPU s | peak MB | target | dvc wall s | dvc CPU s | speed-up (wall) | speed-up (CPU) |")
print("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
for label, (seconds, kb, cpu) in rows.items():
    if label.startswith("dvc"):
        continue
    cold = label.endswith(", cold")  # for information: the targets are on warm runs
    ok = cold or (seconds <= targets[label] and (not label.startswith("quill diff") or kb <= 200 * 1024))
    missed |= not ok
    peer = rows.get(peers.get(label, ""))
    cells = [label, f"{seconds:.2f}", f"{cpu:.2f}", f"{kb / 1024:.0f}", "info" if cold else f"{'PASS' if ok else 'MISS'} ≤ {targets[label]} s"]
    if peer:
        wall_speed, cpu_speed = peer[0] / max(seconds, 0.001), peer[2] / max(cpu, 0.001)
        missed |= wall_speed < 5 and not cold
        cells += [f"{peer[0]:.2f}", f"{peer[2]:.2f}", f"{wall_speed:.1f}×", f"{cpu_speed:.1f}×"]
    else:
        cells += ["—"] * 4
    print("| " + " | ".join(cells) + " |")
json.dump({k: {"seconds": v[0], "peakKilobytes": v[1], "cpuSeconds": v[2]} for k, v in rows.items()}, open(sys.argv[2], "w"), indent=2)
sys.exit(1 if missed else 0)
PY
if [ "$STATUS" != 0 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
