#!/usr/bin/env python3
"""Eval store benchmark: batch import, a single record, and `quill log` with scores.

    eval-bench.py QUILL DATA RESULTS [--runs N] [--warmup N]

QUILL is the quill binary, DATA the cache folder (.build-bench/data, which must hold history-10k from
generate-history.py), RESULTS where eval-summary.json goes. Called by scripts/bench/eval.sh.

1. Batch import: one `quill eval record results.json` of 10,000 records (100 commits x 10 prompts x
   10 suites), each with 10 per-case results, into a fresh copy of a small repository per run.
2. Single record: `quill eval record metrics.json --prompt P` of a one-metric file, a new value per
   run, wall time including process start; on an empty store and on the store of step 1.
3. Log with scores: history-10k plus one record per prompt change of every commit (cached as
   history-10k-evals); `quill log P` against `git log --follow --format=%H -- P` for the prompt with
   the most versions, with peak RSS.

Each command runs as a child process under GNU time (/usr/bin/time, for its peak RSS), timed with
perf_counter around it. Prints a table; exits 3 when a target is missed.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BATCH_COMMITS, BATCH_PROMPTS, BATCH_SUITES, CASES = 100, 10, 10, 10
TARGET_RATE, TARGET_SINGLE_MS, TARGET_LOG_RATIO, TARGET_RSS_MB = 5000.0, 50.0, 2.0, 100.0
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", NO_COLOR="1")


def git(repo, *args, text=True):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=text, env=ENV).stdout


def timed(argv, cwd):
    """Runs argv once under GNU time; returns (wall seconds, peak RSS in MB, CPU seconds: user + system).
    Fails loudly on a non-zero exit.

    The wall time includes GNU time's own start (under a millisecond), which only overstates quill
    and git alike. RSS comes from GNU time, not wait4 here: a child forked from this (large) Python
    process would report Python's peak too.
    """
    with tempfile.NamedTemporaryFile("r") as rss, open(os.devnull, "wb") as null:
        start = time.perf_counter()
        child = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss.name, *argv], cwd=cwd, stdout=null,
                               stderr=subprocess.PIPE, env=ENV)
        elapsed = time.perf_counter() - start
        if child.returncode != 0:
            sys.exit(f"eval-bench: {' '.join(argv)} exited {child.returncode}: {child.stderr.decode()}")
        kilobytes, user, system = rss.read().split("\n")[-2].split()
        return elapsed, int(kilobytes) / 1024, float(user) + float(system)


def empty_page_cache(paths):
    """Empties the page cache before a cold run: all of it where /proc/sys/vm/drop_caches can be
    written, else the files under `paths` (lib/evict.py). Returns how it was done."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as out:
            out.write("3\n")
        return "page cache dropped before each run"
    except OSError:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "evict.py"), *paths], check=True)
        return "files of the repository and the binaries evicted before each run (drop_caches not writable)"


def series(samples):
    times = [s[0] * 1000 for s in samples]
    return {"mean_ms": statistics.mean(times), "sd_ms": statistics.stdev(times) if len(times) > 1 else 0.0,
            "min_ms": min(times), "cpu_ms": statistics.mean(s[2] * 1000 for s in samples),
            "rss_mb": max(s[1] for s in samples), "runs": len(times)}


def batch_base(data):
    """A small repository: 10 prompts, 100 commits each editing one; cached."""
    repo = os.path.join(data, "eval-batch-base")
    if os.path.exists(os.path.join(repo, ".git", "bench-done")):
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(os.path.join(repo, "prompts"))
    git(repo, "init", "-q", "-b", "main")
    for commit in range(BATCH_COMMITS):
        for prompt in range(BATCH_PROMPTS) if commit == 0 else [commit % BATCH_PROMPTS]:
            with open(os.path.join(repo, "prompts", f"p{prompt}.prompt"), "a") as out:
                out.write(f"Rule {commit}: answer {{{{question}}}} for prompt {prompt}.\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"edit {commit}")
    git(repo, "gc", "-q")
    open(os.path.join(repo, ".git", "bench-done"), "w").close()
    return repo


def batch_results(data, repo):
    path = os.path.join(data, "eval-batch-10k.json")
    commits = git(repo, "rev-list", "--reverse", "HEAD").split()
    rng = random.Random(7)
    evaluations = []
    for commit in commits:
        for prompt in range(BATCH_PROMPTS):
            for suite in range(BATCH_SUITES):
                cases = [{"id": f"case-{i}", "metrics": {"score": rng.randint(0, 100) / 100}, "pass": rng.random() < 0.8,
                          "output": f"answer {i} from prompt {prompt} at {commit[:8]}"} for i in range(CASES)]
                evaluations.append({"prompt": f"prompts/p{prompt}.prompt", "commit": commit, "suite": f"suite-{suite}",
                                    "model": "gpt-4o-mini", "cases": cases})
    with open(path, "w") as out:
        json.dump({"quill": 1, "evaluations": evaluations}, out)
    return path, len(evaluations)


def fresh_copy(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)
    return target


def bench_batch(quill, data, runs):
    base = batch_base(data)
    results, count = batch_results(data, base)
    samples = []
    for _ in range(runs):
        repo = fresh_copy(base, os.path.join(data, "eval-batch-run"))
        samples.append(timed([quill, "eval", "record", results], repo))
    stored = git(repo, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split()
    cases = git(repo, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "cases").split()
    if len(stored) != count or len(cases) != count:
        sys.exit(f"eval-bench: batch import stored {len(stored)} records and {len(cases)} case blobs, expected {count}")
    result = series(samples)
    result.update(records=count, records_per_s=count / (result["mean_ms"] / 1000))
    return result, repo


def bench_single(quill, repo, runs, warmup):
    metrics = os.path.join(repo, "..", "eval-single-metrics.json")
    rng = random.Random(11)
    before = len(git(repo, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split()) \
        if subprocess.run(["git", "-C", repo, "rev-parse", "-q", "--verify", "refs/quill/evals"], capture_output=True).returncode == 0 else 0
    samples = []
    for run in range(warmup + runs):
        with open(metrics, "w") as out:
            json.dump({"accuracy": rng.random()}, out)
        sample = timed([quill, "eval", "record", os.path.abspath(metrics), "--prompt", "prompts/p0.prompt"], repo)
        if run >= warmup:
            samples.append(sample)
    after = len(git(repo, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split())
    if after != before + warmup + runs:
        sys.exit(f"eval-bench: {warmup + runs} single records took the store from {before} to {after} records")
    return series(samples)


def binary_digest(path):
    """The SHA-256 of a file: the cache of a store is kept only for the binary that wrote it, so a
    change of the store's format (or of anything else in quill) rebuilds it."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def history_with_records(quill, data):
    """history-10k plus one record per prompt a commit adds, modifies or renames to; cached for the
    quill binary that wrote it."""
    source, repo = os.path.join(data, "history-10k"), os.path.join(data, "history-10k-evals")
    marker = os.path.join(repo, ".git", "bench-evals-done")
    key = binary_digest(quill)
    if os.path.exists(marker) and open(marker).read() == key:
        return repo
    fresh_copy(source, repo)
    log = git(repo, "log", "--format=%x01%H", "--name-status", "-M", "--diff-filter=AMR", "--", "prompts")
    rng = random.Random(5)
    evaluations = []
    for chunk in log.split("\x01")[1:]:
        lines = chunk.strip().split("\n")
        for line in lines[1:]:
            if not line.strip():
                continue
            path = line.split("\t")[-1]
            evaluations.append({"prompt": path, "commit": lines[0], "suite": "nightly", "model": "gpt-4o-mini",
                                "metrics": {"accuracy": round(rng.uniform(0.6, 0.95), 4), "latency_ms": rng.randint(200, 900)}})
    results = os.path.join(data, "history-10k-evals.json")
    with open(results, "w") as out:
        json.dump({"quill": 1, "evaluations": evaluations}, out)
    timed([quill, "eval", "record", results], repo)
    with open(marker, "w") as out:
        out.write(key)
    return repo


def bench_log(quill, data, runs, warmup):
    repo = history_with_records(quill, data)
    summary = json.load(open(os.path.join(repo, ".git", "quill-bench.json")))
    prompt = summary["most_versions"]["path"]
    expected = git(repo, "log", "--follow", "--format=%H", "--", prompt).split()
    listed = json.loads(subprocess.run([quill, "log", prompt, "--format", "json"], cwd=repo, check=True,
                                       capture_output=True, env=ENV).stdout)["versions"]
    if [v["commit"] for v in listed] != expected:
        sys.exit(f"eval-bench: quill log and git log --follow disagree for {prompt}")
    # Every version's scores are the records written for its blob, whichever commit was evaluated
    # (a prompt reverted to earlier content shares that content's records), read back exactly; a
    # version no record was written for shows none.
    evaluations = json.load(open(os.path.join(data, "history-10k-evals.json")))["evaluations"]
    blobs = subprocess.run(["git", "cat-file", "--batch-check=%(objectname)"], cwd=repo, check=True, capture_output=True, text=True,
                           input="".join(f"{e['commit']}:{e['prompt']}\n" for e in evaluations)).stdout.split()
    written = {}
    for evaluation, blob in zip(evaluations, blobs):
        written.setdefault(blob, []).append(evaluation["metrics"])
    for version in listed:
        blob_records = written.get(version.get("blob"))
        groups = version.get("scores") or []
        shown = {name: value["mean"] for group in groups for name, value in group["metrics"].items()}
        if blob_records is None and not groups:
            continue
        means = {name: sum(r[name] for r in blob_records) / len(blob_records) for name in blob_records[0]} if blob_records else {}
        if not blob_records or len(groups) != 1 or groups[0]["records"] != len(blob_records) or \
                any(abs(shown.get(name, float("nan")) - value) > 1e-9 for name, value in means.items()):
            sys.exit(f"eval-bench: quill log shows {groups} for {version['commit'][:8]} {version['path']}, "
                     f"the {len(blob_records or [])} records of its blob give {means}")
    scored = sum(1 for v in listed if v.get("scores"))
    figures = {}
    for name, argv in (("quill", [quill, "log", prompt, "--format", "json"]), ("git", ["git", "log", "--follow", "--format=%H", "--", prompt])):
        samples = [timed(argv, repo) for _ in range(warmup + runs)][warmup:]
        figures[name] = series(samples)
    for name, argv in (("quill_cold", [quill, "log", prompt, "--format", "json"]), ("git_cold", ["git", "log", "--follow", "--format=%H", "--", prompt])):
        samples = []
        for _ in range(runs):
            figures["cold_how"] = empty_page_cache([repo, quill, shutil.which("git")])
            samples.append(timed(argv, repo))
        figures[name] = series(samples)
    records = len(git(repo, "ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records").split())
    return {"prompt": prompt, "versions": len(listed), "scored_versions": scored, "store_records": records, **figures,
            "ratio": figures["quill"]["mean_ms"] / figures["git"]["mean_ms"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("quill")
    parser.add_argument("data")
    parser.add_argument("results")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    quill, data = os.path.abspath(args.quill), os.path.abspath(args.data)
    os.makedirs(args.results, exist_ok=True)

    batch, batch_repo = bench_batch(quill, data, max(3, args.runs // 2))
    empty_repo = fresh_copy(batch_base(data), os.path.join(data, "eval-single-empty"))
    single_empty = bench_single(quill, empty_repo, args.runs, args.warmup)
    single_full = bench_single(quill, batch_repo, args.runs, args.warmup)
    log = bench_log(quill, data, args.runs, args.warmup)

    checks = {
        "batch": batch["records_per_s"] >= TARGET_RATE,
        "single": max(single_empty["mean_ms"], single_full["mean_ms"]) <= TARGET_SINGLE_MS,
        "log": log["ratio"] <= TARGET_LOG_RATIO and log["quill"]["rss_mb"] <= TARGET_RSS_MB,
    }
    verdict = {True: "PASS", False: "MISS"}
    rows = [
        (f"eval record: {batch['records']:,} records x {CASES} cases, one file", batch,
         f"{batch['records_per_s']:,.0f} records/s", verdict[checks["batch"]]),
        ("eval record: one small file, empty store", single_empty, "", verdict[checks["single"]]),
        (f"eval record: one small file, store of {batch['records']:,}", single_full, "", verdict[checks["single"]]),
        (f"quill log {log['prompt']} ({log['versions']} versions, {log['scored_versions']} scored)", log["quill"],
         f"{log['ratio']:.2f}x git", verdict[checks["log"]]),
        (f"git log --follow --format=%H -- {log['prompt']}", log["git"], "", ""),
        (f"quill log {log['prompt']}, cold", log["quill_cold"], f"{log['quill_cold']['mean_ms'] / log['git_cold']['mean_ms']:.2f}x git", "info"),
        (f"git log --follow {log['prompt']}, cold", log["git_cold"], "", "info"),
    ]
    head = ("command", "mean ± sd (ms)", "min (ms)", "CPU (ms)", "rate / ratio", "peak RSS (MB)", "target")
    table = [head] + [(name, f"{s['mean_ms']:.1f} ± {s['sd_ms']:.1f}", f"{s['min_ms']:.1f}", f"{s['cpu_ms']:.0f}", extra,
                       f"{s['rss_mb']:.1f}", v) for name, s, extra, v in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    print(f"eval store: {os.cpu_count()} cores; runs {args.runs} (batch {batch['runs']}), warm-up {args.warmup}; "
          f"log store holds {log['store_records']:,} records")
    for index, row in enumerate(table):
        print("  ".join(row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i]) for i in range(len(head))).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print(f"cold rows: {log['cold_how']}")
    print(f"targets: >= {TARGET_RATE:,.0f} records/s; one record <= {TARGET_SINGLE_MS:.0f} ms; "
          f"log <= {TARGET_LOG_RATIO}x git and <= {TARGET_RSS_MB:.0f} MB -> {'all met' if all(checks.values()) else 'MISSED'}")
    json.dump({"batch": batch, "single_empty": single_empty, "single_full": single_full, "log": log, "targets_met": checks},
              open(os.path.join(args.results, "eval-summary.json"), "w"), indent=2)
    sys.exit(0 if all(checks.values()) else 3)


if __name__ == "__main__":
    main()
