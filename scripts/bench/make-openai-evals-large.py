#!/usr/bin/env python3
"""Writes a large OpenAI Evals log with OpenAI Evals' own `oaieval`, for bounds.sh's memory figures.

    make-openai-evals-large.py OUT.jsonl [--samples N]    # run with the Python that has `evals` installed

Offline, as Fixtures/evals/generate/make-openai-evals.py: a completion function defined here (no API
call) answers from the question's words, so about two thirds of the samples match; `oaieval` runs the
built-in `Match` eval class over N generated chat samples (default 20,000, about 11 MB of log) and
writes the log its LocalRecorder writes for `--record_path`. The same N gives the same samples.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

MODULE = '''
from evals.api import CompletionFn, CompletionResult


class WordResult(CompletionResult):
    def __init__(self, text):
        self.text = text

    def get_completions(self):
        return [self.text]


class LastWordFn(CompletionFn):
    """Answers with the question's last word, or 'unsure' when the question ends in a number."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def __call__(self, prompt, **kwargs):
        question = prompt[-1]["content"] if isinstance(prompt, list) else prompt
        word = question.rstrip("?").rsplit(" ", 1)[-1]
        return WordResult("unsure" if word.isdigit() else word)
'''

WORDS = ("answer question customer order policy refund source document ticket product language "
         "summary context reply tone short list step check error data user support agent model").split()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--samples", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(14)
    work = tempfile.mkdtemp()
    registry = os.path.join(work, "registry")
    for folder in ("completion_fns", "evals"):
        os.makedirs(os.path.join(registry, folder))
    with open(os.path.join(work, "quill_bounds.py"), "w") as f:
        f.write(MODULE)
    with open(os.path.join(registry, "completion_fns", "quill.yaml"), "w") as f:
        f.write("quill-last-word:\n  class: quill_bounds:LastWordFn\n")
    samples = os.path.join(work, "samples.jsonl")
    with open(samples, "w") as f:
        for index in range(args.samples):
            words = [rng.choice(WORDS) for _ in range(8)]
            if index % 3 == 2:
                words[-1] = str(index)
            question = "Which word ends this line: " + " ".join(words) + "?"
            ideal = words[-1] if index % 3 != 2 else rng.choice(WORDS)
            f.write(json.dumps({"input": [{"role": "system", "content": "Answer with one word."},
                                          {"role": "user", "content": question}], "ideal": ideal}) + "\n")
    with open(os.path.join(registry, "evals", "quill.yaml"), "w") as f:
        f.write("quill-bounds:\n  id: quill-bounds.dev.v0\n  metrics: [accuracy]\n")
        f.write(f"quill-bounds.dev.v0:\n  class: evals.elsuite.basic.match:Match\n  args:\n    samples_jsonl: {samples}\n")
    oaieval = os.path.join(os.path.dirname(sys.executable), "oaieval")
    env = dict(os.environ, PYTHONPATH=work, OPENAI_API_KEY="sk-dummy", EVALS_SHOW_EVAL_PROGRESS="")
    run = subprocess.run([oaieval, "quill-last-word", "quill-bounds", "--registry_path", registry,
                          "--record_path", os.path.abspath(args.out)], cwd=work, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr[-2000:])
    print("wrote", args.out, os.path.getsize(args.out), "bytes")


if __name__ == "__main__":
    main()
