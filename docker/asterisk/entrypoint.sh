#!/bin/sh
# Renders the *.template files from the environment (secrets stay out of the image and the
# repository), then runs Asterisk in the foreground.
set -eu
: "${PGHOST:?}" "${PGDATABASE:?}" "${PGUSER:?}" "${PGPASSWORD:?}" "${AMI_USERNAME:?}" "${AMI_SECRET:?}"
export PGPORT="${PGPORT:-5432}" AMI_PERMIT="${AMI_PERMIT:-172.16.0.0/255.240.0.0}"
for template in /etc/asterisk/switchboard/*.template; do
  out="/etc/asterisk/$(basename "$template" .template)"
  sed -e "s|\${PGHOST}|$PGHOST|g" -e "s|\${PGPORT}|$PGPORT|g" -e "s|\${PGDATABASE}|$PGDATABASE|g" \
      -e "s|\${PGUSER}|$PGUSER|g" -e "s|\${PGPASSWORD}|$PGPASSWORD|g" \
      -e "s|\${AMI_USERNAME}|$AMI_USERNAME|g" -e "s|\${AMI_SECRET}|$AMI_SECRET|g" -e "s|\${AMI_PERMIT}|$AMI_PERMIT|g" \
      "$template" > "$out"
  chmod 640 "$out"
done
for file in modules.conf sorcery.conf extconfig.conf pjsip.conf extensions.conf; do
  cp "/etc/asterisk/switchboard/$file" "/etc/asterisk/$file"
done
if [ -n "${SWITCHBOARD_AGI:-}" ]; then
  sed -i "s|^SWITCHBOARD_AGI=.*|SWITCHBOARD_AGI=$SWITCHBOARD_AGI|" /etc/asterisk/extensions.conf
fi
mkdir -p /etc/asterisk/tenant_contexts
exec asterisk -f -vvv
