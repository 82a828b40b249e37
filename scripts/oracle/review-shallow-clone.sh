#!/usr/bin/env bash
# quill review in a CI checkout against a full clone, on a real repository's history.
#
#   scripts/oracle/review-shallow-clone.sh REPO [BEHIND] [GLOB]
#
# Builds a bare origin holding two branches of REPO (a path or URL git can clone; only HEAD's history
# is read): `main` is REPO's HEAD plus a commit
# adding quill.yaml (prompts: GLOB, default 'patterns/**/system.md'); `feature` starts BEHIND commits
# below REPO's HEAD on its first-parent line (default 300) and edits the first file matching GLOB.
# Serves origin with git daemon on 127.0.0.1, then runs `quill review origin/main --format json
# --no-gate` in `git clone --depth 1 --single-branch --branch feature` (review has to fetch main and
# deepen to the merge base) and in a full clone of feature, and prints whether the two reports
# (without "fetched") and exit statuses agree, what the shallow review fetched, and its time.
#
# Environment: QUILL (the binary; default .build/debug/quill of this checkout).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 REPO [BEHIND] [GLOB]" >&2; exit 2; }
repo=$1 behind=${2:-300} glob=${3:-patterns/**/system.md}
quill="${QUILL:-$here/../../.build/debug/quill}"
[ -x "$quill" ] || { echo "no quill binary at $quill; run 'swift build' or set QUILL" >&2; exit 2; }

work=$(mktemp -d)
daemon=
cleanup() {
  [ -z "$daemon" ] || kill "$daemon" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=oracle GIT_AUTHOR_EMAIL=oracle@example.com \
  GIT_COMMITTER_NAME=oracle GIT_COMMITTER_EMAIL=oracle@example.com

git init -q --bare "$work/origin.git"
git clone -q --single-branch "$repo" "$work/dev"
cd "$work/dev"
git remote set-url origin "$work/origin.git"
tip=$(git rev-parse HEAD)
git checkout -q -B main "$tip"
printf 'prompts:\n  - "%s"\n' "$glob" > quill.yaml
git add quill.yaml && git commit -q -m "quill.yaml"
git checkout -q -b feature "$tip~$behind"
prompt=$(git ls-files ":(glob)$glob" | head -1)
[ -n "$prompt" ] || { echo "no file matches '$glob' at $tip~$behind" >&2; exit 2; }
printf '\nAnswer in one paragraph.\n' >> "$prompt"
git commit -q -am "tune $prompt"
git push -q -f origin main feature

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$(git --exec-path)/git-daemon" --export-all --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$work" "$work" &
daemon=$!
for _ in $(seq 50); do git ls-remote "git://127.0.0.1:$port/origin.git" >/dev/null 2>&1 && break; sleep 0.1; done
url="git://127.0.0.1:$port/origin.git"

git clone -q --depth 1 --single-branch --branch feature "$url" "$work/ci"
git clone -q --branch feature "$url" "$work/full"
start=$(date +%s.%N)
set +e
(cd "$work/ci" && "$quill" review origin/main --format json --no-gate > "$work/ci.json" 2> "$work/ci.err")
ci_status=$?
end=$(date +%s.%N)
(cd "$work/full" && "$quill" review origin/main --format json --no-gate > "$work/full.json" 2> "$work/full.err")
full_status=$?
set -e
cat "$work/ci.err" "$work/full.err" >&2
python3 - "$work/ci.json" "$work/full.json" <<'EOF'
import json, sys
ci, full = (json.load(open(path)) for path in sys.argv[1:3])
fetched = ci.pop("fetched", [])
full.pop("fetched", None)
print("changed prompts:", len(ci["prompts"]), "| merge base:", ci["mergeBase"]["commit"][:12])
print("same report as the full clone:", "yes" if ci == full else "NO")
for line in fetched:
    print("fetched:", line)
EOF
echo "exit status: shallow clone $ci_status, full clone $full_status"
echo "shallow review took $(python3 -c "print(round($end - $start, 2))") s; shallow boundary now $(wc -l < "$work/ci/.git/shallow" 2>/dev/null || echo 0) commits"
[ "$ci_status" = "$full_status" ] && cmp -s <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("fetched",None); print(json.dumps(d,sort_keys=True))' "$work/ci.json") \
  <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("fetched",None); print(json.dumps(d,sort_keys=True))' "$work/full.json")
