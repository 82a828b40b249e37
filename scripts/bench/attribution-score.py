#!/usr/bin/env python3
"""Scores Quill's and Otava's regression attribution on the same generated histories.

    attribution-score.py QUILL_JSONL OTAVA_JSON_LINES

QUILL_JSONL: one line per history from AttributionBench (truth and Quill's answer). OTAVA_JSON_LINES:
`otava analyze --output json` for the same series, one JSON object per test. Prints a markdown table
per shape group: histories, exact, among candidates (ambiguous answers holding the culprit), exact
or among, precision of named culprits, false alarms per 1,000 noise-only commits, and Quill's
slowest attribution.
"""

import json
import sys
from collections import defaultdict


def quill_answer(history):
    """(named culprits, [candidates of ambiguous answers], regressions) as Quill reported them."""
    named, ambiguous = [], []
    for regression in history["regressions"]:
        if regression["culprit"] and (not regression["ambiguous"] or regression["culprit"] == history["merge"]):
            named.append((regression["culprit"], set(regression["candidates"])))
        elif regression["ambiguous"]:
            ambiguous.append(set(regression["candidates"]))
    return named, ambiguous, len(history["regressions"])


def otava_answer(history, otava):
    """Otava names the first bad evaluated commit of each change in the bad direction."""
    named = []
    count = 0
    for group in otava.get(history["id"], []):
        for change in group["changes"]:
            if float(change["forward_change_percent"]) < 0:
                count += 1
                named.append((group["attributes"]["commit"], set()))
    return named, [], count


def score(histories, answer):
    tally = defaultdict(float)
    for history in histories:
        named, ambiguous, count = answer(history)
        tally["histories"] += 1
        if history["culprit"] is None:
            tally["false_alarms"] += count
            tally["noise_commits"] += history["commits"]
            continue
        tally["regressions"] += 1
        truth, merge = history["culprit"], history["merge"]
        right = [c for c, listed in named if c == truth or (merge and c == merge and (truth in listed or not listed))]
        tally["named"] += len(named)
        tally["named_right"] += len(right)
        if right:
            tally["exact"] += 1
        elif any(truth in listed or (merge and merge in listed) for listed in ambiguous):
            tally["among"] += 1
    return tally


def rate(numerator, denominator):
    return f"{numerator / denominator:.2f}" if denominator else "–"


def main():
    histories = [json.loads(line) for line in open(sys.argv[1])]
    otava = {}
    for line in open(sys.argv[2]):
        line = line.strip()
        if line.startswith("{"):
            otava.update(json.loads(line))
    groups = defaultdict(list)
    for history in histories:
        groups[history["shape"].rsplit("-", 1)[0] + f" ({history['commits']} commits, {history['points']} points)"].append(history)
    print("| shape | histories | tool | exact | among candidates | exact or among | named-culprit precision | false alarms / 1,000 |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    totals = {"quill": defaultdict(float), "otava": defaultdict(float)}
    for name in sorted(groups, key=lambda n: (n.startswith("noise"), n)):
        members = groups[name]
        for tool, answer in (("quill", quill_answer), ("otava", lambda h: otava_answer(h, otava))):
            t = score(members, answer)
            for key, value in t.items():
                totals[tool][key] += value
            print(f"| {name} | {len(members)} | {tool} | {rate(t['exact'], t['regressions'])} | {rate(t['among'], t['regressions'])} | "
                  f"{rate(t['exact'] + t['among'], t['regressions'])} | {rate(t['named_right'], t['named'])} | "
                  f"{rate(1000 * t['false_alarms'], t['noise_commits']) if t['noise_commits'] else '–'} |")
    for tool, t in totals.items():
        print(f"| **all** | {int(t['histories'])} | {tool} | {rate(t['exact'], t['regressions'])} | {rate(t['among'], t['regressions'])} | "
              f"{rate(t['exact'] + t['among'], t['regressions'])} | {rate(t['named_right'], t['named'])} | "
              f"{rate(1000 * t['false_alarms'], t['noise_commits'])} |")
    slowest = max(histories, key=lambda h: h["seconds"])
    print(f"\nslowest quill attribution: {slowest['seconds'] * 1000:.0f} ms ({slowest['id']}, {slowest['points']} evaluated commits)")


main()
