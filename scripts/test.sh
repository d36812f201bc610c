#!/bin/sh
# Sets up everything the test suite needs and runs it: Debian's chromium for the browser tests (gettext
# to compile the translations, poppler-utils to read printed PDFs), a virtualenv with the project, its
# integrations and the test and lint groups; then the linters and the import contract, the suites of the
# other test hosts (tests/host, tests/wagtail_host), and the main suite. Extra arguments go to the main
# pytest run. Run as root, or with sudo available, to install the system packages; otherwise install them
# yourself (apt-get install chromium gettext poppler-utils): without chromium the browser tests skip, and
# fail under CI.
set -e
cd "$(dirname "$0")/.."

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" != none ]; then
    echo "Installing$missing (Debian packages) ..."
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
  else
    echo "Please install$missing (apt-get install$missing)." >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q -U "pip>=25.1"   # dependency groups (PEP 735)
.venv/bin/pip install -q -e '.[site,wagtail]' --group dev
.venv/bin/python manage.py compile_catalogues

echo "Lint (ruff) and the import contract (import-linter) ..."
.venv/bin/ruff check compliance newsroom tests benchmarks scripts
.venv/bin/ruff format --check compliance newsroom tests benchmarks scripts
.venv/bin/lint-imports --no-cache

echo "The minimal host (tests/host) ..."
DJANGO_SETTINGS_MODULE=hostsite.settings PYTHONPATH=tests/host .venv/bin/pytest -q -p no:cacheprovider tests/host
if [ -d tests/wagtail_host ]; then
  echo "The Wagtail host (tests/wagtail_host) ..."
  DJANGO_SETTINGS_MODULE=wagtail_host.settings PYTHONPATH=tests .venv/bin/pytest -q -p no:cacheprovider tests/wagtail_host
fi

echo "The main suite ..."
exec .venv/bin/pytest "$@"
