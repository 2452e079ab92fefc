# Sourced by start.sh and test.sh: both need a PostgreSQL server. A local one that is installed but
# stopped is started (as root); anything else stops the run at once, saying what to do.
pg_url="${1:-${TEST_DATABASE_ADMIN_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}}"
pg_reachable() {
  node -e '
    const u = new URL(process.argv[1]);
    const s = require("net").connect({ host: u.hostname || "127.0.0.1", port: Number(u.port || 5432) });
    s.setTimeout(2000, () => process.exit(1));
    s.on("connect", () => process.exit(0)).on("error", () => process.exit(1));
  ' "$pg_url"
}
if ! pg_reachable; then
  pg_host="$(node -e 'console.log(new URL(process.argv[1]).host)' "$pg_url")"
  if [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [[ "$pg_host" =~ ^(127\.0\.0\.1|localhost)(:5432)?$ ]]; then
    echo "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    for _ in $(seq 1 30); do pg_reachable && break; sleep 1; done
  fi
  if ! pg_reachable; then
    echo "PostgreSQL is not reachable at $pg_host. Switchboard needs it (the database Asterisk reads). On Debian:" >&2
    echo "  sudo apt-get install -y postgresql postgresql-contrib" >&2
    echo "  sudo pg_ctlcluster \$(ls /etc/postgresql) main start" >&2
    echo "and let user postgres connect over 127.0.0.1 (trust, or a password in the URL);" >&2
    echo "or point DATABASE_URL (npm start) / TEST_DATABASE_ADMIN_URL (npm test) at your server." >&2
    exit 1
  fi
fi
