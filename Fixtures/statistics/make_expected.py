#!/usr/bin/env python3
"""Writes mcnemar.json: SciPy's exact two-sided McNemar p-values (the binomial test of the discordant
pairs at 1/2, scipy.stats.binomtest) for the tables StatisticsTests compares Quill's McNemarTest with.

    python3 -m venv /tmp/scipy-venv && /tmp/scipy-venv/bin/pip install scipy
    /tmp/scipy-venv/bin/python Fixtures/statistics/make_expected.py
"""
import json
import os

import scipy
from scipy.stats import binomtest

TABLES = [(0, 1), (1, 0), (2, 9), (13, 4), (30, 31), (40, 62), (100, 140), (250, 190), (512, 600), (2000, 2300), (4999, 5100), (7, 700)]

rows = [{"passToFail": b, "failToPass": c, "pValue": binomtest(min(b, c), b + c, 0.5, alternative="two-sided").pvalue} for b, c in TABLES]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcnemar.json"), "w") as out:
    json.dump({"scipy": scipy.__version__, "tables": rows}, out, indent=1)
    out.write("\n")
