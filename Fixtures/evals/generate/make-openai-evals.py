"""Writes Fixtures/evals/openai-evals.jsonl, openai-evals-fuzzy.jsonl and openai-evals-modelgraded.jsonl with OpenAI Evals' own `oaieval`
(the logs its LocalRecorder writes for `--record_path`).

Offline: a completion function defined here (registered through `--registry_path`, no API call) answers
from a fixed table, so some samples pass and some fail; `oaieval` runs the built-in evals `test-match`
(three samples, `match` events), `test-fuzzy-match` (three samples, `match` and `metrics` events) and
the model-graded `joke-fruits` (ten samples, `metrics` events with the judge's `choice` and `score`,
the second completion function the judge).
The spec's `registry_path` and `command`, which name this machine's folders, are replaced by the
installed package's relative registry path and the command as typed.
    python3 -m venv /tmp/oaievals-venv && /tmp/oaievals-venv/bin/pip install evals
    /tmp/oaievals-venv/bin/python Fixtures/evals/generate/make-openai-evals.py
"""
import json
import os
import subprocess
import sys
import tempfile

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OAIEVAL = os.path.join(os.path.dirname(sys.executable), "oaieval")

MODULE = '''
from evals.api import CompletionFn, CompletionResult

ANSWERS = {
    "Once upon a ": "time",
    "The first US president was ": "George Washington",
    "OpenAI was founded in 20": "16",
    "Who is the girl who plays eleven in stranger things?": "Millie Bobby Brown",
    "Who played the girl elf in the hobbit?": "Evangeline Lilly is Tauriel",
}


class TableResult(CompletionResult):
    def __init__(self, text):
        self.text = text

    def get_completions(self):
        return [self.text]


class TableCompletionFn(CompletionFn):
    """Answers a chat prompt's last message from ANSWERS; anything else gets 'I do not know'."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def __call__(self, prompt, **kwargs):
        question = prompt[-1]["content"] if isinstance(prompt, list) else prompt
        return TableResult(ANSWERS.get(question, "I do not know"))


class JokeCompletionFn(CompletionFn):
    """Writes a joke or a plain line for joke-fruits, and grades them as its model-graded judge:
    a joke is funny ('Yes'), a plain line is not ('No'), a mango line leaves it 'Unsure'."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def __call__(self, prompt, **kwargs):
        text = prompt if isinstance(prompt, str) else " ".join(str(m.get("content", "")) for m in prompt)
        if "Is the following funny?" in text:
            verdict = "Unsure" if "mango" in text else "Yes" if "blushed" in text else "No"
            return TableResult(f"Reasoning: read the line.\\n{verdict}")
        fruit = text.rsplit(" ", 1)[-1]
        if "funny" in text:
            return TableResult(f"The {fruit} blushed: it saw the salad dressing.")
        return TableResult(f"The {fruit} is a fruit.")
'''

work = tempfile.mkdtemp()
registry = os.path.join(work, "registry")
os.makedirs(os.path.join(registry, "completion_fns"))
with open(os.path.join(work, "quill_table.py"), "w") as f:
    f.write(MODULE)
with open(os.path.join(registry, "completion_fns", "quill.yaml"), "w") as f:
    f.write("quill-table:\n  class: quill_table:TableCompletionFn\n")
    f.write("quill-jokes:\n  class: quill_table:JokeCompletionFn\n")
    f.write("quill-judge:\n  class: quill_table:JokeCompletionFn\n")

env = dict(os.environ, PYTHONPATH=work, OPENAI_API_KEY="sk-dummy")
RUNS = [
    ("quill-table", "test-match", "openai-evals.jsonl"),
    ("quill-table", "test-fuzzy-match", "openai-evals-fuzzy.jsonl"),
    ("quill-jokes,quill-judge", "joke-fruits", "openai-evals-modelgraded.jsonl"),
]
for completion_fns, eval_name, name in RUNS:
    record = os.path.join(work, name)
    args = [completion_fns, eval_name, "--registry_path", registry, "--record_path", record]
    run = subprocess.run([OAIEVAL, *args], cwd=work, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr)
    with open(record) as f:
        lines = [json.loads(line) for line in f if line.strip()]
    config = lines[0]["spec"]["run_config"]
    config["command"] = " ".join(["oaieval", *args]).replace(work + "/", "")
    config["eval_spec"]["registry_path"] = "evals/registry"
    with open(os.path.join(OUT, name), "w") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")
    print("wrote", name, "with", len(lines), "lines")
