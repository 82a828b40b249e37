#!/usr/bin/env bash
# Issue 18's promises on labels, checked with real processes and git as the judge:
#  1. WRITERS concurrent `quill label set` processes (ROUNDS rounds of them) all succeed, and
#     refs/quill/labels then holds one move per process, each move's Quill-From the Quill-To of the
#     move before it, the current value the last move's, no lock file left, `git fsck --strict` clean;
#  2. a label name is accepted exactly when `git check-ref-format` accepts refs/quill/labels/NAME and
#     it has no '/' or '@', for "a<c>b" with every ASCII character c and for names git has rules about;
#     a refused name exits 2 with one line and writes nothing.
#   scripts/oracle/label-races-and-names.sh QUILL [WRITERS] [ROUNDS]
set -euo pipefail
quill="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
writers="${2:-8}" rounds="${3:-4}"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME=Oracle GIT_AUTHOR_EMAIL=oracle@example.com GIT_COMMITTER_NAME=Oracle GIT_COMMITTER_EMAIL=oracle@example.com
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null
git init -q -b main "$scratch/r" && cd "$scratch/r"
mkdir prompts
total=$((writers * rounds))
for i in $(seq 1 "$total"); do
    echo "Answer {{question}} (version $i)." >prompts/a.prompt
    git add -A && git commit -qm "version $i"
done
mapfile -t commits < <(git rev-list --reverse HEAD)
failed=0

# --- 1. concurrent writers ------------------------------------------------------------------------
for round in $(seq 0 $((rounds - 1))); do
    pids=()
    for w in $(seq 0 $((writers - 1))); do
        commit="${commits[$((round * writers + w))]}"
        "$quill" label set production "prompts/a.prompt@$commit" -m "round $round writer $w" >/dev/null 2>"$scratch/err-$round-$w" &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || { echo "round $round writer $i failed: $(cat "$scratch/err-$round-$i")"; failed=1; }
    done
done
moves="$(git rev-list --count refs/quill/labels)"
echo "concurrent writers: $writers processes x $rounds rounds, $moves moves in refs/quill/labels"
[ "$moves" = "$total" ] || { echo "expected $total moves"; failed=1; }
# The chain, read by git: oldest first, each Quill-From the Quill-To before it; every version once.
git log --reverse --format='%(trailers:key=Quill-From,valueonly)%(trailers:key=Quill-To,valueonly)' refs/quill/labels >"$scratch/chain"
git cat-file blob "refs/quill/labels:production/prompts/a.prompt" >"$scratch/current"
python3 - "$scratch/chain" "$scratch/current" "$total" <<'PY' || failed=1
import json, sys
lines = [line for line in open(sys.argv[1]).read().split("\n") if line]
pairs = list(zip(lines[0::2], lines[1::2]))
current = json.load(open(sys.argv[2]))
problems, previous = [], "none"
for number, (moved_from, moved_to) in enumerate(pairs, 1):
    if moved_from != previous:
        problems.append(f"move {number} is from {moved_from}, the move before went to {previous}")
    previous = moved_to
if previous != f"{current['blob']} {current['commit']}":
    problems.append(f"the current value {current} is not the last move's {previous}")
if len({to for _, to in pairs}) != int(sys.argv[3]):
    problems.append(f"{len({to for _, to in pairs})} distinct versions moved to, expected {sys.argv[3]}")
print("\n".join(problems) if problems else "chain: every Quill-From is the Quill-To before it; the current value is the last move's")
sys.exit(1 if problems else 0)
PY
logged="$("$quill" label log production --format json | python3 -c 'import json, sys; m = json.load(sys.stdin)["moves"]; print(len(m), sum(x["isCurrent"] for x in m))')"
[ "$logged" = "$total 1" ] || { echo "label log shows '$logged' (moves, current), expected '$total 1'"; failed=1; }
locks="$(find .git -name '*.lock' | wc -l)"
[ "$locks" = 0 ] || { echo "$locks lock files left"; failed=1; }
# Lost races leave the commits they built unreferenced (dangling, as git leaves them; gc prunes them).
git fsck --strict --no-progress --no-dangling >"$scratch/fsck" 2>&1 || { echo "git fsck --strict: $(cat "$scratch/fsck")"; failed=1; }
dangling="$(git fsck --no-progress 2>&1 | grep -c '^dangling' || true)"
echo "label log: $logged (moves, current); lock files left: $locks; git fsck --strict: $( [ -s "$scratch/fsck" ] && echo "said: $(head -c 200 "$scratch/fsck")" || echo clean) ($dangling dangling commits of lost races)"

# --- 2. label names against git check-ref-format ----------------------------------------------------
names=()
for code in $(seq 1 127); do names+=("a$(printf "\\$(printf '%03o' "$code")")b"); done
names+=(".a" "a." "a..b" "a.lock" "a.lock.b" "lock" "@" "a@{1}" "a@b" "{" "a{b}" "-a" "é" "a…b" "a b" "ab/" "a//b" "😀" $'a\xc2\x85b')
accepted=0 refused=0 disagreements=0
tip="$(git rev-parse refs/quill/labels)"
for name in "${names[@]}"; do
    git_ok=1
    git check-ref-format "refs/quill/labels/$name" 2>/dev/null || git_ok=0
    case "$name" in */* | *@*) git_ok=0 ;; esac
    status=0
    "$quill" label set -- "$name" prompts/a.prompt >/dev/null 2>"$scratch/err" || status=$?
    if [ "$status" = 0 ]; then
        accepted=$((accepted + 1))
        "$quill" label rm -- "$name" prompts/a.prompt >/dev/null
    else
        refused=$((refused + 1))
        lines="$(wc -l <"$scratch/err")"
        if [ "$status" != 2 ] || [ "$lines" != 1 ]; then
            echo "name $(printf '%q' "$name"): exit $status with $lines lines: $(head -c 200 "$scratch/err")"; failed=1
        fi
    fi
    if [ "$((status == 0))" != "$git_ok" ]; then
        echo "name $(printf '%q' "$name"): quill exit $status, git check-ref-format says $git_ok"
        disagreements=$((disagreements + 1)); failed=1
    fi
done
written="$(git rev-list --count "$tip"..refs/quill/labels)"
[ "$written" = $((accepted * 2)) ] || { echo "refused names wrote moves: $written moves for $accepted accepted names"; failed=1; }
echo "label names: ${#names[@]} tried, $accepted accepted, $refused refused (exit 2, one line), $disagreements disagreements with git"
git fsck --strict --no-progress --no-dangling >/dev/null 2>&1 || { echo "git fsck --strict failed after the names"; failed=1; }
exit "$failed"
