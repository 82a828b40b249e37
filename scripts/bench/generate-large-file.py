#!/usr/bin/env python3
"""Generate a deterministic linear history of long, often-edited files, for the blame benchmarks.

    generate-large-file.py DIR --shape csv|long [--versions N] [--lines L] [--seed S]

Two shapes, both unlike generate-history.py's (50 prompts of 20-60 lines, 10,000 commits):

  csv   one CSV prompt collection, prompts/prompts.csv, of L rows (default 100,000, about 4 MB)
        with N versions (default 5,000): every commit edits, adds or removes one to four rows,
        new rows mostly near the end, as a prompt collection grows.
  long  four long Markdown prompts of about L lines each (default 2,500: headings, paragraphs,
        blank lines) and N commits (default 6,000), each making one to three small edits to one
        prompt (a skewed choice, so one prompt has most of the versions).

The stream goes through `git fast-import` (strictly increasing dates, deltas against the previous
version), a commit-graph is written and HEAD checked out; the repository is not repacked (`git gc`
would spend minutes on thousands of 4 MB versions). The same arguments give the same commit ids.

Idempotent: when DIR holds a repository this script made with the same arguments, nothing is done.
Prints a JSON summary (shape, path of the most edited file, its versions and lines) to stdout, also
stored in DIR/.git/quill-bench.json.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

GENERATOR_VERSION = 1

WORDS = ("answer question customer order policy refund source document ticket product language "
         "summary context reply tone short list step check error data user support agent model "
         "prompt careful brief clear friendly formal json table translate explain cite avoid keep "
         "never always include confirm flag review draft outline plan role expert writer").split()
AUTHORS = [("Ada Lovelace", "ada@example.com", "+0000"), ("Kenji Sato", "kenji@example.com", "+0900"),
           ("Maria Costa", "maria@example.com", "-0300"), ("Priya Raman", "priya@example.com", "+0530")]


def words(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def csv_row(rng, number):
    return f'"{words(rng, 1, 2).title()} {number}","{words(rng, 3, 6).capitalize()}.",{rng.choice(("TRUE", "FALSE"))}'


def markdown_line(rng, index):
    """Headings, blank lines and prose, so runs of equal lines (blank ones) are common, as in prose."""
    kind = index % 7
    if kind == 0:
        return f"## {words(rng, 1, 3).title()}"
    if kind in (1, 4):
        return ""
    return words(rng, 4, 12).capitalize() + "."


def edit_csv(rng, rows, serial):
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.45:
            rows[rng.randrange(1, len(rows))] = csv_row(rng, serial)
        elif op < 0.8:
            near_end = rng.random() < 0.6
            at = len(rows) - rng.randrange(0, 50) if near_end else rng.randrange(1, len(rows))
            rows.insert(max(1, at), csv_row(rng, serial))
        elif len(rows) > 2:
            del rows[rng.randrange(1, len(rows))]


def edit_markdown(rng, lines, serial):
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        at = rng.randrange(0, len(lines))
        if op < 0.5:
            lines[at] = markdown_line(rng, at + (1 if at % 7 in (1, 4) else 0)) or words(rng, 3, 8) + "."
        elif op < 0.8:
            lines.insert(at, markdown_line(rng, serial))
        elif len(lines) > 2:
            del lines[at]


def fast_import_stream(args, out):
    rng = random.Random(args.seed)
    if args.shape == "csv":
        paths = ["prompts/prompts.csv"]
        start = args.lines - 3 * args.versions // 8  # rows are added a little more often than removed
        files = [['"act","prompt","for_devs"'] + [csv_row(rng, i) for i in range(1, start)]]
    else:
        paths = [f"prompts/{name}.md" for name in ("agent-handbook", "support-playbook", "style-guide", "rag-answerer")]
        files = [[markdown_line(rng, i) for i in range(args.lines)] for _ in paths]
    versions = [0] * len(paths)
    time = 1_600_000_000

    def commit(message, changed):
        nonlocal time
        time += rng.randint(60, 7200)
        name, email, zone = rng.choice(AUTHORS)
        out.write(f"commit refs/heads/main\ncommitter {name} <{email}> {time} {zone}\n".encode())
        data = message.encode()
        out.write(b"data %d\n%s\n" % (len(data), data))
        for index in changed:
            content = ("\n".join(files[index]) + "\n").encode()
            out.write(b"M 100644 inline %s\ndata %d\n" % (paths[index].encode(), len(content)))
            out.write(content)
            out.write(b"\n")
            versions[index] += 1

    config = b"prompts:\n  - prompts/**\n"
    out.write(b"commit refs/heads/main\ncommitter Ada Lovelace <ada@example.com> 1600000000 +0000\ndata 3\nadd\n")
    out.write(b"M 100644 inline quill.yaml\ndata %d\n%s\n" % (len(config), config))
    commit("Add the prompts", range(len(paths)))
    for serial in range(1, args.versions):
        if args.shape == "csv":
            edit_csv(rng, files[0], args.lines + serial)
            commit(f"Update prompts.csv ({serial})", [0])
        else:
            index = min(int(rng.expovariate(1.2)), len(paths) - 1)
            edit_markdown(rng, files[index], serial)
            commit(f"Edit {os.path.basename(paths[index])} ({serial})", [index])
    hot = max(range(len(paths)), key=lambda i: versions[i])
    return {"shape": args.shape, "path": paths[hot], "versions": versions[hot], "lines": len(files[hot]),
            "commits": args.versions + 1, "files": len(paths)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--shape", choices=("csv", "long"), required=True)
    parser.add_argument("--versions", type=int)
    parser.add_argument("--lines", type=int)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    args.versions = args.versions or (5000 if args.shape == "csv" else 6000)
    args.lines = args.lines or (100_000 if args.shape == "csv" else 2500)
    key = {"generator": GENERATOR_VERSION, "shape": args.shape, "versions": args.versions, "lines": args.lines, "seed": args.seed}
    stamp = os.path.join(args.directory, ".git", "quill-bench.json")
    if os.path.exists(stamp):
        with open(stamp) as f:
            summary = json.load(f)
        if summary.get("key") == key:
            print(json.dumps(summary))
            return
    shutil.rmtree(args.directory, ignore_errors=True)
    os.makedirs(args.directory)
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    run = lambda *argv, **kw: subprocess.run(["git", "-C", args.directory, *argv], check=True, env=env, **kw)
    run("init", "-q", "-b", "main")
    importer = subprocess.Popen(["git", "-C", args.directory, "fast-import", "--quiet"], stdin=subprocess.PIPE, env=env)
    summary = fast_import_stream(args, importer.stdin)
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("generate-large-file.py: git fast-import failed")
    run("commit-graph", "write", "--reachable")
    run("checkout", "-q", "-f", "main")
    summary["key"] = key
    with open(stamp, "w") as f:
        json.dump(summary, f)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
