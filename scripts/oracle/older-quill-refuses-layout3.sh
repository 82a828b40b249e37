#!/usr/bin/env bash
# An older quill (one that knows the eval store's layouts 1 and 2 only) refuses a layout-3 store
# (docs/storage.md, "Score summaries") rather than read it without its summaries or add records without
# their summary lines: reading, recording and syncing, each exit 3 with one line, the store unchanged.
#   scripts/oracle/older-quill-refuses-layout3.sh NEW_QUILL OLD_QUILL
# OLD_QUILL is a build of an earlier commit (e.g. b63ef12, the last one of layout 2).
set -euo pipefail
new="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; old="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME=Oracle GIT_AUTHOR_EMAIL=oracle@example.com GIT_COMMITTER_NAME=Oracle GIT_COMMITTER_EMAIL=oracle@example.com
git init -q -b main "$scratch/r" && cd "$scratch/r"
mkdir prompts && echo 'Answer {{q}}.' > prompts/a.prompt && git add -A && git commit -qm add
echo '{"accuracy": 0.9}' > "$scratch/m.json"
"$new" eval record "$scratch/m.json" --prompt prompts/a.prompt >/dev/null
git clone -q --bare . "$scratch/remote.git" && git -C "$scratch/remote.git" fetch -q "$scratch/r" 'refs/quill/*:refs/quill/*'
git clone -q "$scratch/remote.git" "$scratch/old" 2>/dev/null
tip="$(git rev-parse refs/quill/evals)"
failed=0
check() {  # check NAME DIR ARGS...: OLD_QUILL must exit 3 with one line; refs/quill/evals unchanged
    local name="$1" dir="$2"; shift 2
    local status=0
    (cd "$dir" && "$old" "$@") >/dev/null 2>"$scratch/err" || status=$?
    local lines; lines="$(wc -l < "$scratch/err")"
    echo "$name: exit $status, $lines line(s): $(head -c 300 "$scratch/err")"
    if [ "$status" != 3 ] || [ "$lines" != 1 ]; then failed=1; fi
}
check "log" . log prompts/a.prompt
check "eval list" . eval list prompts/a.prompt
check "eval record" . eval record "$scratch/m.json" --prompt prompts/a.prompt --allow-dirty
check "sync" "$scratch/old" sync
[ "$(git rev-parse refs/quill/evals)" = "$tip" ] || { echo "refs/quill/evals moved"; failed=1; }
[ -z "$(git -C "$scratch/old" for-each-ref refs/quill/evals)" ] || { echo "the old clone took in the layout-3 store"; failed=1; }
exit "$failed"
