# Sourced by start.sh and test.sh: a fresh clone has no node_modules and no generated client.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Not `npm ci`: the lockfile cannot list platform builds (darwin, win32) that a Linux-only
  # registry mirror does not serve, and `npm ci` refuses such a lockfile. `npm install` keeps the
  # locked versions of everything it lists.
  echo "installing dependencies"
  npm install --no-audit --no-fund
fi
if [ ! -f lib/generated/prisma/client.ts ] || [ ! -f lib/generated/prisma-mysql/client.ts ] \
  || [ -n "$(find prisma/schema prisma/schema-mysql -newer lib/generated/prisma-mysql/client.ts -print -quit)" ]; then
  npm run --silent db:generate
fi
