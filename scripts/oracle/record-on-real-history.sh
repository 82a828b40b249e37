#!/usr/bin/env bash
# `quill eval record --commit C` on a real repository's history against git: a record names the prompt
# blob `git rev-parse C:PATH` names. `eval record` resolves commits, their trees and the prompt's path
# with GitKit's own pack reader, reading large packs with pread (`Repository.readPacksForLookUps`), so
# this checks those readers on packs git wrote, not only on the tests' generated ones.
#   scripts/oracle/record-on-real-history.sh QUILL REPO PATH [N]
# Copies REPO's git folder as a bare repository (a fetched mirror may lack large blobs: a clone would
# refuse it), records a
# score for N commits spread over PATH's history (default 20; `git log --follow` gives each commit's
# path), and prints the counts and the first differences. Exit 1 on any difference.
set -euo pipefail
quill="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; repo="$2"; path="$3"; wanted="${4:-20}"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
git_dir="$(git -C "$repo" rev-parse --absolute-git-dir)"
cp -a "$git_dir" "$scratch/r.git"
cd "$scratch/r.git"
git config core.bare true  # quill records into a bare repository from the commit's own tree
git log --follow --format=%H --name-only -- "$path" | awk 'NF' | paste - - > "$scratch/history.txt"
total="$(wc -l < "$scratch/history.txt")"
step=$(( total / wanted > 0 ? total / wanted : 1 ))
awk -v step="$step" 'NR % step == 1 || step == 1' "$scratch/history.txt" | head -n "$wanted" > "$scratch/sample.txt"
echo '{"accuracy": 0.5}' > "$scratch/score.json"
checked=0; differ=0
while read -r commit at; do
    [ "$(git cat-file -t "$commit:$at" 2>/dev/null)" = blob ] || continue  # deleted there, or the blob is absent
    "$quill" eval record "$scratch/score.json" --prompt "$at" --commit "$commit" >/dev/null
    recorded="$("$quill" eval list --commit "$commit" --format json |
        python3 -c 'import json, sys; print(" ".join(r["promptBlob"] for r in json.load(sys.stdin)["records"] if r["prompt"] == sys.argv[1]))' "$at")"
    expected="$(git rev-parse "$commit:$at")"
    checked=$((checked + 1))
    if [ "$recorded" != "$expected" ]; then
        differ=$((differ + 1))
        [ "$differ" -le 5 ] && echo "differs: $commit $at: quill recorded '$recorded', git names $expected"
    fi
done < "$scratch/sample.txt"
echo "record-on-real-history: $checked commits of $total in $path's history recorded; $differ differ from git"
[ "$differ" -eq 0 ]
