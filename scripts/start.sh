#!/usr/bin/env bash
# `npm start`: a local Switchboard on a local PostgreSQL, with a demo tenant.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/switchboard}"
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT}}"
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  # Local demo only: a fresh secret per start (sessions end on restart). Set your own in production.
  NEXTAUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
  export NEXTAUTH_SECRET
fi

npm run --silent db:create
npm run --silent db:migrate
npm run --silent db:seed

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.js -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npx next build
fi
echo "Switchboard portal: http://localhost:${PORT}"
exec npx next start -p "$PORT"
