#!/usr/bin/env bash
# Runs the end-to-end suite against the built app (target/debug/floordesk, built with
# `cargo build -p floordesk --features custom-protocol` after `npm run build` in ui/).
#
# Starts a private Xvfb screen and tauri-driver (which starts WebKitWebDriver, which starts the
# app once per WebDriver session), runs WebdriverIO, then stops the driver and waits until it,
# WebKitWebDriver and any app they started have exited, so the ports are free for the next run.
# Arguments are passed to `wdio run` (e.g. --spec specs/foundation.e2e.mjs).
# Environment: E2E_PORT (4444), E2E_NATIVE_PORT (4445), FLOORDESK_APP (path of the app binary),
# E2E_USE_DISPLAY=1 to use the current $DISPLAY instead of Xvfb, E2E_WDIO_CONFIG (wdio.conf.mjs).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../../scripts/env.sh
. "$ROOT/scripts/env.sh"
cd "$HERE"

# The specs read the Chinese labels, and the UI turns English on an en-* system locale: pin
# a neutral locale so the run does not depend on the machine's.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE
# Xvfb has no GPU, so WebKit composites with Mesa's software GL (swrast), whose compositor thread
# segfaulted now and then mid-run (dmesg: "ThreadedCompositor … in swrast_dri.so"), which the
# driver reports as "session deleted because of page crash or hang". Without accelerated
# compositing WebKit paints on the CPU alone and the crash cannot happen.
export WEBKIT_DISABLE_COMPOSITING_MODE=${WEBKIT_DISABLE_COMPOSITING_MODE:-1}

PORT=${E2E_PORT:-4444}
NATIVE_PORT=${E2E_NATIVE_PORT:-4445}
NATIVE_DRIVER=${E2E_NATIVE_DRIVER:-/usr/bin/WebKitWebDriver}
ARTIFACTS=$HERE/artifacts
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR=$ROOT/$TARGET_DIR ;; esac
export FLOORDESK_APP=${FLOORDESK_APP:-$TARGET_DIR/debug/floordesk}
export E2E_PORT=$PORT

log() { printf '[e2e] %s\n' "$*"; }
die() { printf '[e2e] ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$FLOORDESK_APP" ] || die "no app binary at $FLOORDESK_APP. Build it: (cd ui && npm run build) && cargo build -p floordesk --features custom-protocol"
command -v tauri-driver >/dev/null 2>&1 || die "tauri-driver not found: run scripts/setup.sh"
[ -x "$NATIVE_DRIVER" ] || die "$NATIVE_DRIVER not found: apt-get install webkit2gtk-driver"
[ -d node_modules ] || die "tests/e2e/node_modules missing: run scripts/setup.sh"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$NATIVE_PORT"; do
  port_busy "$p" && die "port $p is in use (a previous run still exiting, or another driver?); set E2E_PORT / E2E_NATIVE_PORT"
done

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png
DRIVER_LOG=$ARTIFACTS/tauri-driver.log
XVFB_PID=""
DRIVER_PID=""

# All descendants of a pid (children first found via /proc), printed one per line.
descendants() {
  local pid=$1 child
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

wait_gone() { # wait_gone SECONDS pid...
  local limit=$1; shift
  local deadline=$((SECONDS + limit)) pid alive
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [ "${#alive[@]}" -eq 0 ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && { echo "${alive[@]}"; return 1; }
    sleep 0.2
  done
}

cleanup() {
  local rc=$?
  set +e
  if [ -n "$DRIVER_PID" ]; then
    # tauri-driver kills WebKitWebDriver on SIGTERM; the app exits when its session ends.
    local tree
    tree=$(descendants "$DRIVER_PID")
    log "stopping tauri-driver ($DRIVER_PID) and waiting for it and its children to exit"
    kill -TERM "$DRIVER_PID" 2>/dev/null
    wait "$DRIVER_PID" 2>/dev/null
    # shellcheck disable=SC2086
    if left=$(wait_gone 15 $tree); then :; else
      log "still running after 15 s, killing: $left"
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null
      # shellcheck disable=SC2086
      wait_gone 5 $left >/dev/null
    fi
  fi
  if [ -n "$XVFB_PID" ]; then
    kill -TERM "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
  fi
  if [ "$rc" -ne 0 ] && [ -s "$DRIVER_LOG" ]; then
    log "last lines of $DRIVER_LOG:"
    tail -n 40 "$DRIVER_LOG" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${E2E_USE_DISPLAY:-0}" != 1 ]; then
  # Xvfb picks a free display number itself and writes it to fd 9.
  DISPLAY_FILE=$(mktemp)
  Xvfb -displayfd 9 -screen 0 1920x1080x24 -nolisten tcp 9>"$DISPLAY_FILE" 2>"$ARTIFACTS/xvfb.log" &
  XVFB_PID=$!
  deadline=$((SECONDS + 20))
  until [ -s "$DISPLAY_FILE" ]; do
    kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb failed to start: $(cat "$ARTIFACTS/xvfb.log")"
    [ "$SECONDS" -lt "$deadline" ] || die "Xvfb did not report a display within 20 s"
    sleep 0.1
  done
  export DISPLAY=":$(tr -d '[:space:]' <"$DISPLAY_FILE")"
  rm -f "$DISPLAY_FILE"
  unset WAYLAND_DISPLAY
  log "Xvfb on DISPLAY=$DISPLAY"
fi

log "tauri-driver --port $PORT --native-port $NATIVE_PORT --native-driver $NATIVE_DRIVER (log: $DRIVER_LOG)"
tauri-driver --port "$PORT" --native-port "$NATIVE_PORT" --native-driver "$NATIVE_DRIVER" >"$DRIVER_LOG" 2>&1 &
DRIVER_PID=$!
deadline=$((SECONDS + 30))
until port_busy "$PORT" && port_busy "$NATIVE_PORT"; do
  kill -0 "$DRIVER_PID" 2>/dev/null || die "tauri-driver exited: $(cat "$DRIVER_LOG")"
  [ "$SECONDS" -lt "$deadline" ] || die "tauri-driver did not listen on $PORT within 30 s"
  sleep 0.2
done

log "app: $FLOORDESK_APP"
npx wdio run "${E2E_WDIO_CONFIG:-wdio.conf.mjs}" "$@"
