"""Writes Fixtures/evals/deepeval.json: a DeepEval test run as `deepeval.evaluate()` saves it
(DEEPEVAL_RESULTS_FOLDER's test_run_<date>.json).

Offline: two deterministic custom metrics (no LLM judge, no key, telemetry off), four test cases, one
metric raising on one case (kept with ignore_errors, as DeepEval reports a metric error).
    python3 -m venv /tmp/de && /tmp/de/bin/pip install deepeval
    /tmp/de/bin/python Fixtures/evals/generate/make-deepeval.py
"""
import glob
import os
import shutil
import tempfile

os.environ["DEEPEVAL_TELEMETRY_OPT_OUT"] = "YES"
os.environ["DEEPEVAL_RESULTS_FOLDER"] = RESULTS = tempfile.mkdtemp()
os.chdir(tempfile.mkdtemp())

from deepeval import evaluate
from deepeval.evaluate.configs import AsyncConfig, ErrorConfig
from deepeval.metrics import BaseMetric
from deepeval.test_case import LLMTestCase

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ScoredMetric(BaseMetric):
    """A metric whose score a subclass's `grade` computes, passing at 0.5."""
    threshold = 0.5

    def measure(self, test_case, *args, **kwargs):
        self.score, self.reason = self.grade(test_case)
        self.success = self.score >= self.threshold
        return self.score

    async def a_measure(self, test_case, *args, **kwargs):
        return self.measure(test_case)

    def is_successful(self):
        return self.success


class ExactMatch(ScoredMetric):
    """1 when the output equals the expected output, else 0."""
    __name__ = "Exact Match"

    def grade(self, test_case):
        same = test_case.actual_output.strip() == test_case.expected_output.strip()
        return (1.0, "exact match") if same else (0.0, "differs")


class Brevity(ScoredMetric):
    """1 for at most five words, less for longer answers; raises on an empty answer."""
    __name__ = "Brevity"

    def grade(self, test_case):
        words = len(test_case.actual_output.split())
        if words == 0:
            raise ValueError("empty output")
        return min(1.0, 5 / words), f"{words} words"


cases = [
    LLMTestCase(name="refund-window", input="How long do I have to ask for a refund?", actual_output="30 days", expected_output="30 days"),
    LLMTestCase(name="shipping-canada", input="Do you ship to Canada?", actual_output="Yes, we ship to Canada in five to seven business days, tracked.", expected_output="Yes"),
    LLMTestCase(name="reset-password", input="How do I reset my password?", actual_output="Settings > Security > Reset", expected_output="Settings > Security > Reset"),
    LLMTestCase(name="empty-answer", input="What are your opening hours?", actual_output="", expected_output="9 to 5"),
]
evaluate(test_cases=cases, metrics=[ExactMatch(), Brevity()], async_config=AsyncConfig(run_async=False),
         error_config=ErrorConfig(ignore_errors=True))
[saved] = glob.glob(os.path.join(RESULTS, "*.json"))
shutil.copyfile(saved, os.path.join(OUT, "deepeval.json"))
print("wrote deepeval.json from", os.path.basename(saved))
