#!/usr/bin/env python3
"""Generate a large, deterministic git history of prompt files for benchmarks.

    generate-history.py DIR [--commits N] [--prompts P] [--seed S]

Writes a repository to DIR with N commits (default 10,000) over P prompt files
(default 50) under prompts/, in five formats (.prompt, .prompty, .md, .json,
.prompt.yml), each 20-60 lines. The first commit adds quill.yaml, a few
non-prompt files and every prompt; every later commit makes small line edits to
1-3 prompts (a skewed choice, so some prompts have thousands of versions), and
now and then touches a non-prompt file. A handful of commits rename a prompt
(some exactly, some with a small edit; one prompt is renamed twice), and two
short side branches are merged back with --no-ff style merge commits.

The stream goes through `git fast-import` (blobs and commits with marks,
strictly increasing dates), then the repository is packed with `git gc` and
HEAD is checked out. The same arguments always give the same commit ids.

Idempotent: when DIR already holds a repository made by this script with the
same parameters and HEAD has N commits, nothing is done.

Prints a JSON summary (counts, the prompt with the most versions, the renamed
prompts with their paths) to stdout, and also stores it in DIR/.git/quill-bench.json.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time

GENERATOR_VERSION = 1

AREAS = ["support", "sales", "rag", "agents", "evals", "marketing", "internal", ""]
NAMES = [
    "answer", "triage", "summarise", "classify", "rewrite", "translate", "extract-entities",
    "refund-policy", "escalation", "onboarding", "faq", "tone-check", "release-notes",
    "sql-writer", "code-review", "meeting-notes", "churn-risk", "lead-score", "email-reply",
    "product-copy", "search-rerank", "citation-check", "guardrail", "planner", "tool-router",
    "judge", "grader", "outline", "headline", "persona", "apology", "order-status",
    "shipping-delay", "invoice-explainer", "kb-writer", "bug-report", "changelog",
    "sentiment", "pii-redactor", "json-fixer", "title-case", "follow-up", "welcome",
    "cancellation", "upsell", "nps-summary", "survey-coder", "handoff", "recap", "glossary",
    "style-guide", "qa-check", "doc-answer", "ticket-router", "intent",
]
FORMATS = [".prompt", ".prompty", ".md", ".json", ".prompt.yml"]
MODELS = ["gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet", "gemini-1.5-flash", "gemini-1.5-pro", "llama-3.1-70b"]
AUTHORS = [
    ("Ada Lovelace", "ada@example.com", "+0000"),
    ("Grace Hopper", "grace@example.com", "-0500"),
    ("Linus Svensson", "linus@example.com", "+0100"),
    ("Priya Raman", "priya@example.com", "+0530"),
    ("Kenji Sato", "kenji@example.com", "+0900"),
    ("Maria Costa", "maria@example.com", "-0300"),
]
VERBS = ["Answer", "Reply", "Explain", "Summarise", "List", "Check", "Quote", "Cite", "Avoid", "Prefer",
         "Ask", "Mention", "Keep", "Use", "Never reveal", "Always include", "Confirm", "Flag"]
OBJECTS = ["the customer's question", "the order number", "the relevant policy", "the source document",
           "internal notes", "pricing details", "the refund window", "a short apology", "the next step",
           "the ticket category", "the product name", "the user's language", "a follow-up question",
           "the shipping estimate", "personal data", "the error message", "the retrieved passages"]
QUALIFIERS = ["in {n} sentences or fewer", "before anything else", "when the user is frustrated",
              "only if it is in the context", "using plain words", "in a numbered list",
              "unless asked otherwise", "with at most {n} bullet points", "in under {n} words",
              "when confidence is below 0.{n}", "for enterprise accounts", "in a friendly tone",
              "if the request is ambiguous", "as JSON", "with a link to the help centre"]
NON_PROMPT_FILES = ["README.md", "src/app.py", "src/client.py", "tests/test_app.py", "evals/cases.csv", "docs/guide.md"]

MIN_LINES, MAX_LINES = 20, 60


def sentence(rng):
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
    return text.replace("{n}", str(rng.randint(2, 99)))


class Prompt:
    def __init__(self, rng, path, fmt, index):
        self.path = path
        self.fmt = fmt
        self.title = path.rsplit("/", 1)[-1].split(".")[0].replace("-", " ").title()
        self.model = rng.choice(MODELS)
        self.temperature = rng.choice([0, 0.1, 0.2, 0.3, 0.5, 0.7])
        self.max_tokens = rng.choice([256, 512, 800, 1024])
        self.index = index
        target = rng.randint(MIN_LINES + 4, MAX_LINES - 8)
        self.body = [sentence(rng) for _ in range(max(4, target - self.overhead()))]
        self.versions = 1
        self.paths = [path]

    def overhead(self):
        return len(self.render_lines([]))

    def render_lines(self, body):
        t, m, k, title = self.temperature, self.model, self.max_tokens, self.title
        if self.fmt == ".prompt":
            return ["---", f"model: googleai/{m}", "config:", f"  temperature: {t}", f"  maxOutputTokens: {k}",
                    "input:", "  schema:", "    customer: string", "    question: string", "---",
                    '{{role "system"}}', f"You are the {title} assistant (prompt #{self.index})."] + body + [
                    "", '{{role "user"}}', "Customer {{customer}} asks: {{question}}"]
        if self.fmt == ".prompty":
            return ["---", f"name: {title}", f"description: {title} prompt #{self.index}", "model:", "  api: chat",
                    "  configuration:", "    type: azure_openai", f"    azure_deployment: {m}", "  parameters:",
                    f"    max_tokens: {k}", f"    temperature: {t}", "inputs:", "  question:", "    type: string",
                    "---", "system:", f"You are the {title} assistant."] + body + ["", "user:", "{{question}}"]
        if self.fmt == ".md":
            return ["---", f"model: {m}", f"temperature: {t}", "---", f"# {title} (prompt #{self.index})", "",
                    "Follow these rules:", ""] + [f"- {line}" for line in body] + ["", "Input:", "", "{{input}}"]
        if self.fmt == ".json":
            def esc(s):
                return s.replace("\\", "\\\\").replace('"', '\\"')
            return (["{", f'  "model": "{m}",', f'  "temperature": {t},', f'  "max_tokens": {k},', '  "messages": [',
                     f'    {{ "role": "system", "content": "You are the {esc(title)} assistant (prompt #{self.index})." }},']
                    + [f'    {{ "role": "system", "content": "{esc(line)}" }},' for line in body]
                    + ['    { "role": "user", "content": "{{input}}" }', "  ]", "}"])
        if self.fmt == ".prompt.yml":
            return ([f"name: {title}", f"description: {title} prompt #{self.index}", f"model: openai/{m}",
                     "modelParameters:", f"  temperature: {t}", f"  max_tokens: {k}", "messages:", "  - role: system",
                     "    content: |", f"      You are the {title} assistant."]
                    + [f"      {line}" for line in body]
                    + ["", "  - role: user", '    content: "{{input}}"'])
        raise ValueError(self.fmt)

    def render(self):
        return ("\n".join(self.render_lines(self.body)) + "\n").encode()

    def edit(self, rng):
        """A small line edit: replace, insert or delete one line, or change the temperature."""
        total = len(self.render_lines(self.body))
        roll = rng.random()
        if roll < 0.08:
            old = self.temperature
            while self.temperature == old:
                self.temperature = rng.choice([0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9])
            return "tune temperature"
        if roll < 0.30 and total < MAX_LINES:
            self.body.insert(rng.randint(0, len(self.body)), sentence(rng))
            return "add a rule"
        if roll < 0.42 and total > MIN_LINES and len(self.body) > 4:
            del self.body[rng.randrange(len(self.body))]
            return "drop a rule"
        i = rng.randrange(len(self.body))
        old = self.body[i]
        while self.body[i] == old:
            self.body[i] = sentence(rng)
        return "reword a rule"


class Stream:
    """Writes a fast-import stream."""

    def __init__(self, out):
        self.out = out
        self.mark = 0
        self.blob_marks = {}

    def _data(self, payload):
        self.out.write(b"data %d\n" % len(payload))
        self.out.write(payload)
        self.out.write(b"\n")

    def blob(self, payload):
        known = self.blob_marks.get(payload)
        if known:
            return known
        self.mark += 1
        self.out.write(b"blob\nmark :%d\n" % self.mark)
        self._data(payload)
        self.blob_marks[payload] = self.mark
        return self.mark

    def commit(self, ref, author, when, message, parents, changes):
        self.mark += 1
        name, email, tz = author
        self.out.write(f"commit {ref}\nmark :{self.mark}\n".encode())
        self.out.write(f"author {name} <{email}> {when} {tz}\n".encode())
        self.out.write(f"committer {name} <{email}> {when} {tz}\n".encode())
        self._data(message.encode())
        if parents:
            self.out.write(f"from :{parents[0]}\n".encode())
            for parent in parents[1:]:
                self.out.write(f"merge :{parent}\n".encode())
        for change in changes:
            if change[0] == "M":
                self.out.write(f"M 100644 :{change[2]} {change[1]}\n".encode())
            else:
                self.out.write(f"D {change[1]}\n".encode())
        self.out.write(b"\n")
        return self.mark


def non_prompt_content(path, revision):
    if path.endswith(".py"):
        return f"# {path}\nVERSION = {revision}\n\n\ndef main():\n    return VERSION\n".encode()
    if path.endswith(".csv"):
        return ("input,expected\n" + "".join(f"case {i},label {i % 3}\n" for i in range(revision % 40 + 3))).encode()
    return f"# {path}\n\nRevision {revision} of this document.\n".encode()


def plan_paths(rng, count):
    names = rng.sample(NAMES, count) if count <= len(NAMES) else [f"{rng.choice(NAMES)}-{i}" for i in range(count)]
    paths = []
    for i, name in enumerate(names):
        area = AREAS[i % len(AREAS)]
        fmt = FORMATS[i % len(FORMATS)]
        paths.append(("prompts/" + (area + "/" if area else "") + name + fmt, fmt))
    return paths


def generate(stream, args):
    rng = random.Random(args.seed)
    prompts = [Prompt(rng, path, fmt, i) for i, (path, fmt) in enumerate(plan_paths(rng, args.prompts))]
    # Skewed popularity: prompt i is edited with weight 1/(i+1)^0.7, after a seeded shuffle.
    order = list(range(len(prompts)))
    rng.shuffle(order)
    weights = [0.0] * len(prompts)
    for rank, i in enumerate(order):
        weights[i] = 1.0 / (rank + 1) ** 0.7
    hot = order[0]
    renamed_twice = order[1]

    n = args.commits
    when = 1_672_531_200  # 2023-01-01T00:00:00Z
    non_prompt_revision = {p: 0 for p in NON_PROMPT_FILES}

    def tick():
        nonlocal when
        when += rng.randint(120, 5400)
        return when

    def write_prompt(p):
        return ("M", p.path, stream.blob(p.render()))

    # Commit 1: quill.yaml, non-prompt files, every prompt.
    changes = [("M", "quill.yaml", stream.blob(b"prompts:\n  - prompts/**\n"))]
    for path in NON_PROMPT_FILES:
        changes.append(("M", path, stream.blob(non_prompt_content(path, 0))))
    changes += [write_prompt(p) for p in prompts]
    tip = stream.commit("refs/heads/main", AUTHORS[0], tick(), "Initial prompts and quill.yaml\n", [], changes)
    made = 1

    # Renames: (commit index, prompt, new path builder, with edit?)
    def moved(p, area):
        base = p.path.rsplit("/", 1)[-1]
        return f"prompts/{area}/{base}"

    def renamed_name(p, suffix):
        directory, base = p.path.rsplit("/", 1)
        stem, ext = base.split(".", 1)
        return f"{directory}/{stem}-{suffix}.{ext}"

    renames = {
        int(n * 0.12): (renamed_twice, lambda p: moved(p, "legacy"), False),
        int(n * 0.25): (order[3], lambda p: renamed_name(p, "v2"), False),
        int(n * 0.41): (hot, lambda p: moved(p, "core"), True),
        int(n * 0.55): (order[7], lambda p: moved(p, "shared"), True),
        int(n * 0.63): (renamed_twice, lambda p: renamed_name(p, "next"), True),
        int(n * 0.86): (order[12], lambda p: renamed_name(p, "old"), False),
    }
    # Side branches: (fork at commit index, number of side commits, main commits during the window).
    sides = {int(n * 0.33): (4, 3), int(n * 0.77): (5, 4)}
    side_prompts_plan = {int(n * 0.33): [hot, order[5]], int(n * 0.77): [renamed_twice, order[9]]}

    def edit_commit(candidates, ref, parents, also_non_prompt=True, excluded_files=()):
        k = min(len(candidates), rng.choice([1, 1, 1, 2, 2, 3]))
        chosen = []
        pool = list(candidates)
        pool_weights = [weights[i] for i in pool]
        for _ in range(k):
            i = rng.choices(range(len(pool)), pool_weights)[0]
            chosen.append(pool.pop(i))
            pool_weights.pop(i)
        changes = []
        verbs = []
        for i in chosen:
            verbs.append(prompts[i].edit(rng))
            prompts[i].versions += 1
            changes.append(write_prompt(prompts[i]))
        if also_non_prompt and rng.random() < 0.05:
            path = rng.choice([p for p in NON_PROMPT_FILES if p not in excluded_files])
            non_prompt_revision[path] += 1
            changes.append(("M", path, stream.blob(non_prompt_content(path, non_prompt_revision[path]))))
        subject = f"{prompts[chosen[0]].title}: {verbs[0]}"
        if len(chosen) > 1:
            subject += f" (+{len(chosen) - 1} more)"
        body = "\n\nEdited: " + ", ".join(prompts[i].path for i in chosen) + "\n"
        return stream.commit(ref, rng.choice(AUTHORS), tick(), subject + body, parents, changes)

    everyone = list(range(len(prompts)))
    while made < n:
        if made in renames and made + 1 < n:
            i, new_path_of, with_edit = renames[made]
            p = prompts[i]
            old = p.path
            p.path = new_path_of(p)
            p.paths.append(p.path)
            if with_edit:
                p.edit(rng)
            p.versions += 1
            subject = f"Rename {old.rsplit('/', 1)[-1]} to {p.path[len('prompts/'):]}" + (" and tweak it" if with_edit else "")
            tip = stream.commit("refs/heads/main", rng.choice(AUTHORS), tick(), subject + "\n",
                                [tip], [("D", old), write_prompt(p)])
            made += 1
            continue
        if made in sides and made + sum(sides[made]) + 1 <= n:
            side_count, main_count = sides[made]
            side_set = side_prompts_plan[made]
            side_file = "docs/guide.md"
            fork = tip
            side_tip = fork
            main_candidates = [i for i in everyone if i not in side_set]
            steps = ["side"] * side_count + ["main"] * main_count
            rng.shuffle(steps)
            if steps[0] != "side":
                steps.remove("side")
                steps.insert(0, "side")
            side_changes = {}
            for step in steps:
                if step == "side":
                    side_tip = edit_commit(side_set, "refs/heads/main", [side_tip], also_non_prompt=False)
                    for i in side_set:
                        side_changes[prompts[i].path] = prompts[i]
                else:
                    tip = edit_commit(main_candidates, "refs/heads/main", [tip], excluded_files=(side_file,))
                made += 1
            # The side branch also edits a non-prompt file.
            non_prompt_revision[side_file] += 1
            side_tip = stream.commit("refs/heads/main", rng.choice(AUTHORS), tick(), "Update the guide\n", [side_tip],
                                     [("M", side_file, stream.blob(non_prompt_content(side_file, non_prompt_revision[side_file])))])
            made += 1
            merge_changes = [write_prompt(p) for p in side_changes.values()]
            merge_changes.append(("M", side_file, stream.blob(non_prompt_content(side_file, non_prompt_revision[side_file]))))
            tip = stream.commit("refs/heads/main", rng.choice(AUTHORS), tick(), "Merge branch 'side-work'\n",
                                [tip, side_tip], merge_changes)
            made += 1
            continue
        if rng.random() < 0.03:
            path = rng.choice(NON_PROMPT_FILES)
            non_prompt_revision[path] += 1
            tip = stream.commit("refs/heads/main", rng.choice(AUTHORS), tick(), f"Update {path}\n", [tip],
                                [("M", path, stream.blob(non_prompt_content(path, non_prompt_revision[path])))])
        else:
            tip = edit_commit(everyone, "refs/heads/main", [tip])
        made += 1

    stream.out.write(b"reset refs/heads/main\nfrom :%d\n\n" % tip)
    ranked = sorted(prompts, key=lambda p: -p.versions)
    return {
        "generator": GENERATOR_VERSION,
        "seed": args.seed,
        "commits": n,
        "prompts": len(prompts),
        "most_versions": {"path": prompts[hot].path, "versions_upper_bound": prompts[hot].versions,
                          "paths": prompts[hot].paths},
        "renamed": [{"path": p.path, "paths": p.paths, "versions_upper_bound": p.versions}
                    for p in ranked if len(p.paths) > 1],
    }


def git(directory, *argv, **kwargs):
    return subprocess.run(["git", "-C", directory, *argv], check=True, **kwargs)


def existing_summary(directory, args):
    stamp = os.path.join(directory, ".git", "quill-bench.json")
    if not os.path.exists(stamp):
        return None
    try:
        with open(stamp) as f:
            summary = json.load(f)
        count = subprocess.run(["git", "-C", directory, "rev-list", "--count", "HEAD"], check=True,
                               capture_output=True, text=True).stdout.strip()
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None
    same = (summary.get("generator") == GENERATOR_VERSION and summary.get("seed") == args.seed
            and summary.get("commits") == args.commits and summary.get("prompts") == args.prompts)
    return summary if same and count == str(args.commits) else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--prompts", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()
    if args.commits < 100:
        parser.error("--commits must be at least 100")
    if not 5 <= args.prompts <= len(NAMES):
        parser.error(f"--prompts must be between 5 and {len(NAMES)}")

    directory = os.path.abspath(args.directory)
    summary = existing_summary(directory, args)
    if summary:
        print(f"generate-history: {directory} is up to date ({args.commits} commits)", file=sys.stderr)
        print(json.dumps(summary, indent=2))
        return
    if os.path.exists(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)
    started = time.monotonic()
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main", directory], check=True, env=env)
    importer = subprocess.Popen(["git", "-C", directory, "fast-import", "--quiet", "--done"],
                                stdin=subprocess.PIPE, env=env)
    stream = Stream(importer.stdin)
    summary = generate(stream, args)
    importer.stdin.write(b"done\n")
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("generate-history: git fast-import failed")
    git(directory, "gc", "--quiet", env=env)
    git(directory, "reset", "--quiet", "--hard", "main", env=env)
    count = subprocess.run(["git", "-C", directory, "rev-list", "--count", "HEAD"], check=True,
                           capture_output=True, text=True).stdout.strip()
    if count != str(args.commits):
        sys.exit(f"generate-history: expected {args.commits} commits, got {count}")
    with open(os.path.join(directory, ".git", "quill-bench.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"generate-history: wrote {count} commits to {directory} in {time.monotonic() - started:.1f}s",
          file=sys.stderr)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
