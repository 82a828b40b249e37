#!/usr/bin/env bash
# `quill log` (every prompt's latest version) against `git log -1 -- PATH`, on a real repository.
#   scripts/oracle/latest-versions.sh QUILL REPO 'GLOB' [GLOB...]
# Clones REPO (no checkout) into a scratch folder, commits a quill.yaml naming the globs, and checks every listed
# prompt's commit against git's; prints the counts and the first differences.
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
python3 - "$scratch/latest.json" <<'PY'
import json, subprocess, sys
prompts = json.load(open(sys.argv[1]))["prompts"]
differ = [p["path"] for p in prompts
          if subprocess.run(["git", "log", "-1", "--format=%H", "--", p["path"]], capture_output=True, text=True).stdout.strip() != p["commit"]]
print(f"{len(prompts)} prompts, {len(prompts) - len(differ)} agree with git log -1, {len(differ)} differ")
for path in differ[:5]: print("  differs:", path)
sys.exit(1 if differ else 0)
PY
