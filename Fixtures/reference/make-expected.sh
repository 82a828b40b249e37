#!/usr/bin/env bash
# Writes expected.json: what the reference implementations make of every file in samples/ (see
# reference.py). ReferenceParserTests compares Quill's reading of the same files with it. Run it again
# after adding a sample; it installs the pinned versions into a throw-away virtual environment.
#
#   Fixtures/reference/make-expected.sh
set -euo pipefail
cd "$(dirname "$0")"
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet dotpromptz==0.2.0 prompty==2.1.0 jinja2==3.1.6
"$venv/bin/python" reference.py samples >expected.json.new 2>/dev/null
mv expected.json.new expected.json
echo "wrote $(grep -c '"accepted"' expected.json) samples' expectations to Fixtures/reference/expected.json"
