#!/usr/bin/env bash
# The browser tests alone: a production build in its own directory (never the `.next` that a
# running `npm start` serves from), a fresh database, Playwright in Debian's Chromium.
# `bash scripts/e2e.sh [playwright args...]`, e.g. `bash scripts/e2e.sh e2e/auth.spec.ts`.
# E2E_REUSE_BUILD=1 skips the build when NEXT_DIST_DIR already holds one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
source scripts/need-chromium.sh
source scripts/need-redis.sh
# e2e/directory.spec.ts starts its own slapd (OpenLDAP) on a loopback port.
source scripts/need-slapd.sh
export NEXT_TELEMETRY_DISABLED=1
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"
mkdir -p test-results

# A running `npm start` serves .next: prove this run leaves it alone.
served_build="$(cat .next/BUILD_ID 2>/dev/null || true)"
# E2E_REUSE_BUILD=1 reruns specs against the build already in NEXT_DIST_DIR (only the specs changed).
if [ -z "${E2E_REUSE_BUILD:-}" ] || [ ! -f "$NEXT_DIST_DIR/BUILD_ID" ]; then
  npx next build > "test-results/next-build${E2E_PORT:+-$E2E_PORT}.log" 2>&1 || { cat "test-results/next-build${E2E_PORT:+-$E2E_PORT}.log"; exit 1; }
fi
E2E_DATABASE_URL="$(npx tsx e2e/support/prepare-db.ts)"
export E2E_DATABASE_URL
export E2E_NEXTAUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
export E2E_DIRECTORY_SECRET_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
# A scripted Asterisk manager interface, so the portal shows mailbox counts as with a real one.
ami_port_file="$(mktemp)"
node --import tsx e2e/support/fake-ami-server.ts > "$ami_port_file" &
ami_pid=$!
trap 'kill "$ami_pid" 2>/dev/null || true; rm -f "$ami_port_file"; npx tsx e2e/support/drop-db.ts >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 100); do [ -s "$ami_port_file" ] && break; sleep 0.1; done
E2E_AMI_PORT="$(head -n 1 "$ami_port_file")"
[ -n "$E2E_AMI_PORT" ] || { echo "the scripted AMI peer did not start" >&2; exit 1; }
export E2E_AMI_PORT
status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="${PLAYWRIGHT_JSON_OUTPUT_NAME:-test-results/playwright.json}" npx playwright test --reporter=list,json "$@" || status=$?
if [ "$(cat .next/BUILD_ID 2>/dev/null || true)" != "$served_build" ]; then
  echo "FAIL: the test build replaced .next, the build a running portal serves from" >&2
  status=1
fi
exit "$status"
