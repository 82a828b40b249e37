#!/usr/bin/env bash
# Recomputes Fixtures/drift/expected.json with SciPy from PyPI, in a virtual environment of its own.
# Usage: Fixtures/drift/make-expected.sh [VENV]   (VENV defaults to a temporary folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$(mktemp -d)/venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "scipy==1.17.1" "numpy==2.4.6"
"$venv/bin/python" "$here/scipy_oracle.py"
echo "wrote $here/expected.json"
