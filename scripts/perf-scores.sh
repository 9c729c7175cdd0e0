#!/usr/bin/env bash
# A scripted run of the real app for the score entry grid's speed (评分录入): a 班长 rating 299
# people × 20 items as superior for last month (agents, template and its assignment made by
# floordesk-cli; the app's clock on the 2nd of this month, inside the scoring window), 200
# keystroke pairs (a digit, then Tab) typed into the grid; prints the keystroke-to-screen latency
# (the cell's new value painted; p50/p90/p99/max), the time on to the row shown saved, where the
# time goes, and the time from opening the page or its tab to the grid drawn. Release build.
# Environment: PERF_AGENTS (300), PERF_KEYS (200), PERF_REAL_KEYS (40), PERF_OPENS (5),
# PERF_NO_BUILD=1 to skip the builds; E2E_PORT / E2E_NATIVE_PORT (4654 / 4655 here, so the run
# collides neither with the E2E suite on 4444 / 4445 nor with perf-roster.sh on 4644 / 4645).
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
E2E_PORT=${E2E_PORT:-4654} E2E_NATIVE_PORT=${E2E_NATIVE_PORT:-4655} \
FLOORDESK_APP="$TARGET_DIR/release/floordesk" FLOORDESK_CLI="$TARGET_DIR/release/floordesk-cli" \
  tests/e2e/run.sh --spec perf/scores-latency.perf.mjs --mochaOpts.timeout 3600000
echo "results: tests/e2e/artifacts/scores-latency.json, screenshot tests/e2e/artifacts/scores-latency.png"
