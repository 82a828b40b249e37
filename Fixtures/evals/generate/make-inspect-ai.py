"""Writes Fixtures/evals/inspect-ai.json, inspect-ai.eval and inspect-ai-zstd.eval with Inspect AI's own
log writer. Current Inspect compresses .eval members with Zstandard (ZIP method 93); older releases
used deflate, which inspect-ai.eval is written with (the writer's compression switched back to
deflate here); inspect-ai-zstd.eval is the current default.

Run offline with a mock model (no network, no API key):
    python3 -m venv /tmp/inspect && /tmp/inspect/bin/pip install inspect-ai
    /tmp/inspect/bin/python Fixtures/evals/generate/make-inspect-ai.py
Three samples, two epochs, the built-in `match()` scorer (C/I) and a numeric scorer.
"""
import os
import shutil
import tempfile
import zipfile

from inspect_ai import Task, eval as inspect_eval
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import Score, Target, match, mean, scorer
from inspect_ai.solver import TaskState, generate
from inspect_ai._util.zipfile import zipfile_compress_kwargs

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)


@scorer(metrics=[mean()])
def brevity():
    """1 for a one-word answer, less for longer ones."""
    async def score(state: TaskState, target: Target) -> Score:
        return Score(value=1 / len(state.output.completion.split()))
    return score


def task() -> Task:
    samples = [
        Sample(id="add-2-2", input="What is 2 + 2? Answer with the number.", target="4"),
        Sample(id="capital-fr", input="What is the capital of France? One word.", target="Paris"),
        Sample(id="add-3-5", input="What is 3 + 5? Answer with the number.", target="8"),
    ]
    return Task(dataset=samples, solver=generate(), scorer=[match(), brevity()], name="arithmetic_and_capitals")


def model():
    answers = ["4", "Paris", "The answer is 9", "4", "It is Paris", "8"]
    outputs = [ModelOutput.from_content(model="mockllm/model", content=a) for a in answers]
    for output in outputs:  # usage given, so the mock does not fetch a tokenizer to count tokens
        output.usage = ModelUsage(input_tokens=12, output_tokens=len(output.completion.split()), total_tokens=12 + len(output.completion.split()))
    return get_model("mockllm/model", custom_outputs=outputs)


zstd = dict(zipfile_compress_kwargs)
for fmt, name, compression in [("json", "inspect-ai.json", zstd), ("eval", "inspect-ai.eval", {"compression": zipfile.ZIP_DEFLATED, "compresslevel": 6}),
                               ("eval", "inspect-ai-zstd.eval", zstd)]:
    zipfile_compress_kwargs.update(compression)
    log_dir = tempfile.mkdtemp()
    [log] = inspect_eval(task(), model=model(), epochs=2, log_dir=log_dir, log_format=fmt, display="none")
    assert log.status == "success", log.error
    shutil.copyfile(log.location, os.path.join(OUT, name))
    shutil.rmtree(log_dir)
    print("wrote", name)
