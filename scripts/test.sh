#!/bin/sh
# Sets up everything the test suite needs and runs it: Debian's chromium for the browser tests (and
# gettext, to compile the translations), a virtualenv with the project and its test extras, then pytest.
# Extra arguments go to pytest. Run as root, or with sudo available, to install the system packages;
# otherwise install them yourself (apt-get install chromium gettext): without chromium the browser
# tests skip, and fail under CI.
set -e
cd "$(dirname "$0")/.."

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
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
.venv/bin/pip install -q -e '.[site,test]'
.venv/bin/python manage.py compile_catalogues
exec .venv/bin/pytest "$@"
