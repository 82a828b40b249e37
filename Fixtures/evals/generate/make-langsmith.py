"""Writes Fixtures/evals/langsmith.csv and langsmith.jsonl: a LangSmith experiment as
`ExperimentResults.to_pandas()` flattens it (langsmith's own `_flatten_experiment_results`), saved with
pandas' `to_csv` and `to_json(orient="records", lines=True)`.

Offline: the runs, examples and feedback are built here with langsmith's schemas (no server, no key):
three dataset examples, one answered with an error; each row's `id` is its run, new in every
experiment, while `example_id` names the example and so pairs experiments.
    python3 -m venv /tmp/ls && /tmp/ls/bin/pip install langsmith pandas
    /tmp/ls/bin/python Fixtures/evals/generate/make-langsmith.py
"""
import datetime
import os
import uuid

import pandas as pd
from langsmith import schemas
from langsmith.evaluation._runner import _flatten_experiment_results
from langsmith.evaluation.evaluator import EvaluationResult, EvaluationResults

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START = datetime.datetime(2025, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
EXAMPLES = [
    ("7f3c2a10-0000-4000-8000-000000000001", "How do I reset my password?", "Use Settings > Security > Reset."),
    ("7f3c2a10-0000-4000-8000-000000000002", "Can I get a refund after 30 days?", "No, refunds close after 30 days."),
    ("7f3c2a10-0000-4000-8000-000000000003", "Do you ship to Canada?", "Yes, in 5-7 business days."),
]


def rows(experiment: int, answers, scores):
    out = []
    for (example_id, question, reference), answer, (correct, concise) in zip(EXAMPLES, answers, scores):
        example = schemas.Example(id=uuid.UUID(example_id), dataset_id=uuid.UUID(int=7), inputs={"question": question},
                                  outputs={"answer": reference}, created_at=START)
        error = None if answer is not None else "RateLimitError: 429 Too Many Requests"
        run = schemas.Run(id=uuid.uuid5(uuid.UUID(example_id), f"run-{experiment}"), name="target", run_type="chain",
                          start_time=START, end_time=START + datetime.timedelta(seconds=1.5),
                          inputs={"question": question}, outputs=None if answer is None else {"output": answer},
                          error=error, reference_example_id=uuid.UUID(example_id), trace_id=uuid.uuid4())
        results = [] if answer is None else [EvaluationResult(key="correctness", score=correct), EvaluationResult(key="concise", score=concise)]
        out.append({"run": run, "example": example, "evaluation_results": EvaluationResults(results=results)})
    return out


experiment = rows(1, ["Go to Settings > Security and choose Reset.", "Refunds are only possible within 30 days.", None],
                  [(1, True), (1, False), (None, None)])
frame = pd.DataFrame(_flatten_experiment_results(experiment))
frame.to_csv(os.path.join(OUT, "langsmith.csv"), index=False)
frame.to_json(os.path.join(OUT, "langsmith.jsonl"), orient="records", lines=True, default_handler=str)
print(frame.columns.tolist())
