#!/usr/bin/env python3
"""Times two commands side by side, alternating (quill, git, quill, git, ...) so both see the same
load: wall time, CPU time (user + system, from the child's resource usage, to the microsecond where
GNU time prints hundredths of a second) and peak resident memory of each run.

    side-by-side.py --runs N --label LABEL --cwd DIR [--prepare SHELL_COMMAND] QUILL_ARGV... ::: GIT_ARGV...

With --prepare, the shell command runs before every run, untimed (a cold-cache row: see bench_cold
in common.sh).

Prints one JSON object: label, runs, the 1-minute load average before and after, and for each side
the minimum and median of wall seconds, CPU seconds and peak RSS (MiB), plus the ratios quill/git
of the minima and of the medians. Output of the commands goes to /dev/null.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(argv, cwd, prepare):
    if prepare:
        subprocess.run(prepare, shell=True, check=True, stdout=subprocess.DEVNULL)
    start = time.monotonic()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, argv)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def summary(samples):
    columns = list(zip(*samples))
    return {name: {"min": min(column), "median": statistics.median(column)}
            for name, column in zip(("wall_s", "cpu_s", "rss_mib"), columns)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--prepare")
    parser.add_argument("argv", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    split = args.argv.index(":::")
    quill_argv, git_argv = args.argv[:split], args.argv[split + 1:]
    load_before = os.getloadavg()[0]
    samples = {"quill": [], "git": []}
    for _ in range(args.runs):
        samples["quill"].append(run(quill_argv, args.cwd, args.prepare))
        samples["git"].append(run(git_argv, args.cwd, args.prepare))
    result = {"label": args.label, "runs": args.runs, "load_before": load_before, "load_after": os.getloadavg()[0]}
    for side in samples:
        result[side] = summary(samples[side])
    result["ratio"] = {name: {stat: result["quill"][name][stat] / max(result["git"][name][stat], 1e-9) for stat in ("min", "median")}
                       for name in ("wall_s", "cpu_s", "rss_mib")}
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
