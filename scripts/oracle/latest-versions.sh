#!/usr/bin/env bash
# `quill log` (every prompt's latest version) against `git log -1 -- PATH`, on a real repository.
#   scripts/oracle/latest-versions.sh QUILL REPO 'GLOB' [GLOB...]
# Clones REPO (no checkout) into a scratch folder, commits a quill.yaml naming the globs, checks every listed
# prompt's commit against git's and that every file git's `:(glob)` pathspecs match is listed; prints the
# counts and the first differences.
set -euo pipefail
quill="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; repo="$2"; shift 2
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
git clone -q --no-checkout "$repo" "$scratch/r"  # no work tree needed: quill log reads commits
cd "$scratch/r"
{ echo "prompts:"; for glob in "$@"; do echo "  - \"$glob\""; done; } > quill.yaml
# A commit adding quill.yaml, built from HEAD's top-level tree (a fetched mirror may lack large blobs).
tree="$( (git ls-tree HEAD | grep -v "$(printf '\t')quill.yaml\$" || true; printf '100644 blob %s\tquill.yaml\n' "$(git hash-object -w quill.yaml)") | git mktree --missing)"
git update-ref HEAD "$(git -c user.name=oracle -c user.email=oracle@example.com commit-tree "$tree" -p HEAD -m quill.yaml)"
"$quill" log --format json > "$scratch/latest.json"
# The files git's glob pathspecs match at HEAD, which quill must all list.
empty_tree="$(git hash-object -t tree /dev/null)"
git -c core.quotePath=false diff --no-renames --name-only "$empty_tree" HEAD -- "${@/#/:(glob)}" > "$scratch/expected.txt"
python3 - "$scratch/latest.json" "$scratch/expected.txt" <<'PY'
import json, subprocess, sys
prompts = json.load(open(sys.argv[1]))["prompts"]
missing = sorted(set(open(sys.argv[2]).read().splitlines()) - {p["path"] for p in prompts})
differ = [p["path"] for p in prompts
          if subprocess.run(["git", "log", "-1", "--format=%H", "--", p["path"]], capture_output=True, text=True).stdout.strip() != p["commit"]]
print(f"{len(prompts)} prompts, {len(prompts) - len(differ)} agree with git log -1, {len(differ)} differ, {len(missing)} not listed")
for path in differ[:5]: print("  differs:", path)
for path in missing[:5]: print("  not listed:", path)
sys.exit(1 if differ or missing else 0)
PY
