# Sourced by the test scripts: the browser tests drive Debian's Chromium (never a downloaded one).
# Installs it when it is missing and we may (root with apt-get), or stops at once saying how.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium (browser tests)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
  else
    echo "The browser tests need Debian's Chromium at $CHROMIUM_PATH. Install it with:" >&2
    echo "  sudo apt-get install -y chromium" >&2
    echo "(or set CHROMIUM_PATH to an existing Chromium binary)" >&2
    exit 1
  fi
fi
