#!/usr/bin/env bash
# `make run`: build the release site and serve it. Without DATABASE_URL the
# server starts its own PostgreSQL in ./data/pg.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
export_tool_versions
exec cargo leptos serve --release --split
