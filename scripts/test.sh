#!/usr/bin/env bash
# `npm test`: the whole suite against real services: PostgreSQL (a fresh database per run),
# a production build of the portal, and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# Before anything slow: a missing browser stops the run at once, with the command to fix it.
source scripts/need-chromium.sh
source scripts/need-postgres.sh
# The directory-sync tests start their own slapd (OpenLDAP) on a loopback port.
source scripts/need-slapd.sh
# Switchboard's rows are also checked against Asterisk's MySQL schema on a real MariaDB.
source scripts/need-mariadb.sh
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results

echo "== typecheck, and the AGI server's production bundle"
npx tsc --noEmit
npm run --silent build:agi

echo "== unit and integration tests (vitest, real PostgreSQL)"
unit=0
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json || unit=$?

echo "== browser tests (Playwright, Chromium, production build in .next-test)"
e2e=0
bash scripts/e2e.sh || e2e=$?

node -e '
  const fs = require("fs");
  const v = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
  let passed = v.numPassedTests, failed = v.numFailedTests, skipped = v.numPendingTests;
  try {
    const p = JSON.parse(fs.readFileSync("test-results/playwright.json", "utf8")).stats;
    passed += p.expected; failed += p.unexpected + p.flaky * 0; skipped += p.skipped;
  } catch { failed += 1; }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
'
[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ]
