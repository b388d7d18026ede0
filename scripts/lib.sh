# Shared helpers for the make targets. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Builds check SQL against the committed .sqlx cache, never a live database.
export SQLX_OFFLINE=true

die() { echo "error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the owner of the PostgreSQL files: PostgreSQL refuses to
# run as root, so as root that is the `postgres` system user.
as_pg_user() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The folder with initdb and pg_ctl, or nothing.
pg_bin_dir() {
  local dir
  if [ -n "${PG_BIN_DIR:-}" ]; then echo "$PG_BIN_DIR"; return; fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Tell cargo-leptos which tool versions are on PATH, so it neither downloads
# them nor checks online for newer ones.
export_tool_versions() {
  export LEPTOS_WASM_BINDGEN_VERSION="$(wasm_bindgen_version)"
  export LEPTOS_TAILWIND_VERSION="v$(node -p 'require("./node_modules/tailwindcss/package.json").version')"
  export LEPTOS_WASM_OPT_VERSION="version_$(node -p 'require("./node_modules/binaryen/package.json").version.split(".")[0]')"
}
