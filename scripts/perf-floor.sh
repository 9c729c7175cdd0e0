#!/usr/bin/env bash
# A scripted run of the real app for the live floor's speed: 1,000 live agents, 100 events/s
# written by floordesk-cli while the board is open; prints the ingest-to-screen latency
# (p50/p90/p99) and the memory (PSS) of the app and its WebKit processes. Release build.
# Environment: PERF_AGENTS (1000), PERF_RATE (100 events/s), PERF_SECONDS (60).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=env.sh
. "$ROOT/scripts/env.sh"
cd "$ROOT"
(cd ui && npm run build)
cargo build --release -p floordesk --features custom-protocol -p floordesk-cli
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
FLOORDESK_APP="$TARGET_DIR/release/floordesk" FLOORDESK_CLI="$TARGET_DIR/release/floordesk-cli" \
  tests/e2e/run.sh --spec perf/floor-latency.perf.mjs
echo "results: tests/e2e/artifacts/floor-latency.json, screenshot tests/e2e/artifacts/floor-latency.png"
