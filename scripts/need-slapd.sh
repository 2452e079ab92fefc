# Sourced by the test scripts: the directory-sync tests start their own OpenLDAP (Debian's slapd,
# on a loopback port with a config of their own; never the system service, which installing the
# package may start and which they leave alone), load it with slapadd, change it with ldapmodify
# and make its certificates with openssl.
# Installs what is missing when we may (root with apt-get), or stops at once saying how.
SLAPD_SBIN="${SLAPD_SBIN:-/usr/sbin}"
slapd_missing() {
  [ -x "$SLAPD_SBIN/slapd" ] && [ -x "$SLAPD_SBIN/slapadd" ] && [ -f "${SLAPD_SCHEMA_DIR:-/etc/ldap/schema}/inetorgperson.ldif" ] \
    && command -v ldapmodify >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 && return 1
  return 0
}
if slapd_missing; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's slapd and ldap-utils (directory sync tests)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils openssl >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils openssl; }
  fi
  if slapd_missing; then
    echo "The directory sync tests need OpenLDAP's slapd and tools (they start their own server). Install them with:" >&2
    echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils" >&2
    echo "(or set SLAPD_SBIN, SLAPD_SCHEMA_DIR and SLAPD_MODULE_DIR for a slapd installed elsewhere)" >&2
    exit 1
  fi
fi
