#!/usr/bin/env bash
# Installs whatever the build and the tests need, skipping what is there.
source "$(dirname "$0")/lib.sh"

command -v rustup >/dev/null || die "rustup is missing: install Rust with rustup"
command -v cargo >/dev/null || die "Rust (cargo) is missing: install it with rustup"
command -v node >/dev/null || die "Node.js (node) is missing: install the Debian package 'nodejs'"
command -v npm >/dev/null || die "npm is missing: install the Debian package 'npm'"
[ -f Cargo.lock ] || die "Cargo.lock is missing: it pins the wasm-bindgen and sqlx versions the tools must match"

if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  echo "setup: adding the wasm32 Rust target"
  rustup target add wasm32-unknown-unknown
fi

# A fresh machine (every CI run) builds these three tools first. Built
# unoptimised and without their own release settings (cargo-leptos asks for
# fat LTO in one codegen unit), into one folder so that the crates they share
# are built once, they take 8 minutes on two cores instead of 16 at
# opt-level 1, and 20 for cargo-leptos alone as published. Their share of a
# release build (splitting, bindgen, minifying; wasm-opt is npm's) takes
# some 15 s longer, and gives the same files.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install --quiet --target-dir "$ROOT/target/tools" "$@"
}

# 0.3.11 needs a newer Rust than 1.95.
if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos 0.3.10" ]; then
  echo "setup: installing cargo-leptos 0.3.10"
  install_tool cargo-leptos --version 0.3.10 --locked
fi

# The CLI must match the library in Cargo.lock exactly. Its own lock file
# pins a crate the registry does not serve, hence no --locked.
bindgen="$(locked_version wasm-bindgen)"
[ -n "$bindgen" ] || die "Cargo.lock has no wasm-bindgen package"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen"
  install_tool wasm-bindgen-cli --version "$bindgen"
fi

# The newest sqlx-cli (0.9) does not match the sqlx 0.8 library: pin it.
sqlx="$(locked_version sqlx)"
[ -n "$sqlx" ] || die "Cargo.lock has no sqlx package"
if [ "$(sqlx --version 2>/dev/null)" != "sqlx-cli $sqlx" ]; then
  echo "setup: installing sqlx-cli $sqlx"
  install_tool sqlx-cli --version "$sqlx" --no-default-features --features rustls,postgres --locked
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
ensure_pg_user

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Chromium for the browser tests"
  apt_install chromium
fi
# The load balancer of scripts/cluster.sh (and its journey in make test).
if ! command -v haproxy >/dev/null 2>&1; then
  echo "setup: installing haproxy"
  apt_install haproxy
fi
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "setup: installing ffmpeg"
  apt_install ffmpeg
fi
# A C compiler: ring and the server's allocator (mimalloc) build C code.
if ! command -v cc >/dev/null 2>&1; then
  echo "setup: installing a C compiler"
  apt_install gcc libc6-dev
fi

echo "setup: ok"
