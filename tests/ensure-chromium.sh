#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and we can;
# otherwise stop with a clear message (the tests never skip for want of a browser).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<'MSG'
make test: the browser tests need Debian's Chromium at /usr/bin/chromium, and it could
not be installed here (this needs root and apt-get). Install it yourself:
    sudo apt-get update && sudo apt-get install -y chromium
then run `make test` again.
MSG
exit 1
