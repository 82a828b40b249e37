"""Writes Fixtures/evals/lm-eval/results.json and samples_quill_quiz.jsonl with lm-evaluation-harness itself
(the files it names results_<date>.json and samples_<task>_<date>.jsonl, the date dropped, and the
temporary task folder's path written as 'quill-quiz').

Offline: a task defined here over a local JSON file (no dataset download) and lm-eval's built-in
`dummy` model (random log-likelihoods, no weights), seeded by simple_evaluate; the files are the ones
lm-eval's EvaluationTracker writes for `--output_path --log_samples`.
    python3 -m venv /tmp/lm && /tmp/lm/bin/pip install lm-eval
    /tmp/lm/bin/python Fixtures/evals/generate/make-lm-eval.py
"""
import glob
import json
import os
import shutil
import tempfile

import lm_eval
from lm_eval.loggers import EvaluationTracker
from lm_eval.tasks import TaskManager

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

work = tempfile.mkdtemp()
docs = [
    {"question": "2 + 2 =", "choices": ["3", "4", "5"], "label": 1},
    {"question": "The capital of France is", "choices": ["Paris", "Rome", "Madrid"], "label": 0},
    {"question": "Water boils at (degrees Celsius)", "choices": ["50", "90", "100"], "label": 2},
    {"question": "The largest planet is", "choices": ["Mars", "Jupiter", "Venus"], "label": 1},
]
with open(os.path.join(work, "quiz.jsonl"), "w") as f:
    for doc in docs:
        f.write(json.dumps(doc) + "\n")
with open(os.path.join(work, "quill_quiz.yaml"), "w") as f:
    f.write(f"""task: quill_quiz
dataset_path: json
dataset_kwargs:
  data_files:
    test: {os.path.join(work, "quiz.jsonl")}
test_split: test
output_type: multiple_choice
doc_to_text: "{{{{question}}}}"
doc_to_target: label
doc_to_choice: choices
metric_list:
  - metric: acc
  - metric: acc_norm
""")

results = lm_eval.simple_evaluate(model="dummy", tasks=["quill_quiz"], task_manager=TaskManager(include_path=work), log_samples=True)
tracker = EvaluationTracker(output_path=os.path.join(work, "out"))
samples = results.pop("samples")
tracker.save_results_aggregated(results=results, samples=samples)
tracker.save_results_samples(task_name="quill_quiz", samples=samples["quill_quiz"])
[aggregated] = glob.glob(os.path.join(work, "out", "**", "results_*.json"), recursive=True)
[per_doc] = glob.glob(os.path.join(work, "out", "**", "samples_quill_quiz_*.jsonl"), recursive=True)
os.makedirs(os.path.join(OUT, "lm-eval"), exist_ok=True)
for source, name in [(aggregated, "results.json"), (per_doc, "samples_quill_quiz.jsonl")]:
    with open(source) as f:
        text = f.read().replace(work, "quill-quiz")  # the temporary folder's path, which would name this machine
    with open(os.path.join(OUT, "lm-eval", name), "w") as f:
        f.write(text)
shutil.rmtree(work)
print("wrote", os.path.basename(aggregated), os.path.basename(per_doc))
