"""The work of compare-with-git.sh (see there): quill log/blame/diff against git on one repository."""
import json
import os
import re
import subprocess
import sys

QUILL = os.environ["QUILL"]
REV = os.environ.get("REV", "HEAD")
MAX_FILES = int(os.environ.get("MAX_FILES", "0"))
DIFF_COMMITS = int(os.environ.get("DIFF_COMMITS", "3"))
BLAME_MAX_BYTES = int(os.environ.get("BLAME_MAX_BYTES", "2000000"))
SHOW = int(os.environ.get("SHOW", "5"))
PROMPT_DIRS = os.environ.get("PROMPT_DIRS", "prompt|pattern|template|agent|system")
DIFF_RENAMES = os.environ.get("DIFF_RENAMES")
PROMPT_FILE = re.compile(r"\.(prompt|prompty)$", re.I)
PROMPT_TEXT = re.compile(
    r"\.(md|txt|json|ya?ml|csv)$" if PROMPT_DIRS == "*" else r"(^|/)[^/]*(" + PROMPT_DIRS + r")[^/]*/(.*/)?[^/]+\.(md|txt|json|ya?ml|csv)$", re.I)


class GitFailed(Exception):
    """git itself gave no answer (a partial mirror's missing object, say)."""


def run(args, repo, check_git=False):
    done = subprocess.run(args, cwd=repo, capture_output=True)
    if done.returncode != 0:
        if check_git:
            raise GitFailed(done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["exit %d" % done.returncode])
        return None, done.stderr.decode(errors="replace").strip()
    return done.stdout, None


def git(repo, *args):
    out, _ = run(["git", "-c", "core.quotePath=false", *args], repo, check_git=True)
    return out.decode("utf-8", errors="surrogateescape")


def prompt_files(repo):
    names = git(repo, "ls-tree", "-r", "-z", "--name-only", REV).split("\0")
    files = sorted(n for n in names if n and (PROMPT_FILE.search(n) or PROMPT_TEXT.search(n)))
    if MAX_FILES and len(files) > MAX_FILES:
        step = len(files) / MAX_FILES
        files = [files[int(i * step)] for i in range(MAX_FILES)]
    return files


def quill_json(repo, *args):
    args = list(args)
    at = args.index("--") if "--" in args else len(args)
    out, err = run([QUILL, *args[:at], "--format", "json", *args[at:]], repo)
    if out is None:
        return None, err.splitlines()[-1] if err else "no output"
    return json.loads(out), None


def compare_log(repo, path):
    expected = git(repo, "log", "--follow", "--format=%H", REV, "--", path).split()
    data, err = quill_json(repo, "log", path, "--rev", REV)
    actual = [v["commit"] for v in data["versions"]] if data else ["error: " + err]
    return expected == actual, expected, actual


def compare_blame(repo, path):
    out = git(repo, "blame", "--porcelain", REV, "--", path)
    # porcelain names a commit's file with its first group (or every group when the commit's lines
    # come from several paths); a group without a name takes the commit's last named path
    groups, known = [], {}
    for line in out.split("\n"):
        fields = line.split(" ")
        if len(fields) >= 3 and re.fullmatch(r"[0-9a-f]{40}", fields[0]):
            groups.append([fields[0], None])
        elif line.startswith("filename "):
            groups[-1][1] = line[len("filename "):]
    expected = []
    for commit, name in groups:
        if name is not None:
            known[commit] = name
        expected.append((commit, known.get(commit)))
    data, err = quill_json(repo, "blame", path, REV)
    actual = [(l["commit"], l["originalPath"]) for l in data["lines"]] if data else [("error: " + err, None)]
    return expected == actual, expected, actual


def diff_entries_git(repo, parent, commit, path):
    # with DIFF_RENAMES both tools take the pairing from the repository's diff.renames
    pairing = [] if DIFF_RENAMES is not None else ["-M"]
    out = git(repo, "diff", *pairing, "--raw", "-z", "--abbrev=40", parent, commit)
    fields = out.split("\0")
    entries, i = [], 0
    while i < len(fields) - 1:
        meta = fields[i].split(" ")
        status = meta[4]
        old_blob, new_blob = meta[2], meta[3]
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        if path in (old, new):
            kind = {"A": "added", "D": "deleted", "M": "modified", "R": "renamed", "C": "copied", "T": "modified"}[status[0]]
            score = int(status[1:]) if status[0] in "RC" else None
            entries.append((kind, old if status[0] in "RC" else None, new, score,
                            None if status[0] == "A" else old_blob, None if status[0] == "D" else new_blob))
    return entries


def diff_entries_quill(repo, parent, commit, path):
    data, err = quill_json(repo, "diff", parent, commit, "--", path)
    if data is None:
        return [("error: " + err,)]
    return [(p["change"], p.get("oldPath"), p["path"], p.get("similarity"), p.get("fromBlob"), p.get("toBlob")) for p in data["prompts"]]


def compare_diffs(repo, path):
    """(commit, agree, git, quill) for the newest DIFF_COMMITS commits of path and its renames."""
    out = git(repo, "log", "--follow", "--name-status", "--format=%x00%H %P", REV, "--", path)
    results = []
    records = [r for r in out.split("\0") if r.strip()]
    for index, record in enumerate(records):
        lines = record.strip("\n").split("\n")
        ids = [i for i in lines[0].split(" ") if i]
        if len(ids) < 2:
            continue
        status = lines[-1].split("\t") if len(lines) > 1 else []
        renamed = bool(status) and status[0][:1] in "RC"
        if index >= DIFF_COMMITS and not renamed:
            continue
        here = status[-1] if status else path
        expected = diff_entries_git(repo, ids[1], ids[0], here)
        actual = diff_entries_quill(repo, ids[1], ids[0], here)
        # quill diff shows prompts; an unchanged rename target with identical content counts as git's
        results.append((ids[0], sorted(expected, key=str) == sorted(actual, key=str), expected, actual, here))
    return results


def first_difference(expected, actual):
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return "at %d: git %s, quill %s" % (i, e, a)
    return "lengths: git %d, quill %d (next: git %s, quill %s)" % (
        len(expected), len(actual), expected[len(actual):][:1], actual[len(expected):][:1])


def compare_blame_unless_large(repo, path):
    """compare_blame, or None (skipped) for a file larger than BLAME_MAX_BYTES at REV."""
    if int(git(repo, "cat-file", "-s", "%s:%s" % (REV, path))) > BLAME_MAX_BYTES:
        return None
    return compare_blame(repo, path)


def tally(counts, shown, kind, path, compare):
    """Counts one file's comparison under kind: agree, differ (first difference kept), skipped
    (compare gave None) or git failed."""
    try:
        result = compare()
        if result is None:
            counts[kind]["skipped"] += 1
            return
        same, expected, actual = result
        counts[kind]["agree" if same else "differ"] += 1
        if not same:
            shown[kind].append("%s: %s" % (path, first_difference(expected, actual)))
    except GitFailed as failure:
        counts[kind]["git failed"] += 1
        shown[kind].append("%s: git failed: %s" % (path, failure))


def main():
    repo = sys.argv[1]
    if DIFF_RENAMES is None:
        return compare(repo)
    # the setting is written to the repository's own config for the run, which both tools read
    previous = run(["git", "config", "--local", "diff.renames"], repo)[0]
    subprocess.run(["git", "config", "--local", "diff.renames", DIFF_RENAMES], cwd=repo, check=True)
    try:
        compare(repo)
    finally:
        restore = ["diff.renames", previous.decode().strip()] if previous else ["--unset", "diff.renames"]
        subprocess.run(["git", "config", "--local", *restore], cwd=repo, check=True)


def compare(repo):
    paths = sys.argv[2:] or prompt_files(repo)
    head = git(repo, "rev-parse", REV).strip()
    counts = {k: {"agree": 0, "differ": 0, "git failed": 0, "skipped": 0} for k in ("log", "blame", "diff")}
    shown = {"log": [], "blame": [], "diff": []}
    kinds = {}  # how often git reported each change kind in the compared diff entries
    for path in paths:
        tally(counts, shown, "log", path, lambda: compare_log(repo, path))
        tally(counts, shown, "blame", path, lambda: compare_blame_unless_large(repo, path))
        try:
            for commit, same, expected, actual, here in compare_diffs(repo, path):
                counts["diff"]["agree" if same else "differ"] += 1
                for entry in expected:
                    kinds[entry[0]] = kinds.get(entry[0], 0) + 1
                if not same:
                    shown["diff"].append("%s at %s: git %s, quill %s" % (here, commit[:10], expected, actual))
        except GitFailed as failure:
            counts["diff"]["git failed"] += 1
            shown["diff"].append("%s: git failed: %s" % (path, failure))
    setting = "" if DIFF_RENAMES is None else ", diff.renames=" + DIFF_RENAMES
    print("repository %s at %s%s: %d prompt-like files" % (repo, head, setting, len(paths)))
    for kind in ("log", "blame", "diff"):
        c = counts[kind]
        unit = "commit pairs" if kind == "diff" else "files"
        print("%-6s %d of %d %s agree; %d differ; git failed on %d; skipped %d" % (
            kind, c["agree"], c["agree"] + c["differ"], unit, c["differ"], c["git failed"], c["skipped"]))
        if kind == "diff":
            print("       git's entries: " + ", ".join("%s %d" % item for item in sorted(kinds.items())))
        for line in shown[kind][:SHOW]:
            print("  " + line)
    sys.exit(1 if any(counts[k]["differ"] for k in counts) else 0)


if __name__ == "__main__":
    main()
