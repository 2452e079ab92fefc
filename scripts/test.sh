#!/usr/bin/env bash
# `npm test`: the whole suite against real services (a fresh PostgreSQL database per run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results

echo "== typecheck"
npx tsc --noEmit

echo "== unit and integration tests (vitest, real PostgreSQL)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json || status=$?

node -e '
  const r = require("./test-results/vitest.json");
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit $status
