#!/usr/bin/env bash
# The quick check before a commit: lint, format, the data contract and the fast tests
# (everything but the real-browser tests). Run it from anywhere in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m ruff check .
python -m ruff format --check .
python -m claimcheck validate
python -m claimcheck datapackage --check
python -m pytest -q -m "not browser" "$@"
