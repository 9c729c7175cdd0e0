#!/usr/bin/env bash
# Builds FloorDesk and opens it on a fresh demo floor (36 agents, 3 teams, shifts around the clock
# and the floor's history up to now).
# The demo database lives in .demo/ inside this checkout and is recreated on every run;
# your real database is never opened. Extra arguments are passed to the app.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

banner() { printf '\n==> %s\n' "$*"; }

banner "setup"
scripts/setup.sh

banner "build the UI"
(cd ui && npm run build)

banner "build the app and the CLI"
cargo build -p floordesk --features custom-protocol
cargo build -p floordesk-cli

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR=$ROOT/$TARGET_DIR ;; esac
DB=$ROOT/.demo/floordesk-demo.sqlite

banner "fresh demo database: $DB"
mkdir -p "$ROOT/.demo"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
"$TARGET_DIR/debug/floordesk-cli" --db "$DB" demo

banner "start FloorDesk (demo users' PIN: 1234)"
export FLOORDESK_DB=$DB
# The demo floor comes alive: simulated sign-ins, contacts, breaks and meals.
export FLOORDESK_DEMO_SIMULATOR=1
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No DISPLAY or WAYLAND_DISPLAY: running under xvfb-run (a virtual screen; nothing will be visible)."
  exec xvfb-run -a "$TARGET_DIR/debug/floordesk" "$@"
fi
exec "$TARGET_DIR/debug/floordesk" "$@"
