#!/usr/bin/env bash
# `npm start`: a local Switchboard on a local PostgreSQL, with a demo tenant.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/switchboard}"
source scripts/need-postgres.sh "$DATABASE_URL"
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT}}"
# Directory bind passwords are sealed with this key: kept in a file of its own so they still open
# after a restart. Set DIRECTORY_SECRET_KEY yourself in production.
if [ -z "${DIRECTORY_SECRET_KEY:-}" ]; then
  mkdir -p .local && chmod 700 .local
  [ -s .local/directory-secret-key ] || (umask 077 && node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > .local/directory-secret-key)
  DIRECTORY_SECRET_KEY="$(cat .local/directory-secret-key)"
  export DIRECTORY_SECRET_KEY
fi
# The old systems' POST /tenant names a tenant's SIP domain <name>.<suffix>.
export TENANT_DOMAIN_SUFFIX="${TENANT_DOMAIN_SUFFIX:-switchboard.test}"
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
# The FastAGI server beside the portal; it stops when the portal stops.
export AGI_PORT="${AGI_PORT:-4573}"
# Tenant dialplans go here unless you point this at your Asterisk configuration directory.
export ASTERISK_CONFIG_DIR="${ASTERISK_CONFIG_DIR:-$PWD/.local/asterisk}"
npm run --silent agi &
agi=$!
trap 'kill "$agi" 2>/dev/null; wait "$agi" 2>/dev/null' EXIT INT TERM
echo "Switchboard portal: http://localhost:${PORT}   FastAGI: agi://127.0.0.1:${AGI_PORT}"
# One next start worker per core (WEB_CONCURRENCY), one port.
node scripts/serve-portal.mjs -p "$PORT"
