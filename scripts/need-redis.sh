# Sourced by e2e.sh: the API's shared rate limits are tested through a real Redis. A local one
# that is installed but stopped is started (it keeps nothing on disk); otherwise the run stops,
# saying what to install.
redis_url="${E2E_REDIS_URL:-redis://127.0.0.1:6379}"
redis_reachable() {
  node -e '
    const u = new URL(process.argv[1]);
    const s = require("net").connect({ host: u.hostname || "127.0.0.1", port: Number(u.port || 6379) });
    s.setTimeout(2000, () => process.exit(1));
    s.on("connect", () => { s.write("PING\r\n"); }).on("data", (d) => process.exit(String(d).startsWith("+PONG") ? 0 : 1)).on("error", () => process.exit(1));
  ' "$redis_url"
}
if ! redis_reachable; then
  if command -v redis-server >/dev/null 2>&1 && [[ "$redis_url" =~ ^redis://(127\.0\.0\.1|localhost)(:6379)?/?$ ]]; then
    echo "starting a local Redis"
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
    for _ in $(seq 1 30); do redis_reachable && break; sleep 0.2; done
  fi
  if ! redis_reachable; then
    echo "Redis is not reachable at $redis_url. The tests check that copies of the portal share API rate limits through it. On Debian:" >&2
    echo "  sudo apt-get install -y redis-server && sudo redis-server --daemonize yes" >&2
    echo "or point E2E_REDIS_URL at your Redis." >&2
    exit 1
  fi
fi
export E2E_REDIS_URL="$redis_url"
# Keys of this run only: runs side by side (and reruns within a minute) never share counters.
export E2E_REDIS_PREFIX="switchboard-e2e-$$-$(date +%s):"
