#!/usr/bin/env python3
"""Give a generated benchmark repository an evaluation store: one record of PROMPT per first-parent commit.

    generate-evals.py REPO PROMPT [--drops K] [--seed S]

For every commit of `git log --first-parent HEAD` in which PROMPT exists (under the path it had
there, renames followed with `git log --follow`), writes a record in Quill's storage format
(docs/storage.md, layout 3 without provenance: canonical JSON, `records/`, `by-commit/` and `by-prompt/`
index entries, each version's score summary in `scores/`, `layout.json`) with
`accuracy` = 0.80 + Gaussian noise (sd 0.01), lowered by 0.04 (four noise standard deviations)
after each of K injected drops (at the first commit that changed the prompt after each of K evenly
spaced points), all in one commit on refs/quill/evals
written with `git fast-import`. Prints a JSON summary: the number of records and the commits where
the drops start (oldest first). Idempotent: an existing refs/quill/evals is kept.
"""

import argparse
import hashlib
import json
import random
import subprocess
import sys


def git(repo, *args, data=None):
    return subprocess.run(["git", "-C", repo, *args], input=data, capture_output=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repo")
    parser.add_argument("prompt")
    parser.add_argument("--drops", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    repo, prompt = args.repo, args.prompt

    commits = git(repo, "log", "--first-parent", "--format=%H", "HEAD").decode().split()
    commits.reverse()
    paths = {prompt}
    for line in git(repo, "log", "--follow", "--name-status", "--format=", "--", prompt).decode().splitlines():
        fields = line.split("\t")
        if fields and fields[0][:1] in "RC" and len(fields) == 3:
            paths.add(fields[1])
    specs = [f"{commit}:{path}" for commit in commits for path in sorted(paths)]
    found = git(repo, "cat-file", "--batch-check=%(objectname) %(objecttype)", data=("\n".join(specs) + "\n").encode()).decode().split("\n")
    blobs = {}
    for spec, line in zip(specs, found):
        commit, path = spec.split(":", 1)
        if line.endswith(" blob") and commit not in blobs:
            blobs[commit] = (path, line.split()[0])
    evaluated = [commit for commit in commits if commit in blobs]
    # Each drop starts at the first commit from an evenly spaced point on that changed the prompt.
    changed = [i for i in range(1, len(evaluated)) if blobs[evaluated[i]][1] != blobs[evaluated[i - 1]][1]]
    drops = [evaluated[next(i for i in changed if i >= (k + 1) * len(evaluated) // (args.drops + 1))] for k in range(args.drops)]
    summary = {"records": len(evaluated), "drops": drops, "prompt": prompt}
    if git(repo, "for-each-ref", "refs/quill/evals").strip():
        print(json.dumps(summary))
        return

    def fanned(hex_id):
        return f"{hex_id[:2]}/{hex_id[2:4]}/{hex_id[4:]}"

    def canonical(value):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def inline(name, data):
        return b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data)

    rng = random.Random(args.seed)
    level, stream, summaries = 0.80, [inline("layout.json", b'{"fanout":2,"quill":1,"scores":1}')], {}
    for commit in evaluated:
        if commit in drops:
            level -= 0.04
        path, blob = blobs[commit]
        value = round(level + rng.gauss(0, 0.01), 6)
        record = canonical({"commit": commit, "metrics": {"accuracy": value}, "prompt": path, "promptBlob": blob,
                            "quill": 1, "source": "quill", "suite": "default"})
        record_id = hashlib.sha1(b"blob %d\0" % len(record) + record).hexdigest()
        for name in (f"records/{fanned(record_id)}.json", f"by-commit/{fanned(commit)}/{record_id}",
                     f"by-prompt/{fanned(blob)}/{record_id}"):
            stream.append(inline(name, record))
        summaries.setdefault(blob, {})[record_id] = canonical(
            {"commit": commit, "id": record_id, "metrics": {"accuracy": value}, "prompt": path, "suite": "default"})
    for blob, lines in summaries.items():
        stream.append(inline(f"scores/{fanned(blob)}.jsonl", b"".join(lines[rid] + b"\n" for rid in sorted(lines))))
    message = b"quill: record %d evaluation(s)\n" % len(evaluated)
    head = (b"commit refs/quill/evals\ncommitter Bench <bench@example.com> 1700000000 +0000\n"
            b"data %d\n%s\n" % (len(message), message))
    git(repo, "fast-import", "--quiet", data=head + b"".join(stream) + b"\ndone\n")
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
