#!/bin/sh
# Renders the *.template files from the environment (secrets stay out of the image and the
# repository), then runs Asterisk in the foreground.
set -eu
: "${PGHOST:?}" "${PGDATABASE:?}" "${PGUSER:?}" "${PGPASSWORD:?}" "${AMI_USERNAME:?}" "${AMI_SECRET:?}"
export PGPORT="${PGPORT:-5432}" AMI_PERMIT="${AMI_PERMIT:-172.16.0.0/255.240.0.0}"
# RTP: the range docker-compose publishes. Voicemail e-mail: sender and the mail command.
export RTP_START="${RTP_START:-10000}" RTP_END="${RTP_END:-10100}"
export VOICEMAIL_FROM="${VOICEMAIL_FROM:-voicemail@switchboard.invalid}" VOICEMAIL_MAILCMD="${VOICEMAIL_MAILCMD:-/usr/sbin/sendmail -t}"
for template in /etc/asterisk/switchboard/*.template; do
  out="/etc/asterisk/$(basename "$template" .template)"
  sed -e "s|\${PGHOST}|$PGHOST|g" -e "s|\${PGPORT}|$PGPORT|g" -e "s|\${PGDATABASE}|$PGDATABASE|g" \
      -e "s|\${PGUSER}|$PGUSER|g" -e "s|\${PGPASSWORD}|$PGPASSWORD|g" \
      -e "s|\${AMI_USERNAME}|$AMI_USERNAME|g" -e "s|\${AMI_SECRET}|$AMI_SECRET|g" -e "s|\${AMI_PERMIT}|$AMI_PERMIT|g" \
      -e "s|\${RTP_START}|$RTP_START|g" -e "s|\${RTP_END}|$RTP_END|g" \
      -e "s|\${VOICEMAIL_FROM}|$VOICEMAIL_FROM|g" -e "s|\${VOICEMAIL_MAILCMD}|$VOICEMAIL_MAILCMD|g" \
      "$template" > "$out"
  chmod 640 "$out"
done
for file in modules.conf sorcery.conf extconfig.conf pjsip.conf extensions.conf cdr.conf; do
  cp "/etc/asterisk/switchboard/$file" "/etc/asterisk/$file"
done
# Behind NAT (a Docker bridge network, or a host with a private address): Asterisk must put the
# address phones reach it at into SDP and Contact/Via, or phones outside get no audio.
# EXTERNAL_ADDRESS: that address (IP or host name); LOCAL_NET: comma list of networks that reach
# Asterisk directly and keep seeing its own address (default: Docker's bridge networks).
if [ -n "${EXTERNAL_ADDRESS:-}" ]; then
  nat="external_media_address=$EXTERNAL_ADDRESS\nexternal_signaling_address=$EXTERNAL_ADDRESS"
  for net in $(echo "${LOCAL_NET:-172.16.0.0/12}" | tr ',' ' '); do
    nat="$nat\nlocal_net=$net"
  done
  awk -v nat="$nat" '{ print } /^type=transport[[:space:]]*$/ { gsub(/\\n/, "\n", nat); print nat }' \
    /etc/asterisk/switchboard/pjsip.conf > /etc/asterisk/pjsip.conf
fi
if [ -n "${SWITCHBOARD_AGI:-}" ]; then
  sed -i "s|^SWITCHBOARD_AGI=.*|SWITCHBOARD_AGI=$SWITCHBOARD_AGI|" /etc/asterisk/extensions.conf
fi
mkdir -p /etc/asterisk/tenant_contexts
exec asterisk -f -vvv
