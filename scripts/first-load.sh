#!/usr/bin/env bash
# How fast the public pages become interactive on a throttled phone
# (scripts/first-load.mjs), over plain HTTP/1.1 and over HTTP/2 with TLS as
# a production front (a load balancer) serves them: haproxy terminates TLS
# with a throwaway certificate in front of the running site.
#
#   scripts/first-load.sh [site address]   (default 127.0.0.1:3000)
source "$(dirname "$0")/lib.sh"
SITE="${1:-127.0.0.1:3000}"
FRONT_PORT=3443
command -v haproxy >/dev/null || die "haproxy is missing: run scripts/setup.sh"
port_open "${SITE##*:}" || die "no site at $SITE: start one (make run) first"
port_open "$FRONT_PORT" && die "port $FRONT_PORT is in use"

state="$(mktemp -d)"
trap 'kill "$(cat "$state/haproxy.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$state"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -keyout "$state/key.pem" -out "$state/cert.pem" 2>/dev/null
cat "$state/cert.pem" "$state/key.pem" >"$state/front.pem"
cat >"$state/haproxy.cfg" <<CFG
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend front
  bind 127.0.0.1:$FRONT_PORT ssl crt $state/front.pem alpn h2,http/1.1
  default_backend site
backend site
  server site $SITE
CFG
haproxy -f "$state/haproxy.cfg" -db >"$state/haproxy.log" 2>&1 &
echo $! >"$state/haproxy.pid"
for _ in $(seq 50); do port_open "$FRONT_PORT" && break; sleep 0.1; done

echo "HTTP/1.1, http://$SITE"
node "$ROOT/scripts/first-load.mjs" "http://$SITE"
echo "HTTP/2 with TLS, https://127.0.0.1:$FRONT_PORT"
node "$ROOT/scripts/first-load.mjs" "https://127.0.0.1:$FRONT_PORT"
