#!/usr/bin/env bash
# Install what the tests need and run every test, real-browser tests included.
# The browser is Debian's Chromium (a test tool's own browser download cannot be used offline).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CLAIMCHECK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is needed for the browser tests: run 'sudo apt-get install chromium'" \
         "or set CLAIMCHECK_CHROMIUM to a Chromium binary." >&2
    exit 1
  fi
fi

python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
python -m pytest "$@"
