"""The SciPy oracle of `quill drift`: computes, with SciPy itself, the statistics Quill must agree
with, and writes them to expected.json (committed; the Swift tests compare with tolerance).

For each corpus pair (see make_corpora.py) it tokenises the texts on its own, simply, by the rules
docs/drift.md documents for the characters these corpora use, counts words, bigrams and
trigrams within sentences, and computes:
  - the Jensen-Shannon divergence of the word, bigram and trigram distributions as
    scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2 (SciPy returns the distance, the
    square root of the divergence; Quill reports the divergence, in bits);
  - the out-of-vocabulary rate of B against A;
  - scipy.stats.ks_2samp(lengths_a, lengths_b, method='auto') of the sentence lengths.
It also runs ks_2samp on synthetic samples (stored as histograms) chosen to reach each branch of
SciPy's computation: exact (equal and unequal sizes) and asymptotic (kstwo.sf through the Durbin
matrix, Pelz-Good, Smirnov's sum, and the n <= 140 branch).

Run through make-expected.sh, which makes a virtual environment with SciPy from PyPI.
"""
import json
import sys
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp

HERE = Path(__file__).resolve().parent
PAIRS = ["identical", "mild", "clear", "scripts"]
TERMINATORS = set(".!?。！？")


def is_katakana(ch):
    o = ord(ch)
    return 0x30A0 <= o <= 0x30FA or 0x30FC <= o <= 0x30FF


def is_single(ch):
    o = ord(ch)
    return 0x3040 <= o <= 0x309F or unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def is_word(ch):
    return (ch.isalnum() or unicodedata.category(ch).startswith("M")) and not is_katakana(ch) and not is_single(ch)


def sentences(text):
    """Lists of lower-cased words, one list a sentence."""
    result, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if is_single(ch):
            current.append(ch)
            i += 1
        elif is_katakana(ch) or is_word(ch):
            same = is_katakana if is_katakana(ch) else is_word
            j = i + 1
            while j < len(text) and (same(text[j]) or (text[j] == "'" and j + 1 < len(text) and same(text[j + 1]) and same is is_word)):
                j += 1
            current.append(text[i:j].lower())
            i = j
        else:
            if ch in TERMINATORS or ch == "\n":
                if current:
                    result.append(current)
                current = []
            i += 1
    if current:
        result.append(current)
    return result


def profile(name):
    words, bigrams, trigrams, lengths = Counter(), Counter(), Counter(), []
    for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        for sentence in sentences(json.loads(line)["text"]):
            lengths.append(len(sentence))
            words.update(sentence)
            bigrams.update(zip(sentence, sentence[1:]))
            trigrams.update(zip(sentence, sentence[1:], sentence[2:]))
    return words, bigrams, trigrams, lengths


def divergence(a, b):
    keys = sorted(set(a) | set(b))
    p = np.array([a.get(k, 0) for k in keys], dtype=float)
    q = np.array([b.get(k, 0) for k in keys], dtype=float)
    return float(jensenshannon(p, q, base=2) ** 2)


def ks(first, second):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = ks_2samp(first, second, method="auto")
    exact = max(len(first), len(second)) <= 10000 and not any("Switching" in str(w.message) for w in caught)
    return {"statistic": float(result.statistic), "pValue": float(result.pvalue), "method": "exact" if exact else "asymptotic"}


def corpus_pair(name):
    wa, ba, ta, la = profile(f"{name}-a")
    wb, bb, tb, lb = profile(f"{name}-b")
    unseen = sum(count for word, count in wb.items() if word not in wa)
    return {
        "name": name,
        "wordsA": sum(wa.values()), "wordsB": sum(wb.values()),
        "vocabularyA": len(wa), "vocabularyB": len(wb),
        "sentencesA": len(la), "sentencesB": len(lb),
        "oovRate": unseen / sum(wb.values()),
        "wordDivergence": divergence(wa, wb),
        "bigramDivergence": divergence(ba, bb),
        "trigramDivergence": divergence(ta, tb),
        "meanA": float(np.mean(la)), "medianA": float(np.median(la)), "p90A": float(np.percentile(la, 90)),
        "meanB": float(np.mean(lb)), "medianB": float(np.median(lb)), "p90B": float(np.percentile(lb, 90)),
        "ks": ks(la, lb),
    }


def histogram_case(name, n1, n2, moved, shift=0, spread=6.0):
    """Two samples of lengths 1..40 with the same bell shape, B's centre `shift` higher and then
    `moved` of its values moved from 15 to 16."""
    values = np.arange(1, 41)
    def counts(n, centre):
        weights = np.exp(-((values - centre) ** 2) / (2 * spread ** 2))
        raw = np.floor(weights / weights.sum() * n).astype(int)
        raw[14] += n - raw.sum()
        return raw
    a, b = counts(n1, 15.0), counts(n2, 15.0 + shift)
    b[14] -= moved
    b[15] += moved
    first = np.repeat(values, a)
    second = np.repeat(values, b)
    return {
        "name": name,
        "a": {str(v): int(c) for v, c in zip(values, a) if c},
        "b": {str(v): int(c) for v, c in zip(values, b) if c},
        **ks(first, second),
    }


def main():
    cases = [
        histogram_case("exact, equal sizes", 50, 50, 6),
        histogram_case("exact, unequal sizes", 37, 58, 9),
        histogram_case("exact, thousands", 8000, 9500, 400),
        histogram_case("exact, no difference", 300, 300, 0),
        histogram_case("asymptotic, Durbin matrix", 12000, 15000, 45),
        histogram_case("asymptotic, Pelz-Good", 12000, 15000, 150),
        histogram_case("asymptotic, Smirnov sum", 12000, 15000, 600),
        histogram_case("asymptotic, far apart", 12000, 15000, 0, shift=4),
        histogram_case("asymptotic, large n", 250000, 260000, 1500),
        histogram_case("asymptotic, one small side", 100, 20000, 5),
        histogram_case("asymptotic, one small side, Pomeranz branch", 100, 20000, 0, shift=1.5),
        histogram_case("asymptotic, one small side, far", 100, 20000, 0, shift=3),
    ]
    expected = {
        "generator": "Fixtures/drift/scipy_oracle.py",
        "python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
        "pairs": [corpus_pair(name) for name in PAIRS],
        "ksCases": cases,
    }
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
