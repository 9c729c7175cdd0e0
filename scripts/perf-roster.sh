#!/usr/bin/env bash
# A scripted run of the real app for the roster grid's speed: 300 agents in 10 teams with next
# month's roster (imported by floordesk-cli), 200 keystrokes typed into the grid; prints the
# keystroke-to-screen latency (the cell's new text and its violation mark painted; p50/p90/p99/max)
# with where the time goes (write, read-back, render). Release build.
# Environment: PERF_AGENTS (300), PERF_TEAMS (10), PERF_KEYS (200), PERF_REAL_KEYS (40),
# PERF_NO_BUILD=1 to skip the builds; E2E_PORT / E2E_NATIVE_PORT (4644 / 4645 here, so the run
# does not collide with the E2E suite on 4444 / 4445).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=env.sh
. "$ROOT/scripts/env.sh"
cd "$ROOT"
if [ "${PERF_NO_BUILD:-0}" != 1 ]; then
  (cd ui && npm run build)
  cargo build --release -p floordesk --features custom-protocol -p floordesk-cli
fi
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR=$ROOT/$TARGET_DIR ;; esac
E2E_PORT=${E2E_PORT:-4644} E2E_NATIVE_PORT=${E2E_NATIVE_PORT:-4645} \
FLOORDESK_APP="$TARGET_DIR/release/floordesk" FLOORDESK_CLI="$TARGET_DIR/release/floordesk-cli" \
  tests/e2e/run.sh --spec perf/roster-latency.perf.mjs --mochaOpts.timeout 3600000
echo "results: tests/e2e/artifacts/roster-latency.json, screenshot tests/e2e/artifacts/roster-latency.png"
