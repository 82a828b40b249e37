#!/usr/bin/env python3
"""Generate the large inputs docs/security.md measures Quill's resource bounds on.

    generate-bounds-data.py DIR [--seed S]

Writes into DIR (created; no repository is made, bounds.sh does that):

  prompt-old.md       a Markdown prompt of 150,000 lines, about 10.9 MB: headings, paragraphs,
                      list items and `{{variable}}` uses
  prompt-new.md       the same prompt with one word changed on every line (all lines changed)
  promptfoo-11mb.json promptfoo `eval -o` results of 18,600 rows (about 11.7 MB)
  cases-11mb.jsonl    JSON Lines of 69,900 per-case results (about 11.7 MB)

The same seed gives the same bytes.
"""

import argparse
import json
import os
import random

WORDS = ("answer question customer order policy refund source document ticket product language "
         "summary context reply tone short list step check error data user support agent model "
         "prompt careful brief clear friendly formal json table translate explain cite avoid keep "
         "never always include confirm flag review draft outline plan role expert writer").split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def prompt_lines(rng, count):
    lines = []
    for index in range(count):
        kind = index % 10
        if kind == 0:
            lines.append(f"## Section {index // 10}: {sentence(rng, 6)}")
        elif kind in (1, 2, 3):
            lines.append(f"- {sentence(rng, 10)} {{{{{rng.choice(WORDS)}_{index % 7}}}}}.")
        else:
            lines.append(sentence(rng, 10).capitalize() + ".")
    return lines


def changed(rng, line):
    words = line.split(" ")
    position = rng.randrange(1, len(words))
    words[position] = rng.choice(WORDS) + "s"
    return " ".join(words)


def promptfoo(rng, rows):
    results = []
    for index in range(rows):
        score = rng.random()
        results.append({
            "promptIdx": 0, "testIdx": index,
            "vars": {"question": sentence(rng, 7), "id": f"case-{index}"},
            "prompt": {"raw": sentence(rng, 6), "label": "prompts/p0.txt"},
            "provider": {"id": "openai:gpt-4o-mini", "label": ""},
            "response": {"output": sentence(rng, 6)},
            "success": score > 0.3, "score": score, "latencyMs": rng.randrange(100, 3000),
            "gradingResult": {"pass": score > 0.3, "score": score, "reason": sentence(rng, 3)},
        })
    return {"evalId": "eval-bounds", "results": {"version": 3, "timestamp": "2026-01-01T00:00:00Z",
            "results": results, "stats": {"successes": rows, "failures": 0}},
            "config": {"prompts": ["prompts/p0.txt"], "providers": ["openai:gpt-4o-mini"]}}


RESULT_BOUND = 128 << 20


def write_at_bound(rng, folder):
    """A promptfoo file and a JSON Lines file each as close under the result-file bound as rows allow."""
    sample = len(json.dumps(promptfoo(rng, 1_000), indent=1))
    rows = RESULT_BOUND * 1_000 // sample
    while True:
        text = json.dumps(promptfoo(rng, rows), indent=1)
        if len(text) <= RESULT_BOUND:
            break
        rows = rows * 995 // 1000
    with open(os.path.join(folder, "promptfoo-at-bound.json"), "w") as out:
        out.write(text)
    size = 0
    with open(os.path.join(folder, "cases-at-bound.jsonl"), "w") as out:
        for index in range(10_000_000):
            score = rng.random()
            line = json.dumps({"id": f"case-{index}", "input": sentence(rng, 9), "output": sentence(rng, 4),
                               "score": round(score, 4), "passed": score > 0.5}) + "\n"
            if size + len(line) > RESULT_BOUND:
                break
            out.write(line)
            size += len(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--at-bound", action="store_true",
                        help="also write promptfoo JSON and JSON Lines just under the 128 MiB result-file bound")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    old = prompt_lines(rng, 150_000)
    new = [changed(rng, line) for line in old]
    for name, lines in (("prompt-old.md", old), ("prompt-new.md", new)):
        with open(os.path.join(args.dir, name), "w") as out:
            out.write("\n".join(lines) + "\n")
    with open(os.path.join(args.dir, "promptfoo-11mb.json"), "w") as out:
        json.dump(promptfoo(rng, 18_600), out, indent=1)
    with open(os.path.join(args.dir, "cases-11mb.jsonl"), "w") as out:
        for index in range(69_900):
            score = rng.random()
            out.write(json.dumps({"id": f"case-{index}", "input": sentence(rng, 9), "output": sentence(rng, 4),
                                  "score": round(score, 4), "passed": score > 0.5}) + "\n")
    if args.at_bound:
        write_at_bound(rng, args.dir)
    for name in sorted(os.listdir(args.dir)):
        print(name, os.path.getsize(os.path.join(args.dir, name)))


if __name__ == "__main__":
    main()
