#!/usr/bin/env bash
# Writes the seed inputs of the git readers' fuzz targets (Fuzz/corpus/{raw-tree,commit,pack,commit-graph})
# from a small repository made here by the real git: trees, commits (a merge, an octopus merge, extra
# headers), a repacked pack with offset deltas, and its commit-graph. Deterministic for one git version.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="$PWD/Fuzz/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export HOME="$work" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Ada Tester" GIT_AUTHOR_EMAIL=ada@example.com
export GIT_COMMITTER_NAME="Ada Tester" GIT_COMMITTER_EMAIL=ada@example.com
tick=1700000000
commit() { tick=$((tick + 3600)); GIT_AUTHOR_DATE="@$tick +0130" GIT_COMMITTER_DATE="@$tick -0800" git commit -q "$@"; }

git init -q -b main "$work/repo"
cd "$work/repo"
mkdir -p prompts/nested
for version in 1 2 3 4 5 6; do
    {
        echo "---"; echo "model: openai/gpt-4o"; echo "---"
        for line in $(seq 1 40); do echo "Line $line of the support prompt, version $((line % version + 1))."; done
    } > prompts/support.prompt
    echo "note $version" > prompts/nested/notes.md
    git add -A && commit -m "Version $version"
done
for branch in a b c; do
    git checkout -q -b "$branch" main~2
    echo "$branch" > "prompts/$branch.txt"
    git add -A && commit -m "Branch $branch"
done
git checkout -q main
GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" git merge -q --no-edit a >/dev/null
GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" git merge -q --no-edit b c >/dev/null
git repack -adfq --depth=10 --window=10
git commit-graph write --reachable

rm -rf "$corpus"/{raw-tree,commit,pack,commit-graph}
mkdir -p "$corpus"/{raw-tree,commit,pack,commit-graph}
git cat-file tree HEAD > "$corpus/raw-tree/root"
git cat-file tree HEAD:prompts > "$corpus/raw-tree/prompts"
git cat-file commit HEAD > "$corpus/commit/octopus"
git cat-file commit HEAD^ > "$corpus/commit/merge"
git cat-file commit main~3 > "$corpus/commit/plain"
printf 'tree %s\nauthor A <a@b> 1 +0000\ncommitter C <c@d> 2 -0130\nencoding ISO-8859-1\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP SIGNATURE-----\n\nSigned\n\nbody\n' \
    "$(git rev-parse HEAD^{tree})" > "$corpus/commit/headers"
cat .git/objects/info/commit-graph > "$corpus/commit-graph/graph"

# Pack seeds in the pack target's shape: a count byte, big-endian offsets, the pack's entries.
pack=$(ls .git/objects/pack/*.pack)
size=$(stat -c %s "$pack")
hex32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)); }
seed() {  # name, offsets…
    local name=$1; shift
    {
        printf "\\x$(printf %02x $(($# - 1)))"
        for offset in "$@"; do printf "$(hex32 "$offset")"; done
        tail -c +13 "$pack" | head -c $((size - 12 - 20))
    } > "$corpus/pack/$name"
}
mapfile -t offsets < <(git show-index < "${pack%.pack}.idx" | cut -d' ' -f1 | sort -n)
# Deltas and their bases: verify-pack lists a delta's depth and base id.
mapfile -t deltas < <(git verify-pack -v "$pack" | awk 'NF == 7 { print $5 }' | sort -n)
seed first "${offsets[@]:0:8}"
seed last "${offsets[@]: -8}"
seed deltas "${deltas[@]:0:8}"
echo "seeds: $(find "$corpus"/{raw-tree,commit,pack,commit-graph} -type f | wc -l) files, $(du -cb "$corpus"/{raw-tree,commit,pack,commit-graph} | tail -1 | cut -f1) bytes"
