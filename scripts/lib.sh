# Shared helpers for the make targets. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Builds check SQL against the committed .sqlx cache, never a live database:
# the end-to-end build points DATABASE_URL at a new, still empty database.
# Only `cargo sqlx prepare --check` compares the cache with a live database.
export SQLX_OFFLINE=true
export NPM_CONFIG_UPDATE_NOTIFIER=false

die() { echo "error: $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_root() { [ "$(id -u)" = 0 ]; }

# PostgreSQL refuses to run as root; as root it runs as this system user.
ensure_pg_user() {
  if is_root && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group postgres \
      || die "could not create the 'postgres' system user that PostgreSQL runs as"
  fi
}

# Where a PostgreSQL cluster meant for $1 can live: $1 itself, or, when the
# `postgres` user (as which root runs PostgreSQL) cannot reach it (a checkout
# in root's home, mode 700), a folder of that user's named after $1.
pg_home() {
  local wanted="$1"
  if ! is_root; then echo "$wanted"; return; fi
  mkdir -p "$wanted" && chown postgres:postgres "$wanted"
  if runuser -u postgres -- test -w "$wanted" 2>/dev/null; then
    echo "$wanted"
    return
  fi
  local fallback="/var/lib/hirewell/$(echo "${wanted#/}" | tr '/' '-')"
  mkdir -p "$fallback" && chown postgres:postgres /var/lib/hirewell "$fallback"
  echo "$fallback"
}

# Runs a command as the owner of the PostgreSQL files.
# (From /, which that user can always enter: the checkout may be closed to it.)
as_pg_user() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
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

# psql next to initdb, else the one on PATH.
pg_psql() {
  local dir; dir="$(pg_bin_dir)"
  if [ -n "$dir" ] && [ -x "$dir/psql" ]; then "$dir/psql" "$@"; else psql "$@"; fi
}

# What the checks and tests build: the server with its tests and examples.
# The same selection everywhere, so that each build reuses the others'
# artifacts (another set of packages resolves other features).
TEST_PACKAGES=(-p app -p server --features app/ssr)

# The release build of the site: the browser bundle split into a chunk per
# page, loaded when the page is first visited (see app/src/routes.rs).
# (Arguments go to cargo-leptos: `--frontend-only`.)
build_release() {
  cargo leptos build --release --split "$@"
}

# What the release server needs to find the built site (what `cargo leptos
# serve` sets from the workspace's Leptos settings).
export_site_env() {
  export LEPTOS_OUTPUT_NAME=hirewell LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg
  export LEPTOS_HASH_FILES=true
}

# haproxy terminating TLS (a throwaway certificate) with HTTP/2 on port $2
# in front of the site at $1, as a production load balancer would; its
# files and pid in the folder $3. For measurements only.
start_tls_front() {
  local site="$1" port="$2" state="$3"
  command -v haproxy >/dev/null || die "haproxy is missing: run scripts/setup.sh"
  port_open "$port" && die "port $port is in use"
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
  bind 127.0.0.1:$port ssl crt $state/front.pem alpn h2,http/1.1
  default_backend site
backend site
  server site $site
CFG
  haproxy -f "$state/haproxy.cfg" -db >"$state/haproxy.log" 2>&1 &
  echo $! >"$state/haproxy.pid"
  local _
  for _ in $(seq 50); do port_open "$port" && return 0; sleep 0.1; done
  die "haproxy did not start: $(cat "$state/haproxy.log")"
}

stop_tls_front() {
  [ -f "$1/haproxy.pid" ] && kill "$(cat "$1/haproxy.pid")" 2>/dev/null
  return 0
}

# The version of a package in Cargo.lock.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Tell cargo-leptos which tool versions are on PATH, so it neither downloads
# them nor checks online for newer ones. Formats are those of the upstream
# release tags cargo-leptos 0.3.10 expects: v4.3.5, version_132, 0.2.130.
export_tool_versions() {
  export LEPTOS_WASM_BINDGEN_VERSION="$(locked_version wasm-bindgen)"
  export LEPTOS_TAILWIND_VERSION="v$(node -p 'require("./node_modules/tailwindcss/package.json").version')"
  export LEPTOS_WASM_OPT_VERSION="version_$(node -p 'require("./node_modules/binaryen/package.json").version.split(".")[0]')"
}

# Installs Debian packages (with sudo when not root), updating the index once.
APT_UPDATED=
apt_install() {
  local sudo=
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "$1 is missing and cannot be installed without root: install the Debian package '$1'"
    sudo=sudo
  fi
  command -v apt-get >/dev/null 2>&1 || die "$1 is missing and there is no apt-get to install it: install '$1'"
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq || die "apt-get update failed (needed to install $1)"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || die "could not install the Debian package(s): $*"
}
