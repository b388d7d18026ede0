#!/usr/bin/env bash
# `make test`: every check and test, each step run even if an earlier one
# failed; ends with one summary line and a non-zero exit on any failure.
source "$(dirname "$0")/lib.sh"

echo "==> setup"
"$ROOT/scripts/setup.sh" || die "setup failed"
export_tool_versions

results=()
failed=0
step() {
  local name="$1"; shift
  echo "==> $name"
  local start=$SECONDS
  if "$@"; then
    results+=("ok      $name ($((SECONDS - start))s)")
  else
    results+=("FAILED  $name ($((SECONDS - start))s)")
    failed=$((failed + 1))
  fi
}

trap '"$ROOT/scripts/pg-test.sh" stop' EXIT
export DATABASE_URL="$("$ROOT/scripts/pg-test.sh" url)"

database() {
  "$ROOT/scripts/pg-test.sh" start && sqlx migrate run --source migrations
}

end_to_end() {
  # Otherwise the suite would quietly test whatever server already listens there.
  if (exec 3<>/dev/tcp/127.0.0.1/3000) 2>/dev/null; then
    echo "error: port 3000 is in use (a 'make run' still going?); stop that server first" >&2
    return 1
  fi
  local db="e2e_$(date +%Y%m%d%H%M%S)"
  pg_psql -q "$DATABASE_URL" -c "create database $db" || return 1
  DATABASE_URL="${DATABASE_URL%/*}/$db" APP_ENV=development DEMO_DATA=1 \
    LEPTOS_SITE_ADDR=127.0.0.1:3000 cargo leptos end-to-end --release || return 1
  # Kept when the suite fails, to look at what it left behind.
  pg_psql -q "$DATABASE_URL" -c "drop database if exists $db with (force)" || true
}

step "cargo fmt" cargo fmt --all -- --check
step "clippy (server)" cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
step "clippy (browser)" cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings
step "test database and migrations" database
# The committed query cache must match the migrated schema.
step "sqlx offline cache" cargo sqlx prepare --workspace --check -- --all-targets -p app -p server --features app/ssr
step "unit and integration tests" cargo test -p app -p server --features app/ssr
step "end-to-end (Playwright, release build)" end_to_end

echo
printf '%s\n' "${results[@]}"
echo "summary: $(( ${#results[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
