#!/usr/bin/env bash
# Installs whatever the build and the tests need, skipping what is there.
source "$(dirname "$0")/lib.sh"

APT_UPDATED=
apt_install() {
  is_root || command -v sudo >/dev/null 2>&1 || die "$1 is missing and cannot be installed without root: install the Debian package '$1'"
  local sudo=; is_root || sudo=sudo
  [ -n "$APT_UPDATED" ] || { $sudo apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

command -v cargo >/dev/null || die "Rust (cargo) is missing: install it with rustup"
command -v npm >/dev/null || die "Node.js and npm are missing: install the Debian packages 'nodejs' and 'npm'"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32 Rust target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos 0.3.10" ]; then
  echo "setup: installing cargo-leptos 0.3.10 (about 20 minutes the first time)"
  cargo install cargo-leptos --version 0.3.10 --locked --quiet
fi

# The CLI must match the library in Cargo.lock exactly. Its own lock file
# pins a crate the registry does not serve, hence no --locked.
bindgen="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen"
  cargo install wasm-bindgen-cli --version "$bindgen" --quiet
fi

if [ "$(sqlx --version 2>/dev/null)" != "sqlx-cli 0.8.6" ]; then
  echo "setup: installing sqlx-cli 0.8.6"
  cargo install sqlx-cli --version 0.8.6 --no-default-features --features rustls,postgres --locked --quiet
fi

# `npm ci` fails for tailwind 4 here (optional packages for other systems are
# not served); `npm install` with the committed lock installs the same versions.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
fi

if [ -z "$(pg_bin_dir)" ]; then
  echo "setup: installing PostgreSQL"
  apt_install postgresql
  [ -n "$(pg_bin_dir)" ] || die "PostgreSQL server programs (initdb, pg_ctl) are still missing: install 'postgresql' or set PG_BIN_DIR"
fi
if is_root && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Chromium for the browser tests"
  apt_install chromium
fi
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "setup: installing ffmpeg"
  apt_install ffmpeg
fi

echo "setup: ok"
