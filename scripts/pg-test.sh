#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: scripts/pg-test.sh start|stop|url
source "$(dirname "$0")/lib.sh"

PORT="${TEST_PG_PORT:-54329}"

pg_bin() {
  local bin; bin="$(pg_bin_dir)"
  [ -n "$bin" ] || die "PostgreSQL server programs (initdb, pg_ctl) not found: run scripts/setup.sh or set PG_BIN_DIR"
  echo "$bin"
}

running() { as_pg_user "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

# In the checkout when the server's user can reach it (see pg_home).
pg_dir() {
  if is_root; then ensure_pg_user; fi
  pg_home "$ROOT/.pg-test"
}

case "${1:-}" in
  start)
    BIN="$(pg_bin)"
    DIR="$(pg_dir)"
    [ "$DIR" = "$ROOT/.pg-test" ] || echo "the test PostgreSQL keeps its files in $DIR (the postgres user cannot reach this checkout)"
    # The data dir and the socket dir ($DIR) must belong to the server's user.
    if is_root; then chown -R postgres:postgres "$DIR"; fi
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_pg_user "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --no-instructions >/dev/null \
        || die "initdb failed for the test PostgreSQL in $DIR/data"
    fi
    running && exit 0
    # A server that died (or a reboot) leaves its pid file behind.
    rm -f "$DIR/data/postmaster.pid"
    # Durability is pointless for test data; speed is not.
    as_pg_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 -o \
      "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { tail -n 20 "$DIR/log" >&2; die "the test PostgreSQL did not start (log: $DIR/log)"; }
    ;;
  stop)
    DIR="$(pg_dir)"
    [ -f "$DIR/data/PG_VERSION" ] || exit 0
    BIN="$(pg_bin)"
    if running; then as_pg_user "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  *)
    die "usage: scripts/pg-test.sh start|stop|url"
    ;;
esac
