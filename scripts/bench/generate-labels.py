#!/usr/bin/env python3
"""Give a benchmark repository a label moved through many versions of one prompt, on refs/quill/labels.

    generate-labels.py REPO PROMPT VERSIONS_FILE [--label production]

VERSIONS_FILE lists commits (one id a line, oldest first) at which PROMPT exists. Writes one move
per commit whose blob differs from the label's current one, exactly as `quill label set LABEL
PROMPT@COMMIT` writes it (docs/storage.md, "Labels": the value blob at `<label>/<prompt>` in
canonical JSON, one commit per move with the Quill-Label/Prompt/From/To trailers, author and
committer the mover, a minute apart after HEAD's date), through `git fast-import`, replacing any
existing refs/quill/labels. Much faster than a thousand `quill label set` processes; get.sh checks
the result through `quill label log`. Prints the number of moves.
"""

import argparse
import json
import subprocess


def git(repo, *args, data=None):
    return subprocess.run(["git", "-C", repo, *args], input=data, capture_output=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repo")
    parser.add_argument("prompt")
    parser.add_argument("versions")
    parser.add_argument("--label", default="production")
    args = parser.parse_args()
    commits = [line.strip() for line in open(args.versions) if line.strip()]
    blobs = git(args.repo, "rev-parse", *[f"{c}:{args.prompt}" for c in commits]).decode().split()
    start = int(git(args.repo, "log", "-1", "--format=%ct", "HEAD").decode()) + 60
    mover = "Bench Mover <bench@example.com>"
    stream, current, moves = [], None, 0
    for commit, blob in zip(commits, blobs):
        if current and current[0] == blob:
            continue
        when = start + 60 * moves
        value = json.dumps({"blob": blob, "commit": commit, "movedAt": when, "movedBy": mover, "quill": 1},
                           sort_keys=True, separators=(",", ":")).encode()
        short = lambda v: v[0][:7] if v else "none"
        full = lambda v: f"{v[0]} {v[1]}" if v else "none"
        message = (f"label '{args.label}' on {args.prompt}: {short(current)} -> {blob[:7]}\n\n"
                   f"Quill-Label: {args.label}\nQuill-Prompt: {args.prompt}\n"
                   f"Quill-From: {full(current)}\nQuill-To: {blob} {commit}\n").encode()
        stream += [b"blob\n", b"data %d\n" % len(value), value, b"\n",
                   b"commit refs/quill/labels\n",
                   f"author {mover} {when} +0000\ncommitter {mover} {when} +0000\n".encode(),
                   b"data %d\n" % len(message), message,
                   f"M 100644 inline {args.label}/{args.prompt}\n".encode(), b"data %d\n" % len(value), value, b"\n"]
        current, moves = (blob, commit), moves + 1
    subprocess.run(["git", "-C", args.repo, "update-ref", "-d", "refs/quill/labels"], check=False)
    git(args.repo, "fast-import", "--quiet", data=b"".join(stream))
    print(moves)


if __name__ == "__main__":
    main()
