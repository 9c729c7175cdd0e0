#!/usr/bin/env bash
# Scripted runs of the real app for the live floor's speed and size (release build):
#  1. 1,000 live agents, 100 events/s written by floordesk-cli while the board is open: the
#     ingest-to-screen latency (p50/p90/p99), the page's main-thread lag, the memory (PSS) of the
#     app and its WebKit processes over the run (tests/e2e/perf/floor-latency.perf.mjs);
#  2. the demo floor: launch → login drawn and login → board drawn over several starts, then the
#     board left open with the simulator, PSS over time (tests/e2e/perf/demo-floor.perf.mjs);
#  and the release binary's size.
# Environment: PERF_AGENTS (1000), PERF_RATE (100 events/s), PERF_SECONDS (60; 1800 for the
# soak), PERF_STARTS (5), PERF_DEMO_SECONDS (60; 1800 for the soak), PERF_ONLY (floor | demo:
# one of the two), PERF_NO_BUILD=1 to skip the builds, FLOORDESK_APP / FLOORDESK_CLI to measure
# other binaries; E2E_PORT / E2E_NATIVE_PORT (4644 / 4645 here, so the run does not collide with
# the E2E suite on 4444 / 4445).
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
APP=${FLOORDESK_APP:-$TARGET_DIR/release/floordesk}
CLI=${FLOORDESK_CLI:-$TARGET_DIR/release/floordesk-cli}
specs=()
case "${PERF_ONLY:-}" in
  floor) specs=(--spec perf/floor-latency.perf.mjs) ;;
  demo) specs=(--spec perf/demo-floor.perf.mjs) ;;
  *) specs=(--spec perf/floor-latency.perf.mjs --spec perf/demo-floor.perf.mjs) ;;
esac
E2E_PORT=${E2E_PORT:-4644} E2E_NATIVE_PORT=${E2E_NATIVE_PORT:-4645} \
FLOORDESK_APP="$APP" FLOORDESK_CLI="$CLI" \
  tests/e2e/run.sh "${specs[@]}" --mochaOpts.timeout 7200000
echo "release binary: $(stat -c %s "$APP") bytes ($APP)"
echo "results: tests/e2e/artifacts/floor-latency.json and demo-floor.json, screenshots floor-latency.png and demo-floor.png"
