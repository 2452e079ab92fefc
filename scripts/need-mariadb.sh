# Sourced by test.sh: the tests write Switchboard's rows into Asterisk's MySQL schema on a real
# MariaDB (root, no password, 127.0.0.1:3306; TEST_MARIADB_ADMIN_URL elsewhere). A local one that
# is installed but stopped is started (as root); otherwise the run stops, saying what to install.
mariadb_reachable() {
  node -e '
    const u = new URL(process.env.TEST_MARIADB_ADMIN_URL || "mysql://root@127.0.0.1:3306/");
    require("mariadb").createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || "root"), password: decodeURIComponent(u.password), connectTimeout: 2000 })
      .then((c) => c.end()).then(() => process.exit(0), () => process.exit(1));
  '
}
if ! mariadb_reachable; then
  if [ -z "${TEST_MARIADB_ADMIN_URL:-}" ] && [ -x /usr/sbin/mariadbd ] && [ "$(id -u)" = 0 ]; then
    echo "starting the local MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    for _ in $(seq 1 60); do mariadb_reachable && break; sleep 0.5; done
  fi
  if ! mariadb_reachable; then
    echo "MariaDB is not reachable at ${TEST_MARIADB_ADMIN_URL:-mysql://root@127.0.0.1:3306/} (user root, no password)." >&2
    echo "The tests check Switchboard's rows against Asterisk's MySQL schema there. On Debian:" >&2
    echo "  sudo apt-get install -y mariadb-server && sudo service mariadb start" >&2
    echo "or point TEST_MARIADB_ADMIN_URL at a server where the tests may create databases." >&2
    exit 1
  fi
fi
