#!/usr/bin/env bash
# How fast the public pages become interactive on a throttled phone
# (scripts/first-load.mjs), over plain HTTP/1.1 and over HTTP/2 with TLS as
# a production front (a load balancer) serves them (start_tls_front).
#
#   scripts/first-load.sh [site address]   (default 127.0.0.1:3000)
source "$(dirname "$0")/lib.sh"
SITE="${1:-127.0.0.1:3000}"
FRONT_PORT=3443
port_open "${SITE##*:}" || die "no site at $SITE: start one (make run) first"
port_open "$FRONT_PORT" && die "port $FRONT_PORT is in use"

state="$(mktemp -d)"
trap 'stop_tls_front "$state"; rm -rf "$state"' EXIT
start_tls_front "$SITE" "$FRONT_PORT" "$state"

echo "HTTP/1.1, http://$SITE"
node "$ROOT/scripts/first-load.mjs" "http://$SITE"
echo "HTTP/2 with TLS, https://127.0.0.1:$FRONT_PORT"
node "$ROOT/scripts/first-load.mjs" "https://127.0.0.1:$FRONT_PORT"
