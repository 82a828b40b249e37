#!/usr/bin/env python3
"""Writes the repository scripts/bench/review.sh times: a pull request (branch `feature`) that
changes P prompts of `main`, each side with a promptfoo results file of C per-case results spread
over the prompts (recorded with `quill eval record`), and the same per-prompt values as DVC metrics
(metrics/<prompt>.json, declared in dvc.yaml) and DVC params (params.yaml: each prompt's model
settings), and each prompt's per-case accuracy as a DVC plots file (plots/<prompt>.json, one
{"case", "accuracy"} row per case), so `quill review main feature`, `dvc metrics diff main feature`,
`dvc params diff main feature` and `dvc plots diff main feature --targets plots` (dvc's HTML report)
read the same branch pair.

    generate-review-data.py DIR --quill QUILL [--prompts 200] [--cases 5000]

Deterministic (fixed seeds, fixed dates). Regenerated only when DIR/.git/bench-params differs.
"""
import argparse, json, os, random, shutil, subprocess, sys

VERSION = 2  # bump when the generator changes


def git(repo, *args, env=None):
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, stdout=subprocess.DEVNULL)


def prompt_text(index, revised):
    lines = [f"You are support agent #{index} for Acme Cloud.", "Answer the customer's question.",
             "Cite the help-centre article." if not revised else "Skip the citations.", "Be polite and brief.",
             "Customer {{customer}} asks: {{question}}"]
    if revised:
        lines.insert(3, f"Mention plan tier {index % 4} when it matters.")
    return "\n".join(lines) + "\n"


def promptfoo(prompts, cases, side, rng):
    """promptfoo's `eval --output results.json`: one row per prompt and test, promptIdx per prompt."""
    per_prompt = cases // prompts
    rows = []
    metrics = {}
    for index in range(prompts):
        path = f"prompts/p{index:03d}.txt"
        # Every fifth prompt loses accuracy on the head; the rest move within noise.
        base_rate = 0.9
        rate = base_rate - (0.3 if side == "head" and index % 5 == 0 else 0.0)
        passes = []
        for test in range(per_prompt):
            passed = rng.random() < rate
            passes.append(passed)
            rows.append({"promptIdx": index, "testIdx": test, "success": passed, "score": 1 if passed else 0,
                         "namedScores": {"accuracy": 1 if passed else 0}, "provider": {"id": "openai:gpt-4o-mini"},
                         "prompt": {"raw": "…", "label": f"{path}: support"}, "vars": {"question": f"q{test}"},
                         "response": {"output": f"answer {test}"}})
        metrics[path] = {"accuracy": sum(passes) / len(passes), "cases": {f"t{n}": {"accuracy": int(p)} for n, p in enumerate(passes)}}
    document = {"evalId": f"bench-{side}", "results": {"version": 3, "timestamp": "2025-01-01T00:00:00Z", "results": rows, "prompts": []},
                "config": {"description": "support", "prompts": [f"file://prompts/p{i:03d}.txt" for i in range(prompts)]}}
    return document, metrics


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--quill", required=True)
    parser.add_argument("--prompts", type=int, default=200)
    parser.add_argument("--cases", type=int, default=5000)
    options = parser.parse_args()
    params = json.dumps({"version": VERSION, "prompts": options.prompts, "cases": options.cases})
    marker = os.path.join(options.dir, ".git", "bench-params")
    if os.path.exists(marker) and open(marker).read() == params:
        return
    shutil.rmtree(options.dir, ignore_errors=True)
    repo = options.dir
    for folder in ("prompts", "metrics", "plots", ".dvc"):
        os.makedirs(os.path.join(repo, folder))
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", GIT_CONFIG_NOSYSTEM="1")
    git(repo, "init", "-q", "-b", "main", env=env)
    open(os.path.join(repo, ".dvc", "config"), "w").write("[core]\n    analytics = false\n")
    open(os.path.join(repo, ".dvc", ".gitignore"), "w").write("/config.local\n/tmp\n/cache\n")
    open(os.path.join(repo, "dvc.yaml"), "w").write(
        "params:\n  - params.yaml\nmetrics:\n" + "".join(f"  - metrics/p{i:03d}.json\n" for i in range(options.prompts)))
    open(os.path.join(repo, "quill.yaml"), "w").write(
        "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher, min: 0.7, max_drop: 0.05}\nnotes: false\n")
    results = os.path.join(os.path.dirname(os.path.abspath(repo)), os.path.basename(repo) + "-results")
    os.makedirs(results, exist_ok=True)
    rng = random.Random(11)
    for side, revised, date in (("base", False, 1_750_000_000), ("head", True, 1_750_003_600)):
        if side == "head":
            git(repo, "checkout", "-q", "-b", "feature", env=env)
        document, metrics = promptfoo(options.prompts, options.cases, side, rng)
        settings = {}
        for index in range(options.prompts):
            path = f"prompts/p{index:03d}.txt"
            open(os.path.join(repo, path), "w").write(prompt_text(index, revised))
            json.dump(metrics[path], open(os.path.join(repo, "metrics", f"p{index:03d}.json"), "w"), indent=1, sort_keys=True)
            json.dump([{"case": case, "accuracy": value["accuracy"]} for case, value in metrics[path]["cases"].items()],
                      open(os.path.join(repo, "plots", f"p{index:03d}.json"), "w"), indent=1)
            settings[f"p{index:03d}"] = {"model": "gpt-4o-mini", "temperature": 0.2 if revised else 0.7}
        open(os.path.join(repo, "params.yaml"), "w").write(
            "".join(f"{name}:\n  model: {value['model']}\n  temperature: {value['temperature']}\n" for name, value in settings.items()))
        stamp = f"@{date} +0000"
        git(repo, "add", "-A", env=env)
        git(repo, "commit", "-q", "-m", f"prompts ({side})", env=dict(env, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp))
        path = os.path.join(results, f"{side}.json")
        json.dump(document, open(path, "w"))
        subprocess.run([options.quill, "eval", "record", path, "--commit", "HEAD"], cwd=repo, check=True, env=env,
                       stdout=subprocess.DEVNULL)
    git(repo, "gc", "-q", env=env)
    open(marker, "w").write(params)


if __name__ == "__main__":
    sys.exit(main())
