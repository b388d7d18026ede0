#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: scripts/pg-test.sh start|stop|url
source "$(dirname "$0")/lib.sh"

PORT="${TEST_PG_PORT:-54329}"
DIR="$ROOT/.pg-test"
BIN="$(pg_bin_dir)"
[ -n "$BIN" ] || die "PostgreSQL server programs (initdb, pg_ctl) not found: run scripts/setup.sh"

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    is_root && chown -R postgres:postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_pg_user "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --no-instructions >/dev/null
    fi
    if ! as_pg_user "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      # Durability is pointless for test data; speed is not.
      as_pg_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 -o \
        "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { tail -n 20 "$DIR/log" >&2; die "the test PostgreSQL did not start"; }
    fi
    ;;
  stop)
    if [ -f "$DIR/data/PG_VERSION" ]; then
      as_pg_user "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  *)
    die "usage: scripts/pg-test.sh start|stop|url"
    ;;
esac
