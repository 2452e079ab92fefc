# Sourced by start.sh and test.sh: a fresh clone has no node_modules and no generated client.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f lib/generated/prisma/client.ts ] || [ -n "$(find prisma/schema -newer lib/generated/prisma/client.ts -print -quit)" ]; then
  npm run --silent db:generate
fi
