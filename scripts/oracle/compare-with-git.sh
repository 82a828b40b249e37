#!/usr/bin/env bash
# Differential harness: quill against git on the prompt-like files of a real repository.
#
#   scripts/oracle/compare-with-git.sh REPO [PATH...]
#
# For every prompt-like file of REPO at REV (or the PATHs given) it compares
#   quill log P --rev REV --format json       with  git log --follow --format=%H REV -- P
#   quill blame P REV --format json           with  git blame --porcelain REV -- P
#   quill diff C^ C --format json -- P        with  git diff -M --raw C^ C  (the entries naming P;
#                                                   with DIFF_RENAMES, git diff --raw under that diff.renames)
#     for the newest DIFF_COMMITS commits of P's history and every commit that renamed or copied it
# and prints agreement counts and the first differences. Prompt-like: *.prompt, *.prompty, and
# *.md / *.txt / *.json / *.yaml / *.yml / *.csv under a folder whose name matches PROMPT_DIRS.
#
# Environment: QUILL (the binary; default .build/release/quill of this checkout), REV (HEAD),
# MAX_FILES (0 = all; otherwise an evenly spaced sample of that many), DIFF_COMMITS (3),
# BLAME_MAX_BYTES (2000000: larger files are not blamed), SHOW (5 differences printed per kind),
# PROMPT_DIRS (a case-insensitive regular expression, default prompt|pattern|template|agent|system;
# '*' takes such files in any folder), DIFF_RENAMES (unset: git diff -M; else the value written to
# REPO's diff.renames for the run, restored after, e.g. copies or false).
# A file git itself cannot answer for (missing objects in a partial mirror) is counted apart.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 REPO [PATH...]" >&2; exit 2; }
export QUILL="${QUILL:-$here/../../.build/release/quill}"
[ -x "$QUILL" ] || { echo "no quill binary at $QUILL; run 'swift build -c release' or set QUILL" >&2; exit 2; }
exec python3 "$here/compare_with_git.py" "$@"
