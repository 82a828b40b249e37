#!/usr/bin/env python3
"""Writes the repository scripts/bench/diff.sh times: one prompt at two commits, each version with
an evaluation of N cases (pass/fail, accuracy, latency, output), recorded in Quill's store with
`quill eval record` and kept as DVC metrics files (metrics/support.json, declared in dvc.yaml) with
the same per-case values, so `quill diff A B` and `dvc metrics diff A B` read the same data.

    generate-diff-data.py DIR --quill QUILL [--cases 5000]

Deterministic (fixed seed, fixed dates). Regenerated only when DIR/.bench-params differs.
"""
import argparse, json, os, random, shutil, subprocess, sys

VERSION = 1  # bump when the generator changes

PROMPTS = [
    "---\nmodel: gpt-4o\nconfig:\n  temperature: 0.7\n---\n{{role \"system\"}}\nYou are a support agent for Acme Cloud.\n"
    "Answer in three sentences or fewer.\n\n{{role \"user\"}}\nCustomer {{customer}} asks: {{question}}\n",
    "---\nmodel: gpt-4o-mini\nconfig:\n  temperature: 0.2\n---\n{{role \"system\"}}\nYou are a support agent for Acme Cloud.\n"
    "Answer in two sentences or fewer and cite the help-centre article.\n\n{{role \"user\"}}\nCustomer {{customer}} asks: {{question}}\n"
    "{{#if article}}Article: {{article}}{{/if}}\n",
]
ANSWERS = ["Your order ships tomorrow; tracking is in your email.", "I reset your API key; the old one stops in 24 hours.",
           "Refunds take 5-7 working days to reach your card.", "I'm not sure, please contact support."]


def git(repo, *args, env=None):
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, stdout=subprocess.DEVNULL)


def cases(count, accuracy, latency, seed):
    rng = random.Random(seed)
    difficulty = random.Random(7)  # shared by both versions, so results pair case by case
    rows = []
    for number in range(count):
        hard = difficulty.random()
        passed = 0.7 * hard + 0.3 * rng.random() < accuracy
        rows.append({"id": f"case-{number:05d}", "pass": passed,
                     "metrics": {"accuracy": 1 if passed else 0, "latency_ms": round(latency * (0.7 + 0.6 * rng.random()), 1)},
                     "output": ANSWERS[number % 3] if passed else ANSWERS[3]})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--quill", required=True)
    parser.add_argument("--cases", type=int, default=5000)
    options = parser.parse_args()
    params = json.dumps({"version": VERSION, "cases": options.cases})
    marker = os.path.join(options.dir, ".git", "bench-params")
    if os.path.exists(marker) and open(marker).read() == params:
        return
    shutil.rmtree(options.dir, ignore_errors=True)
    os.makedirs(os.path.join(options.dir, "prompts"))
    os.makedirs(os.path.join(options.dir, "metrics"))
    os.makedirs(os.path.join(options.dir, ".dvc"))
    repo = options.dir
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", GIT_CONFIG_NOSYSTEM="1")
    git(repo, "init", "-q", "-b", "main", env=env)
    # What `dvc init --no-scm`-free setup needs: a .dvc folder, its ignore file, and the metrics declaration.
    open(os.path.join(repo, ".dvc", "config"), "w").write("[core]\n    analytics = false\n")
    open(os.path.join(repo, ".dvc", ".gitignore"), "w").write("/config.local\n/tmp\n/cache\n")
    open(os.path.join(repo, "dvc.yaml"), "w").write("metrics:\n  - metrics/support.json\n")
    open(os.path.join(repo, "quill.yaml"), "w").write(
        "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n  latency_ms: {direction: lower}\nnotes: false\n")
    results = os.path.join(os.path.dirname(os.path.abspath(repo)), os.path.basename(repo) + "-results")
    os.makedirs(results, exist_ok=True)
    for version, (text, accuracy, latency) in enumerate([(PROMPTS[0], 0.80, 900), (PROMPTS[1], 0.83, 520)]):
        rows = cases(options.cases, accuracy, latency, seed=100 + version)
        open(os.path.join(repo, "prompts", "support.prompt"), "w").write(text)
        aggregates = {"accuracy": sum(r["metrics"]["accuracy"] for r in rows) / len(rows),
                      "latency_ms": sum(r["metrics"]["latency_ms"] for r in rows) / len(rows),
                      "pass_rate": sum(r["pass"] for r in rows) / len(rows)}
        dvc = dict(aggregates, cases={r["id"]: r["metrics"] for r in rows})
        json.dump(dvc, open(os.path.join(repo, "metrics", "support.json"), "w"), indent=1, sort_keys=True)
        date = f"@{1_750_000_000 + 3600 * version} +0000"
        git(repo, "add", "-A", env=env)
        git(repo, "commit", "-q", "-m", f"support prompt v{version + 1}", env=dict(env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date))
        path = os.path.join(results, f"v{version + 1}.json")
        json.dump({"quill": 1, "prompt": "prompts/support.prompt", "suite": "support-regression", "model": "gpt-4o-mini",
                   "cases": rows}, open(path, "w"))
        subprocess.run([options.quill, "eval", "record", path, "--commit", "HEAD"], cwd=repo, check=True, env=env,
                       stdout=subprocess.DEVNULL)
    git(repo, "gc", "-q", env=env)
    open(marker, "w").write(params)


if __name__ == "__main__":
    sys.exit(main())
