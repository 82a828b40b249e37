"""Writes the two JSON Lines collections scripts/bench/drift.sh compares: N documents a side
(default 100,000), each 2-5 sentences of 5-25 words drawn from a Zipf-like vocabulary of 20,000
made-up words; B draws 10% of its words from 2,000 words A never uses and has slightly longer
sentences. Deterministic (seeded). Prints, as JSON, the counts Quill must report: documents,
words and sentences per side.

Usage: generate-drift-data.py FOLDER [--documents N]
"""
import argparse
import json
import random
from itertools import accumulate
from pathlib import Path

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "do", "ga", "bi", "zu", "fe", "ho"]


def words(rng, count, prefix):
    made = set()
    while len(made) < count:
        made.add(prefix + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(made)


def side(path, rng, vocabulary, weights, documents, extra=None, longer=0):
    cumulative = list(accumulate(weights))
    counts = {"documents": documents, "words": 0, "sentences": 0}
    with open(path, "w", encoding="utf-8") as out:
        for _ in range(documents):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                length = rng.randint(5, 25 + longer)
                chosen = rng.choices(vocabulary, cum_weights=cumulative, k=length)
                if extra:
                    chosen = [rng.choice(extra) if rng.random() < 0.1 else word for word in chosen]
                chosen[0] = chosen[0].capitalize()
                sentences.append(" ".join(chosen) + rng.choice([".", ".", ".", "?", "!"]))
                counts["words"] += length
                counts["sentences"] += 1
            out.write(json.dumps({"id": counts["sentences"], "text": " ".join(sentences)}) + "\n")
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--documents", type=int, default=100_000)
    arguments = parser.parse_args()
    folder = Path(arguments.folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    vocabulary = words(rng, 20_000, "")
    extra = words(rng, 2_000, "x")
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    a = side(folder / "a.jsonl", rng, vocabulary, weights, arguments.documents)
    b = side(folder / "b.jsonl", rng, vocabulary, weights, arguments.documents, extra=extra, longer=3)
    print(json.dumps({"a": a, "b": b}))


if __name__ == "__main__":
    main()
