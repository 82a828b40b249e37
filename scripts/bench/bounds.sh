#!/usr/bin/env bash
# Peak memory and time of Quill on the large inputs of docs/security.md ("Peak memory"): a 10.9 MB
# Markdown prompt of 150,000 lines with every line changed (`quill status`, `quill diff`), an
# 11.7 MB promptfoo results file of 18,600 rows and 11.7 MB of JSON Lines of 69,900 cases
# (`quill eval record`), all written by scripts/bench/generate-bounds-data.py; with EVALS_PYTHON set
# (a Python with OpenAI Evals installed: `pip install evals`), also an 11.6 MB log of 40,000 samples
# written by `oaieval` itself (scripts/bench/make-openai-evals-large.py, a minute or more).
#
#   scripts/bench/bounds.sh QUILL [DIR]    # QUILL: the binary to measure (a release build);
#                                          # DIR: scratch folder (default .build-bench/bounds)
#
# With AT_BOUND=1, also a promptfoo file and a JSON Lines file just under the 128 MiB bound
# (issue 14: every command on a hostile input stays under 500 MB).
#
# A command's base (the 3-line JSON Lines file) is printed first: memory figures are read above it.
# Prints one `command: peak=…KB elapsed=…s` line per run (GNU time, package `time`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
QUILL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
DIR="${2:-$ROOT/.build-bench/bounds}"
TIME=(/usr/bin/time -f "peak=%MKB elapsed=%es")

python3 "$ROOT/scripts/bench/generate-bounds-data.py" "$DIR/data" ${AT_BOUND:+--at-bound} >/dev/null

measure() {  # label, then the command; its output is dropped, GNU time's line kept
    local label="$1"
    shift
    printf '%s: ' "$label"
    "${TIME[@]}" "$@" 2>&1 >/dev/null | tail -n 1
}

repository() {  # a fresh repository at $1 with quill.yaml and prompts/
    rm -rf "$1"
    mkdir -p "$1/prompts"
    git -C "$1" init -q
    git -C "$1" config user.name Bench
    git -C "$1" config user.email bench@example.com
    (cd "$1" && "$QUILL" init >/dev/null)
}

PROMPT="$DIR/prompt-repo"
repository "$PROMPT"
cp "$DIR/data/prompt-old.md" "$PROMPT/prompts/big.md"
git -C "$PROMPT" add -A
git -C "$PROMPT" commit -qm base
cp "$DIR/data/prompt-new.md" "$PROMPT/prompts/big.md"
(cd "$PROMPT" && measure "quill status (10.9 MB prompt, all lines changed)" "$QUILL" status)
(cd "$PROMPT" && measure "quill diff (10.9 MB prompt, all lines changed)" "$QUILL" diff)

EVALS="$DIR/eval-repo"
repository "$EVALS"
echo "Answer {{question}}" >"$EVALS/prompts/p0.txt"
git -C "$EVALS" add -A
git -C "$EVALS" commit -qm base
cp "$DIR/data/promptfoo-11mb.json" "$DIR/data/cases-11mb.jsonl" "$EVALS/"
printf '{"id":"a","score":1}\n{"id":"b","score":0}\n{"id":"c","score":1}\n' >"$EVALS/base.jsonl"
(cd "$EVALS" && measure "quill eval record (base: 3 cases of JSON Lines)" "$QUILL" eval record base.jsonl --prompt prompts/p0.txt)
git -C "$EVALS" update-ref -d refs/quill/evals
(cd "$EVALS" && measure "quill eval record (11.7 MB promptfoo JSON, 18,600 rows)" "$QUILL" eval record promptfoo-11mb.json)
(cd "$EVALS" && measure "quill eval record (11.7 MB JSON Lines, 69,900 cases)" "$QUILL" eval record cases-11mb.jsonl --prompt prompts/p0.txt)
if [ -n "${EVALS_PYTHON:-}" ]; then
    [ -f "$DIR/data/openai-evals-40k.jsonl" ] || "$EVALS_PYTHON" "$ROOT/scripts/bench/make-openai-evals-large.py" "$DIR/data/openai-evals-40k.jsonl" --samples 40000 >/dev/null
    cp "$DIR/data/openai-evals-40k.jsonl" "$EVALS/"
    (cd "$EVALS" && measure "quill eval record (11.6 MB OpenAI Evals log by oaieval, 40,000 samples)" "$QUILL" eval record openai-evals-40k.jsonl --prompt prompts/p0.txt)
fi
if [ -n "${AT_BOUND:-}" ]; then
    cp "$DIR/data/promptfoo-at-bound.json" "$DIR/data/cases-at-bound.jsonl" "$EVALS/"
    git -C "$EVALS" update-ref -d refs/quill/evals
    (cd "$EVALS" && measure "quill eval record (promptfoo JSON just under 128 MiB)" "$QUILL" eval record promptfoo-at-bound.json)
    (cd "$EVALS" && measure "quill eval record (JSON Lines just under 128 MiB)" "$QUILL" eval record cases-at-bound.jsonl --prompt prompts/p0.txt)
fi
