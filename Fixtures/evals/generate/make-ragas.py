"""Writes Fixtures/evals/ragas.csv and ragas.json: a RAGAS result as `EvaluationResult.to_pandas()` gives
it, saved with pandas' `to_csv()` (with its index column) and `to_json(orient="records")`.

Offline: `evaluate()` runs RAGAS's non-LLM metrics (string similarity, exact match) over three samples,
so no judge model or key is needed.
    python3 -m venv /tmp/rg && /tmp/rg/bin/pip install ragas "langchain-community<0.4" rapidfuzz
    /tmp/rg/bin/python Fixtures/evals/generate/make-ragas.py
"""
import os

from ragas import EvaluationDataset, evaluate
from ragas.metrics import ExactMatch, NonLLMStringSimilarity

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dataset = EvaluationDataset.from_list([
    {"user_input": "When can I get a refund?", "retrieved_contexts": ["Refunds are possible within 30 days."],
     "response": "Within 30 days.", "reference": "Within 30 days."},
    {"user_input": "Do you ship to Canada?", "retrieved_contexts": ["We ship to the US and Canada."],
     "response": "Yes, we ship to Canada.", "reference": "Yes."},
    {"user_input": "How do I reset my password?", "retrieved_contexts": ["Settings > Security > Reset password."],
     "response": "Open Settings, then Security.", "reference": "Settings > Security > Reset password."},
])
result = evaluate(dataset, metrics=[ExactMatch(), NonLLMStringSimilarity()], show_progress=False)
frame = result.to_pandas()
frame.to_csv(os.path.join(OUT, "ragas.csv"))
frame.to_json(os.path.join(OUT, "ragas.json"), orient="records")
print(frame.columns.tolist(), result)
