"""Writes Fixtures/evals/mlflow.json: the `eval_results_table.json` artifact that `mlflow.evaluate()`
logs (a pandas "split" table: `columns` and `data`), and Fixtures/evals/mlflow.csv: the same table,
`result.tables["eval_results_table"]`, saved with pandas' `to_csv(index=False)`.

Offline: a static dataset (predictions given as a column, no model called), a local SQLite tracking
store, and two metrics made with `mlflow.metrics.make_metric` (no judge model, no download).
    python3 -m venv /tmp/mf && /tmp/mf/bin/pip install mlflow
    /tmp/mf/bin/python Fixtures/evals/generate/make-mlflow.py
"""
import os
import shutil
import tempfile

import mlflow
import pandas as pd
from mlflow.metrics import MetricValue, make_metric

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp()
mlflow.set_tracking_uri("sqlite:///" + os.path.join(work, "mlflow.db"))
mlflow.set_experiment("quill-fixture")


def exact(predictions, targets):
    scores = [float(p.strip() == t.strip()) for p, t in zip(predictions, targets)]
    return MetricValue(scores=scores, aggregate_results={"mean": sum(scores) / len(scores)})


def overlap(predictions, targets):
    scores = [len(set(p.lower().split()) & set(t.lower().split())) / len(set(t.lower().split())) for p, t in zip(predictions, targets)]
    return MetricValue(scores=scores, aggregate_results={"mean": sum(scores) / len(scores)})


data = pd.DataFrame({
    "inputs": ["When can I get a refund?", "Do you ship to Canada?", "How do I reset my password?"],
    "ground_truth": ["Within 30 days", "Yes", "Settings > Security > Reset"],
    "outputs": ["Within 30 days", "Yes, in five days", "Open Settings then Security"],
})
with mlflow.start_run() as run:
    result = mlflow.evaluate(data=data, predictions="outputs", targets="ground_truth", evaluators="default",
                             extra_metrics=[make_metric(eval_fn=exact, greater_is_better=True, name="exact"),
                                            make_metric(eval_fn=overlap, greater_is_better=True, name="overlap")])
    path = mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="eval_results_table.json", dst_path=work)
shutil.copyfile(path, os.path.join(OUT, "mlflow.json"))
result.tables["eval_results_table"].to_csv(os.path.join(OUT, "mlflow.csv"), index=False)
shutil.rmtree(work)
print(result.metrics)
