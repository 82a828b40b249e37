#!/usr/bin/env python3
"""Scale benchmark (issue 19): an eval store of 1,000,000 records and a monorepo of 10,000 prompts.

    scale-bench.py QUILL DATA [--commits 10000] [--prompts 20] [--suites 5] [--batch-commits 100]
                              [--mono-prompts 10000] [--mono-commits 100000] [--runs 3] [--check]

QUILL is the quill binary, DATA a cache folder. Called by scripts/bench/scale.sh.

The stores are built by a generator, not by quill: `git fast-import` streams of exactly the objects
quill writes (docs/storage.md, layout 3), so a million records take minutes. They are packed as quill
packs them: one pack of whole objects per batch, and git's geometric repack at depth 10 whenever a batch
leaves more than 16 packs (a reader of the tip's score summaries meets the delta chains a real store has). The history is linear:
COMMITS commits, each editing one of PROMPTS prompts; every commit is evaluated for every prompt on
SUITES suites (COMMITS x PROMPTS x SUITES records), one store commit per BATCH-COMMITS commits (a
batch of BATCH-COMMITS x PROMPTS x SUITES = 10,000 records). Two stores share the history: the first
batch alone (10,000 records) and all batches (1,000,000). Each figure is measured on both, side by
side. Notes (refs/notes/quill) are not generated: no measured command reads them.

--check builds a small shape, records its batches with `quill eval record` too, and exits 1
unless (a) quill's store tree is the generator's, object for object, after the first batch and after
the last, its score summaries in delta chains as deep, and (b) the answers about the
first batch's commits (`eval list --commit C`, `eval show ID`, and `blame P C --metric accuracy` from
its last commit C) are identical in the small and the large store.

Each command runs as a child under GNU time (peak RSS), timed with perf_counter around it.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

NAME, EMAIL, WHEN = "Bench", "bench@example.com", 1_700_000_000
ENV = dict(os.environ, GIT_AUTHOR_NAME=NAME, GIT_AUTHOR_EMAIL=EMAIL, GIT_COMMITTER_NAME=NAME,
           GIT_COMMITTER_EMAIL=EMAIL, GIT_COMMITTER_DATE=f"{WHEN} +0000", GIT_AUTHOR_DATE=f"{WHEN} +0000",
           NO_COLOR="1")
LAYOUT = b'{"fanout":2,"quill":1,"scores":1}'
# The store is packed as quill packs it: a batch writes one pack of whole objects (EvalStore.packedBatchSize),
# and a write that finds more than PACK_LIMIT packs consolidates them with git's geometric repack, whose delta
# chains are at most DELTA_DEPTH long (EvalStore.packLimit, Repository.consolidatePacks and maximumDeltaDepth).
PACK_LIMIT, DELTA_DEPTH = 16, 10
CONSOLIDATE = ["repack", "-d", "-q", "--geometric=2", f"--depth={DELTA_DEPTH}", "--no-write-bitmap-index"]


def git(repo, *args, text=True, stdin=None):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=text, env=ENV,
                          input=stdin).stdout


def blob_id(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def fanned(hex_id):
    return f"{hex_id[:2]}/{hex_id[2:4]}/{hex_id[4:]}"


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def timed(argv, cwd, limit=None):
    """(wall s, peak RSS MB) of one run, or (None, None) when it ran past `limit` seconds (then it is
    killed, with its children); exits on failure."""
    with tempfile.NamedTemporaryFile("r") as rss, open(os.devnull, "wb") as null:
        start = time.perf_counter()
        child = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss.name, *argv], cwd=cwd, stdout=null,
                                 stderr=subprocess.PIPE, env=ENV, start_new_session=True)
        try:
            _, stderr = child.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            return None, None
        elapsed = time.perf_counter() - start
        if child.returncode != 0:
            sys.exit(f"scale-bench: {' '.join(argv)} exited {child.returncode}: {stderr.decode()[-2000:]}")
        return elapsed, int(rss.read().split("\n")[-2]) / 1024


def best(samples):
    if any(s[0] is None for s in samples):
        return {"s": None, "mb": None, "timed_out": True}
    return {"s": statistics.median(s[0] for s in samples), "mb": max(s[1] for s in samples)}


class Stream:
    """A git fast-import stream written to a pipe: one pack of whole objects (no deltas, as quill writes a
    batch), unless `depth` lets fast-import chain each blob on the one before."""

    def __init__(self, repo, depth=0):
        self.process = subprocess.Popen(["git", "-C", repo, "-c", "fastimport.unpackLimit=0", "fast-import", "--quiet", "--done",
                                         f"--depth={depth}"],
                                        stdin=subprocess.PIPE, env=ENV)
        self.out = self.process.stdin
        self.mark = 0

    def blob(self, data):
        self.mark += 1
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)) + data + b"\n")
        return self.mark

    def commit(self, ref, message, changes, parent=None, when=WHEN):
        self.mark += 1
        message = message.encode()
        self.out.write(b"commit %s\nmark :%d\n" % (ref.encode(), self.mark))
        self.out.write(b"author %s <%s> %d +0000\n" % (NAME.encode(), EMAIL.encode(), when))
        self.out.write(b"committer %s <%s> %d +0000\n" % (NAME.encode(), EMAIL.encode(), when))
        self.out.write(b"data %d\n" % len(message) + message + b"\n")
        if parent:
            self.out.write(b"from %s\n" % parent.encode())
        for line in changes:
            self.out.write(line)
        self.out.write(b"\n")
        return self.mark

    def done(self):
        self.out.write(b"done\n")
        self.out.close()
        if self.process.wait() != 0:
            sys.exit("scale-bench: git fast-import failed")


def build_history(repo, commits, prompts, folder_width=None, config=None):
    """A linear history on main: commit 0 adds every prompt (and `config` as quill.yaml, when given),
    each later commit edits one. Returns [(commit id, {path: blob id})] when folder_width is None
    (small prompt sets), else the paths."""
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    rng = random.Random(19)
    if folder_width:
        paths = [f"prompts/team-{p // folder_width:03d}/p{p:05d}.prompt" for p in range(prompts)]
    else:
        paths = [f"prompts/p{p:02d}.prompt" for p in range(prompts)]
    contents = {path: f"Answer {{{{question}}}} for {path}.\n".encode() for path in paths}
    stream = Stream(repo)
    blobs, versions = {}, []
    for number in range(commits):
        changed = paths if number == 0 else [rng.choice(paths)]
        lines = []
        for path in changed:
            if number:
                contents[path] += f"Rule {number}: be precise.\n".encode()
            lines.append(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(contents[path])) + contents[path] + b"\n")
            if not folder_width:
                blobs[path] = blob_id(contents[path])
        if number == 0 and config:
            lines.append(b"M 100644 inline quill.yaml\ndata %d\n" % len(config) + config + b"\n")
        stream.commit("refs/heads/main", f"edit {number}", lines, when=WHEN + 60 * number)
        if not folder_width:
            versions.append(dict(blobs))
    stream.done()
    git(repo, "checkout", "-q", "-f", "main")
    ids = git(repo, "rev-list", "--reverse", "main").split()
    return list(zip(ids, versions)) if not folder_width else paths


def batch_records(history, prompts, suites, first, count):
    """The records of history[first:first+count], every prompt on every suite: [(id, blob bytes)]."""
    rng = random.Random(first)
    records = []
    for commit, blobs in history[first:first + count]:
        for path in sorted(blobs):
            for suite in range(suites):
                record = {"commit": commit, "metrics": {"accuracy": round(rng.uniform(0.6, 0.95), 4),
                                                        "latency_ms": rng.randint(200, 900)},
                          "model": "gpt-4o-mini", "prompt": path, "promptBlob": blobs[path], "quill": 1,
                          "source": "quill", "suite": f"suite-{suite}"}
                data = canonical(record)
                records.append((blob_id(data), data, record))
    return records


def results_file(path, records):
    evaluations = [{"prompt": r["prompt"], "commit": r["commit"], "suite": r["suite"], "model": r["model"],
                    "metrics": r["metrics"]} for _, _, r in records]
    with open(path, "w") as out:
        json.dump({"quill": 1, "evaluations": evaluations}, out)


def provenance(files):
    return canonical({"files": files, "recordedAt": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(WHEN)),
                      "recordedBy": f"{NAME} <{EMAIL}>"})


def record_lines(stream, rid, data, record, meta):
    """The record blob and the fast-import lines that file it, its two index entries and its provenance."""
    mark = stream.blob(data)
    paths = (f"records/{fanned(rid)}.json", f"by-commit/{fanned(record['commit'])}/{rid}",
             f"by-prompt/{fanned(record['promptBlob'])}/{rid}")
    return [b"M 100644 :%d %s\n" % (mark, path.encode()) for path in paths] + \
        [b"M 100644 :%d meta/%s.json\n" % (meta, fanned(rid).encode())]


class Summaries:
    """The score summaries (scores/ab/cd/ef....jsonl) of the prompt versions a store's batches touch:
    each version's lines so far, keyed by record id; `existing` gives a version's lines in the store
    before the first batch (none for a new store)."""

    def __init__(self, meta_id, existing=lambda blob: {}):
        self.meta_id, self.existing, self.lines = meta_id, existing, {}

    def add(self, rid, record):
        blob = record["promptBlob"]
        if blob not in self.lines:
            self.lines[blob] = self.existing(blob)
        line = {"commit": record["commit"], "id": rid, "meta": self.meta_id, "metrics": record["metrics"],
                "prompt": record["prompt"], "suite": record["suite"]}
        if "model" in record:
            line["model"] = record["model"]
        self.lines[blob].setdefault(rid, canonical(line))

    def flush(self, stream, touched):
        """The fast-import lines that write the summaries of the versions `touched`; versions not
        touched are dropped from memory (the generated histories touch a version in consecutive
        batches only)."""
        out = []
        for blob in sorted(touched):
            lines = self.lines[blob]
            mark = stream.blob(b"".join(lines[rid] + b"\n" for rid in sorted(lines)))
            out.append(b"M 100644 :%d scores/%s.jsonl\n" % (mark, fanned(blob).encode()))
        self.lines = {blob: self.lines[blob] for blob in touched}
        return out


def write_store(repo, history, prompts, suites, batch_commits, batches, files):
    """refs/quill/evals with `batches` batches, as `quill eval record FILES` writes each (layout 3): one
    pack per batch, consolidated as quill consolidates them."""
    summaries = Summaries(blob_id(provenance(files)))
    for batch in range(batches):
        stream = Stream(repo)
        meta = stream.blob(provenance(files))
        records = batch_records(history, prompts, suites, batch * batch_commits, batch_commits)
        lines = [b"M 100644 inline layout.json\ndata %d\n" % len(LAYOUT) + LAYOUT + b"\n"] if batch == 0 else []
        for rid, data, record in records:
            lines += record_lines(stream, rid, data, record, meta)
            summaries.add(rid, record)
        lines += summaries.flush(stream, {r["promptBlob"] for _, _, r in records})
        message = f"quill: record {len(records)} evaluations\n\n" + "".join(
            f"{rid} {r['prompt']} @ {r['commit'][:12]}\n" for rid, _, r in records[:50])
        stream.commit("refs/quill/evals", message, lines, parent="refs/quill/evals^0" if batch else None)
        stream.done()
        packs = [name for name in os.listdir(os.path.join(repo, ".git", "objects", "pack")) if name.endswith(".pack")]
        if len(packs) > PACK_LIMIT:
            git(repo, *CONSOLIDATE)


def store_copy(history_repo, target, history, args, batches):
    """A copy of the history repository with a generated store of `batches` batches; cached."""
    marker = os.path.join(target, ".git", f"scale-store-{batches}-quill-packs")
    if os.path.exists(marker):
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(history_repo, target, symlinks=True)
    write_store(target, history, args.prompts, args.suites, args.batch_commits, batches, ["results.json"])
    open(marker, "w").close()
    return target


def measure_store(quill, repo, history, args, label):
    """Every figure of the eval store on the repository `repo`."""
    figures = {}
    prompt = "prompts/p00.prompt"
    runs = args.runs
    # A batch of 10,000 new records (a new suite for the first batch's commits) and one record, each
    # on a fresh copy so the store stays as generated.
    scratch = repo + "-write"
    batch = [(rid, data, dict(r, suite="suite-new")) for rid, data, r in
             batch_records(history, args.prompts, args.suites, 0, args.batch_commits)]
    new_file = os.path.join(args.data, "scale-new-batch.json")
    results_file(new_file, batch)
    samples = []
    for _ in range(runs):
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(repo, scratch, symlinks=True)
        samples.append(timed([quill, "eval", "record", new_file], scratch))
    figures["batch"] = best(samples)
    single = os.path.join(args.data, "scale-single.json")
    samples = []
    for run in range(runs + 1):
        with open(single, "w") as out:
            json.dump({"accuracy": 0.5 + run / 100}, out)
        sample = timed([quill, "eval", "record", single, "--prompt", prompt], scratch)
        if run:
            samples.append(sample)
    figures["single"] = best(samples)
    shutil.rmtree(scratch, ignore_errors=True)
    for key, argv in (("log", [quill, "log", prompt]),
                      ("git_log", ["git", "log", "--follow", "--format=%H", "--", prompt]),
                      ("eval_list", [quill, "eval", "list", prompt]),
                      ("blame_metric", [quill, "blame", prompt, "--metric", "accuracy"])):
        figures[key] = best([timed(argv, repo) for _ in range(runs + 1)][1:])
    figures["log_ratio"] = figures["log"]["s"] / figures["git_log"]["s"] if figures["log"]["s"] else None
    print(f"scale-bench: measured the {label} store", file=sys.stderr)
    return figures


def measure_sync(quill, big, history, args):
    """`quill sync` of 100,000 new records (10 batches of a new suite) from a clone over git daemon:
    as the records were written to it, and again after `git gc` there."""
    remote = os.path.join(args.data, "scale-sync-remote.git")
    local = os.path.join(args.data, "scale-sync-local")
    shutil.rmtree(remote, ignore_errors=True)
    shutil.rmtree(local, ignore_errors=True)
    git(args.data, "clone", "-q", "--bare", "--no-local", big, remote)
    git(remote, "fetch", "-q", big, "refs/quill/evals:refs/quill/evals")
    shutil.copytree(big, local, symlinks=True)
    # 100,000 new records on the remote: suite-new-<n> for ten batches' commits.
    parent = git(remote, "rev-parse", "refs/quill/evals").strip()

    def existing(blob):
        """The remote store's summary of the version `blob`, by record id."""
        text = git(remote, "cat-file", "blob", f"refs/quill/evals:scores/{fanned(blob)}.jsonl", text=False)
        return {json.loads(line)["id"]: line for line in text.split(b"\n") if line}

    summaries = Summaries(blob_id(provenance(["sync.json"])), existing)
    stream = Stream(remote)
    meta = stream.blob(provenance(["sync.json"]))
    for batch in range(10):
        records = [(None, None, dict(r, suite=f"suite-sync-{batch}")) for _, _, r in
                   batch_records(history, args.prompts, 1, batch * args.batch_commits * 5, args.batch_commits * 5)]
        lines = []
        for _, _, record in records:
            data = canonical(record)
            lines += record_lines(stream, blob_id(data), data, record, meta)
            summaries.add(blob_id(data), record)
        lines += summaries.flush(stream, {r["promptBlob"] for _, _, r in records})
        stream.commit("refs/quill/evals", f"quill: record {len(records)} evaluations\n", lines, parent=parent if batch == 0 else None)
    stream.done()
    first = sync_over_daemon(quill, remote, local, args)
    new = len(git(local, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split()) - \
        len(git(big, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split())
    # As a hosting server keeps a repository: `git gc` on a bare repository writes a reachability
    # bitmap (repack.writeBitmaps), which lets the server count what to send without a walk.
    git(remote, "gc", "--quiet")
    shutil.rmtree(local)
    shutil.copytree(big, local, symlinks=True)
    served = sync_over_daemon(quill, remote, local, args)
    return {"s": first[0], "mb": first[1], "new_records": new, "after_remote_gc": {"s": served[0], "mb": served[1]}}


def sync_over_daemon(quill, remote, local, args):
    """(wall s, peak RSS MB) of `quill sync` in `local` from `remote`, served by git daemon on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    daemon = subprocess.Popen(["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                               f"--base-path={args.data}", f"--port={port}", "--listen=127.0.0.1", args.data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        return timed([quill, "sync", f"git://127.0.0.1:{port}/{os.path.basename(remote)}"], local)
    finally:
        daemon.terminate()
        daemon.wait()


def measure_monorepo(quill, args):
    # quill.yaml is committed with the prompts: review reads the globs from the base branch.
    repo = os.path.join(args.data, f"scale-mono-{args.mono_prompts}-{args.mono_commits}-config")
    marker = os.path.join(repo, ".git", "scale-done")
    teams = max(1, args.mono_prompts // 100 // 10)  # a tenth of the team folders are globbed
    if not os.path.exists(marker):
        config = "prompts:\n" + "".join(f'  - "prompts/team-{t:03d}/**"\n' for t in range(teams))
        build_history(repo, args.mono_commits, args.mono_prompts, folder_width=100, config=config.encode())
        git(repo, "repack", "-q", "-a", "-d")
        open(marker, "w").close()
    figures = {}
    for key, argv in (("log_all", [quill, "log"]), ("status", [quill, "status"]),
                      ("review", [quill, "review", "HEAD~100", "HEAD"])):
        figures[key] = best([timed(argv, repo, limit=300)] if key == "review" else
                            [timed(argv, repo) for _ in range(args.runs + 1)][1:])
    # The nearest git command: every commit that touched a globbed folder, with the files it touched.
    folders = [f"prompts/team-{t:03d}" for t in range(teams)]
    figures["git_log"] = best([timed(["git", "log", "--format=%H", "--name-only", "--"] + folders, repo) for _ in range(args.runs)])
    figures["prompts"] = args.mono_prompts
    figures["commits"] = args.mono_commits
    return figures


def answers(quill, repo, history, args):
    """What quill answers about the first batch's commits, as JSON text."""
    out = []
    for commit, _ in history[:args.batch_commits:max(1, args.batch_commits // 5)]:
        listing = subprocess.run([quill, "eval", "list", "--commit", commit, "--format", "json"], cwd=repo, check=True,
                                 capture_output=True, env=ENV).stdout
        out.append(listing.decode())
        first = json.loads(listing)["records"][0]["id"]
        out.append(subprocess.run([quill, "eval", "show", first[:12], "--format", "json"], cwd=repo, check=True,
                                  capture_output=True, env=ENV).stdout.decode())
    # A metric series ending at the first batch's last commit: the same evaluated commits in both stores.
    last = history[args.batch_commits - 1][0]
    for prompt in sorted(history[0][1])[:2]:
        for suite in ([], ["--suite", "suite-1"]):
            out.append(subprocess.run([quill, "blame", prompt, last, "--metric", "accuracy", *suite, "--format", "json"], cwd=repo,
                                      check=True, capture_output=True, env=ENV).stdout.decode())
    return out


def pack_shape(repo):
    """How a store is packed: its pack files, and the delta-chain depths of the tip's score summaries
    (the blobs `log P` reads), as {depth: count}."""
    pack_folder = os.path.join(repo, ".git", "objects", "pack")
    depth = {}
    for name in sorted(os.listdir(pack_folder)):
        if name.endswith(".idx"):
            for line in git(repo, "verify-pack", "-v", os.path.join(pack_folder, name)).splitlines():
                fields = line.split()
                if len(fields) >= 5 and fields[1] == "blob":
                    depth[fields[0]] = int(fields[5]) if len(fields) >= 7 else 0
    summaries = [depth.get(line.split()[2], 0) for line in git(repo, "ls-tree", "-r", "refs/quill/evals", "--", "scores").splitlines()]
    return {"packs": len([name for name in os.listdir(pack_folder) if name.endswith(".pack")]),
            "summary_depth_mean": round(statistics.mean(summaries), 2), "summary_depth_max": max(summaries)}


def check(quill, history_repo, history, args):
    """The generator writes what quill writes, packed as quill packs it, and answers do not depend on
    the store's size."""
    batches = args.commits // args.batch_commits
    small = store_copy(history_repo, os.path.join(args.data, "scale-check-small"), history, args, 1)
    large = store_copy(history_repo, os.path.join(args.data, "scale-check-large"), history, args, batches)
    by_quill = os.path.join(args.data, "scale-check-quill")
    shutil.rmtree(by_quill, ignore_errors=True)
    shutil.copytree(history_repo, by_quill, symlinks=True)
    failures = []
    for batch in range(batches):
        results_file(os.path.join(by_quill, "results.json"),
                     batch_records(history, args.prompts, args.suites, batch * args.batch_commits, args.batch_commits))
        subprocess.run([quill, "eval", "record", "results.json"], cwd=by_quill, check=True, env=ENV, capture_output=True)
        if batch == 0 and git(by_quill, "rev-parse", "refs/quill/evals^{tree}") != git(small, "rev-parse", "refs/quill/evals^{tree}"):
            failures.append("the generated store's tree differs from the one quill wrote for the same records")
    if git(by_quill, "rev-parse", "refs/quill/evals^{tree}") != git(large, "rev-parse", "refs/quill/evals^{tree}"):
        failures.append(f"after {batches} batches the generated store's tree differs from the one quill wrote")
    # Pack sizes differ (quill stores trees uncompressed and writes notes), so the geometric repack splits
    # them differently; what a reader meets, the delta chains of the summaries, must be alike.
    shapes = {"quill": pack_shape(by_quill), "generated": pack_shape(large)}
    if abs(shapes["quill"]["summary_depth_mean"] - shapes["generated"]["summary_depth_mean"]) > 0.5 or \
            shapes["generated"]["summary_depth_max"] > shapes["quill"]["summary_depth_max"] + 1:
        failures.append(f"the generated store's score summaries are not packed as quill packs them: {shapes}")
    if answers(quill, small, history, args) != answers(quill, large, history, args):
        failures.append("quill answers differently about the same commits in the small and the large store")
    for repo in (small, large):
        fsck = subprocess.run(["git", "-C", repo, "fsck", "--strict", "--no-progress"], capture_output=True, text=True)
        if fsck.returncode:
            failures.append(f"git fsck --strict in {os.path.basename(repo)}: {fsck.stderr[-500:]}")
    for failure in failures:
        print(f"scale-bench: {failure}", file=sys.stderr)
    print(json.dumps({"records_small": args.prompts * args.suites * args.batch_commits,
                      "records_large": args.prompts * args.suites * args.commits, "packing": shapes, "failures": failures}))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("quill")
    parser.add_argument("data")
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--prompts", type=int, default=20)
    parser.add_argument("--suites", type=int, default=5)
    parser.add_argument("--batch-commits", type=int, default=100)
    parser.add_argument("--mono-prompts", type=int, default=10_000)
    parser.add_argument("--mono-commits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", default="stores,sync,monorepo", help="which figures: stores, sync, monorepo")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    args.data = os.path.abspath(args.data)
    quill = os.path.abspath(args.quill)
    os.makedirs(args.data, exist_ok=True)
    history_repo = os.path.join(args.data, f"scale-history-{args.commits}x{args.prompts}")
    history = build_history(history_repo, args.commits, args.prompts)
    if args.check:
        return check(quill, history_repo, history, args)

    batches = args.commits // args.batch_commits
    parts = args.parts.split(",")
    report = {"records": {"small": args.prompts * args.suites * args.batch_commits,
                          "large": args.prompts * args.suites * args.commits}}
    if "stores" in parts or "sync" in parts:
        small = store_copy(history_repo, os.path.join(args.data, "scale-store-small"), history, args, 1)
        large = store_copy(history_repo, os.path.join(args.data, f"scale-store-{batches}"), history, args, batches)
    if "stores" in parts:
        report["small"] = measure_store(quill, small, history, args, "small")
        report["large"] = measure_store(quill, large, history, args, "large")
    if "sync" in parts:
        report["sync_large"] = measure_sync(quill, large, history, args)
    if "monorepo" in parts:
        report["monorepo"] = measure_monorepo(quill, args)
    report["load"] = os.getloadavg()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
