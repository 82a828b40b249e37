#!/usr/bin/env bash
# `quill sync` over git daemon between two copies of a real repository, each holding scores of a
# different part of a real prompt's history.
#
#   scripts/oracle/sync-real-history.sh QUILL REPO PATH [N]
#
# Copies REPO's git folder as a bare repository (a fetched mirror may lack large blobs: a clone would
# refuse it) and records a score (suite `shared`) for N commits spread over PATH's history (default
# 20; `git log --follow` gives each commit's path); copies that as the local side; then records
# suite `remote` for the N commits in the copy served by git daemon on 127.0.0.1 and suite `local`
# for the first half of them in the other, and runs `quill sync git://…` there. Checks, and prints:
# - each sampled commit's records after the sync are the union of both sides' before (`eval list
#   --commit`), on both sides (sync pushes the merge back);
# - the fetch asked for a full pack, not a thin one (no `thin-pack` in its protocol trace), and the
#   objects it received against those of the remote's store that the branches and the shared store
#   do not reach (`git rev-list --objects`; git's sparse walk may send a few that an unchanged
#   folder of the shared store holds at another path), the first differences named;
# - `git fsck --strict` says nothing on either side that it did not say of REPO's copy before.
# Exit 1 on any difference.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 QUILL REPO PATH [N]" >&2; exit 2; }
quill="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; repo="$2"; path="$3"; wanted="${4:-20}"
work="$(mktemp -d)"
daemon=
cleanup() {
    [ -z "$daemon" ] || kill "$daemon" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

git_dir="$(git -C "$repo" rev-parse --absolute-git-dir)"
cp -a "$git_dir" "$work/remote.git"
git -C "$work/remote.git" config core.bare true
# What fsck says of the repository as it is (a fetched mirror lacks objects): the sync must add nothing to it.
fsck() { git -C "$1" fsck --strict --no-dangling 2>&1 | sort || true; }
fsck "$work/remote.git" > "$work/fsck-before.txt"
git -C "$work/remote.git" log --follow --format=%H --name-only -- "$path" | awk 'NF' | paste - - > "$work/history.txt"
total="$(wc -l < "$work/history.txt")"
step=$(( total / wanted > 0 ? total / wanted : 1 ))
awk -v step="$step" 'NR % step == 1 || step == 1' "$work/history.txt" | head -n "$wanted" |
    while read -r commit at; do
        # Deleted there, or the blob is absent from a mirror.
        [ "$(git -C "$work/remote.git" cat-file -t "$commit:$at" 2>/dev/null)" = blob ] && echo "$commit $at"
    done > "$work/sample.txt" || true
sampled="$(wc -l < "$work/sample.txt")"
[ "$sampled" -gt 1 ] || { echo "sync-real-history: fewer than 2 readable versions of $path" >&2; exit 2; }

echo '{"accuracy": 0.5}' > "$work/score.json"
record() {  # record SIDE SUITE COMMIT PATH
    (cd "$work/$1.git" && "$quill" eval record "$work/score.json" --suite "$2" --commit "$3" --prompt "$4" >/dev/null)
}
ids() {  # ids SIDE COMMIT: the record ids of COMMIT, one a line, sorted
    (cd "$work/$1.git" && "$quill" eval list --commit "$2" --format json) |
        python3 -c 'import json, sys; [print(i) for i in sorted(r["id"] for r in json.load(sys.stdin)["records"])]'
}
# A store both sides hold, as clones of one repository do; then each side's own records on top.
while read -r commit at; do record remote shared "$commit" "$at"; done < "$work/sample.txt"
cp -a "$work/remote.git" "$work/local.git"
shared="$(git -C "$work/local.git" for-each-ref --format='%(objectname)' refs/quill refs/notes)"
n=0
while read -r commit at; do
    record remote remote "$commit" "$at"
    if [ $((n * 2)) -lt "$sampled" ]; then record local local "$commit" "$at"; fi
    n=$((n + 1))
done < "$work/sample.txt"
while read -r commit _; do
    sort -u <(ids remote "$commit") <(ids local "$commit") > "$work/union-$commit.txt"
done < "$work/sample.txt"
tips="$(git -C "$work/remote.git" for-each-ref --format='%(objectname)' refs/quill refs/notes)"
# shellcheck disable=SC2086
git -C "$work/remote.git" rev-list --objects $tips --not --branches --tags $shared | cut -d' ' -f1 | sort > "$work/expected.txt"
ls "$work/local.git/objects/pack/" > "$work/packs-before.txt"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
git daemon --reuseaddr --export-all --enable=receive-pack --base-path="$work" --port="$port" \
    --listen=127.0.0.1 "$work" >/dev/null 2>&1 &
daemon=$!
for _ in $(seq 50); do git ls-remote "git://127.0.0.1:$port/remote.git" >/dev/null 2>&1 && break; sleep 0.1; done
(cd "$work/local.git" && GIT_TRACE_PACKET="$work/packets.txt" "$quill" sync "git://127.0.0.1:$port/remote.git") > "$work/sync.txt"
thin=no
grep -q 'fetch-pack> thin-pack$' "$work/packets.txt" && thin=yes

differ=0
while read -r commit _; do
    for side in local remote; do
        if ! ids "$side" "$commit" | cmp -s - "$work/union-$commit.txt"; then
            differ=$((differ + 1))
            [ "$differ" -le 5 ] && echo "differs: $side's records of $commit are not the union of both sides'"
        fi
    done
done < "$work/sample.txt"
for pack in $(ls "$work/local.git/objects/pack/" | grep '\.idx$' | grep -vxF -f "$work/packs-before.txt"); do
    git show-index < "$work/local.git/objects/pack/$pack" | cut -d' ' -f2
done | sort > "$work/received.txt"
received="$(wc -l < "$work/received.txt")" expected="$(wc -l < "$work/expected.txt")"
comm -3 "$work/received.txt" "$work/expected.txt" | head -5 | while read -r id; do
    echo "only $( [ -n "$(grep -x "$id" "$work/received.txt")" ] && echo received || echo expected): $(git -C "$work/local.git" cat-file -t "$id") $id"
done
fsck=clean
for side in local remote; do
    fsck "$work/$side.git" | comm -13 "$work/fsck-before.txt" - > "$work/fsck-$side.txt"
    [ -s "$work/fsck-$side.txt" ] && fsck="not clean ($side: $(head -1 "$work/fsck-$side.txt"))"
done
echo "sync-real-history: $sampled versions of $path ($total in its history) recorded on a shared store, then on the remote, $((sampled - sampled / 2)) on the local side too;" \
    "$differ record lists differ from the union; a thin pack asked for: $thin; the fetch received $received objects, the remote's store has $expected beyond the shared branches and store; fsck $fsck"
sed 's/^/  sync: /' "$work/sync.txt"
[ "$differ" -eq 0 ] && [ "$thin" = no ] && [ "$fsck" = clean ]
