#!/usr/bin/env bash
# Install the runtime requirements into a clean virtual environment with the given Python,
# time the install, then validate the data and run every page in AppTest there.
# Usage: scripts/venv_smoke.sh /path/to/python3.X
set -euo pipefail
cd "$(dirname "$0")/.."
py="$1"
venv="$(mktemp -d)/venv"
"$py" -m venv "$venv"
start=$(date +%s)
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt pytest==9.0.3
echo "install on $("$venv/bin/python" --version): $(( $(date +%s) - start )) s"
"$venv/bin/python" -m claimcheck validate
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_pages.py tests/test_reuse.py -k "not datapackage"
rm -rf "$(dirname "$venv")"
