#!/usr/bin/env bash
# Two server instances behind haproxy (round robin, no stickiness) sharing
# one PostgreSQL database and one S3-compatible bucket, as the site runs in
# production on several machines:
#
#   scripts/cluster.sh start    # http://127.0.0.1:3100 (instances on 3101 and 3102)
#   scripts/cluster.sh stop
#
# Uses the release build (`cargo leptos build --release --split`), DATABASE_URL (or
# the test PostgreSQL, in a database of its own) and a local S3-compatible
# server over a folder (server/examples/s3_dev_server.rs). The instances
# load the demo data and run in development mode: mail is captured at
# /dev/mailbox, which answers only on this machine.
source "$(dirname "$0")/lib.sh"

PORT="${CLUSTER_PORT:-3100}"
S3_PORT="${CLUSTER_S3_PORT:-3109}"
STATE="$ROOT/target/cluster"
# `make test` runs the journeys on the server its tests built.
SERVER="${SERVER:-$ROOT/target/server-release/server}"

stop() {
  for pid_file in "$STATE"/*.pid; do
    [ -f "$pid_file" ] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

wait_for() {
  local port="$1" what="$2" log="$3" waited=0
  until port_open "$port"; do
    if [ "$waited" -ge 120 ]; then
      echo "error: $what did not start on port $port; its log:" >&2
      tail -n 40 "$log" >&2
      stop
      exit 1
    fi
    sleep 1; waited=$((waited + 1))
  done
}

start() {
  [ -x "$SERVER" ] || die "no server at $SERVER: run 'cargo leptos build --release --split' first"
  command -v haproxy >/dev/null || die "haproxy is missing: run scripts/setup.sh"
  for port in "$PORT" "$((PORT + 1))" "$((PORT + 2))" "$S3_PORT"; do
    if port_open "$port"; then die "port $port is in use (a cluster still running? scripts/cluster.sh stop)"; fi
  done
  stop
  rm -rf "$STATE"
  mkdir -p "$STATE/bucket/uploads"

  local database="${DATABASE_URL:-}"
  if [ -z "$database" ]; then
    "$ROOT/scripts/pg-test.sh" start
    local server_url; server_url="$("$ROOT/scripts/pg-test.sh" url)"
    pg_psql -q "$server_url" -c "drop database if exists cluster with (force)" -c "create database cluster"
    database="${server_url%/*}/cluster"
  fi

  echo "cluster: building the local S3 server"
  cargo build --quiet "${TEST_PACKAGES[@]}" --example s3_dev_server
  "$ROOT/target/debug/examples/s3_dev_server" "$S3_PORT" "$STATE/bucket" cluster-key cluster-secret \
    >"$STATE/s3.log" 2>&1 &
  echo $! >"$STATE/s3.pid"
  wait_for "$S3_PORT" "the S3 server" "$STATE/s3.log"

  # After the build: leptos reads LEPTOS_OUTPUT_NAME when compiled too, and
  # a change would rebuild it and all that uses it.
  export_site_env

  # Everything an instance needs from another lives in the database, the
  # bucket or this shared configuration: nothing on its own disk.
  local key; key="$(head -c 32 /dev/urandom | base64)"
  for n in 1 2; do
    local port=$((PORT + n))
    mkdir -p "$STATE/instance$n"
    env DATABASE_URL="$database" DATA_DIR="$STATE/instance$n" DATA_KEY="$key" \
      APP_ENV=development DEMO_DATA=1 SITE_URL="http://127.0.0.1:$PORT" TRUST_PROXY=1 \
      INSTANCE_NAME="instance$n" \
      S3_BUCKET=uploads S3_ENDPOINT="http://127.0.0.1:$S3_PORT" \
      S3_ACCESS_KEY_ID=cluster-key S3_SECRET_ACCESS_KEY=cluster-secret \
      LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_RELOAD_PORT=$((port + 100)) \
      "$SERVER" >"$STATE/instance$n.log" 2>&1 &
    echo $! >"$STATE/instance$n.pid"
    # The first one loads the demo data before the second starts.
    wait_for "$port" "instance $n" "$STATE/instance$n.log"
  done

  cat >"$STATE/haproxy.cfg" <<CFG
global
    maxconn 1024
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend site
    bind 127.0.0.1:$PORT
    option forwardfor
    default_backend instances
backend instances
    balance roundrobin
    server instance1 127.0.0.1:$((PORT + 1)) check
    server instance2 127.0.0.1:$((PORT + 2)) check
CFG
  haproxy -f "$STATE/haproxy.cfg" -db >"$STATE/haproxy.log" 2>&1 &
  echo $! >"$STATE/haproxy.pid"
  wait_for "$PORT" "haproxy" "$STATE/haproxy.log"
  echo "cluster: http://127.0.0.1:$PORT (instances on $((PORT + 1)) and $((PORT + 2)), bucket at http://127.0.0.1:$S3_PORT); logs in target/cluster"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: scripts/cluster.sh start|stop" ;;
esac
