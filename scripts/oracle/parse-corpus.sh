#!/usr/bin/env bash
# Runs quill over every prompt file in a folder and counts, per format, the files it read, refused and
# crashed on. DIR is left as it is: its prompt files are copied into a scratch repository under
# prompts/ (same relative paths) and committed; each is then read with
# `quill show --format json HEAD:prompts/FILE` (parsed: a prompt; refused: an error naming the file,
# or exit 2 with one line; crashed: any other exit), and `quill status` runs once over them all.
#
#   scripts/oracle/parse-corpus.sh DIR [QUILL [PATHSPEC…]]      QUILL defaults to .build/debug/quill
#
# With PATHSPECs (DIR a git work tree), only the tracked files they match and its checkout has are taken, e.g.
# `parse-corpus.sh fabric .build/debug/quill data/patterns` or `… dotprompt .build/debug/quill '*.prompt'`.
# Prints `format parsed refused crashed` per format and a total; with QUILL_CORPUS_VERBOSE=1 it also
# prints each refusal and crash. Prompt files: .prompt .prompty .md .markdown .mdx .txt .json .yml .yaml .toml.
set -euo pipefail
dir=$(cd "${1:?usage: parse-corpus.sh DIR [QUILL [PATHSPEC…]]}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
quill=$(realpath "${2:-$root/.build/debug/quill}")
shift $(($# < 2 ? $# : 2))
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

repo=$scratch/repo
git init -q "$repo"
if (($#)); then
    git -C "$dir" ls-files -z -- "$@" | tr '\0' '\n' \
        | grep -iE '\.(prompt|prompty|md|markdown|mdx|txt|json|yml|yaml|toml)$' | tr '\n' '\0' >"$scratch/files" || true
else
    (cd "$dir" && find . -type f \( -name '*.prompt' -o -name '*.prompty' -o -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \
        -o -name '*.txt' -o -name '*.json' -o -name '*.yml' -o -name '*.yaml' -o -name '*.toml' \) \
        -not -path './.git/*' -print0) >"$scratch/files"
fi
while IFS= read -r -d '' file; do
    # A fetched mirror may lack its largest objects: a file its checkout does not have is left out.
    [[ -f "$dir/$file" ]] || { echo "not in the checkout, left out: $file" >&2; continue; }
    mkdir -p "$repo/prompts/$(dirname "$file")"
    cp "$dir/$file" "$repo/prompts/$file"
done <"$scratch/files"
cd "$repo"
git add -A prompts
GIT_AUTHOR_NAME=corpus GIT_AUTHOR_EMAIL=corpus@example.com GIT_COMMITTER_NAME=corpus GIT_COMMITTER_EMAIL=corpus@example.com \
    git -c commit.gpgsign=false commit -q -m corpus

status=0
"$quill" status --format json >"$scratch/status.json" 2>"$scratch/status.err" || status=$?
: >"$scratch/results"
git ls-files -z prompts | while IFS= read -r -d '' path; do
    code=0
    "$quill" show --format json "HEAD:$path" >"$scratch/out.json" 2>"$scratch/err.txt" || code=$?
    printf '%s\t%s\t%s\t%s\n' "$path" "$code" "$(tr '\n\t' '  ' <"$scratch/err.txt")" \
        "$(python3 -c 'import json,sys
try:
    entry = json.load(open(sys.argv[1]))["prompts"][0]
    print("error:" + entry["error"] if entry.get("error") else "format:" + entry["prompt"]["format"])
except Exception as error:
    print("unreadable:" + type(error).__name__)' "$scratch/out.json")" >>"$scratch/results"
done

python3 - "$scratch/results" "$status" <<'PY'
import collections, os, sys
verbose = os.environ.get("QUILL_CORPUS_VERBOSE") == "1"
counts = collections.defaultdict(lambda: [0, 0, 0])
def family(path):
    name = path.lower()
    if name.endswith((".prompt.yml", ".prompt.yaml")): return "githubModels"
    extension = name.rsplit(".", 1)[-1]
    return {"prompt": "dotprompt", "prompty": "prompty", "md": "markdown", "markdown": "markdown", "mdx": "mdx", "txt": "text",
            "json": "json", "yml": "yaml", "yaml": "yaml", "toml": "toml"}.get(extension, extension)
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    path, code, stderr, outcome = line.rstrip("\n").split("\t", 3)
    kind = family(path)
    if code == "0" and outcome.startswith("format:"):
        counts[kind][0] += 1
    elif (code == "0" and outcome.startswith("error:")) or (code == "2" and stderr.count("error:") == 1):
        counts[kind][1] += 1
        if verbose: print(f"refused  {path}: {outcome[6:] if code == '0' else stderr}")
    else:
        counts[kind][2] += 1
        if verbose: print(f"crashed  {path}: exit {code} {stderr[:200]}")
print(f"{'format':<14}{'parsed':>8}{'refused':>9}{'crashed':>9}")
total = [0, 0, 0]
for kind in sorted(counts):
    parsed, refused, crashed = counts[kind]
    total = [a + b for a, b in zip(total, counts[kind])]
    print(f"{kind:<14}{parsed:>8}{refused:>9}{crashed:>9}")
print(f"{'total':<14}{total[0]:>8}{total[1]:>9}{total[2]:>9}")
print(f"quill status over all of them: exit {sys.argv[2]}")
PY
