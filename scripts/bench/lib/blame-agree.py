#!/usr/bin/env python3
"""Checks that `quill blame --format json` names, for every line, the commit, original line and
original path that `git blame --porcelain` names; exits 1 with the first differing lines if not.

    blame-agree.py GIT_PORCELAIN_FILE QUILL_JSON_FILE LABEL
"""
import json
import re
import sys

git_file, quill_file, label = sys.argv[1:4]
groups, lines, known = [], [], {}
with open(git_file, encoding="utf-8", errors="replace") as f:
    for text in f:
        header = re.match(r"^([0-9a-f]{40}) (\d+) \d+( \d+)?$", text.rstrip("\n"))
        if header:
            if header.group(3):
                groups.append([None])
            lines.append((header.group(1), int(header.group(2)), groups[-1]))
        elif text.startswith("filename "):
            groups[-1][0] = text[len("filename "):].rstrip("\n")
expected = []
for commit, line, group in lines:
    if group[0]:
        known[commit] = group[0]
    expected.append((commit, line, group[0] or known[commit]))
with open(quill_file) as f:
    actual = [(l["commit"], l["originalLine"], l["originalPath"]) for l in json.load(f)["lines"]]
wrong = [i + 1 for i, (a, b) in enumerate(zip(expected, actual)) if a != b]
if len(expected) != len(actual) or wrong:
    sys.exit(f"FAIL: quill blame and git blame disagree for {label} ({len(actual)} vs {len(expected)} lines; lines {wrong[:10]})")
print(f"==> same commit, line and path as git blame for all {len(actual)} lines of {label}", file=sys.stderr)
