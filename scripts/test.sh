#!/usr/bin/env bash
# The whole check, in the order CI runs it; stops at the first failing step.
# Incremental: nothing is cleaned, so a second run is quick.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TERM_COLOR=never
# The check builds each crate once: an incremental cache would only take disk (a CI machine's can
# be small: one run ran out of space while building).
export CARGO_INCREMENTAL=0

STEP=0
SUMMARY=()
T_ALL=$SECONDS

# step "title" command args...   (run a command; banner, timing, fail fast)
step() {
  local title=$1; shift
  STEP=$((STEP + 1))
  printf '\n==================== [%d] %s ====================\n' "$STEP" "$title"
  printf '$ %s\n' "$*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  local dt=$((SECONDS - t0))
  if [ "$rc" -ne 0 ]; then
    printf '\n#################### FAILED: [%d] %s (exit %d, %ds) ####################\n' "$STEP" "$title" "$rc" "$dt" >&2
    print_summary >&2
    exit "$rc"
  fi
  SUMMARY+=("$(printf '%4ds  [%d] %s  (%s)' "$dt" "$STEP" "$title" "$(disk_use)")")
  printf -- '---- ok: [%d] %s (%ds)\n' "$STEP" "$title" "$dt"
}

# target/'s size and the disk's free space, so a run that nears a full disk shows where it grew.
disk_use() {
  local target free
  target=$(du -sh target 2>/dev/null | cut -f1)
  free=$(df -h . | awk 'NR == 2 { print $4 }')
  printf 'target %s, %s free' "${target:-0}" "$free"
}

print_summary() {
  printf '\nStep timings:\n'
  local line
  for line in "${SUMMARY[@]}"; do printf '%s\n' "$line"; done
}

bindings_fresh() {
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "not a git checkout: skipped"
    return 0
  fi
  if ! git diff --exit-code -- ui/src/bindings.ts; then
    echo "ui/src/bindings.ts changed when the tests regenerated it: the committed bindings were stale." >&2
    echo "Commit the regenerated file." >&2
    return 1
  fi
}

in_ui() { (cd ui && "$@"); }

step "setup" scripts/setup.sh
# setup.sh may have installed tools; pick up their PATH.
# shellcheck source=scripts/env.sh
. scripts/env.sh
step "cargo fmt --check" cargo fmt --all --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
step "cargo test" cargo test --workspace
step "bindings.ts is up to date" bindings_fresh
# Only the crates with benchmarks: a workspace-wide bench build would also compile the app in
# the optimised profile, for nothing.
step "benchmarks compile" cargo bench -p floordesk-domain -p floordesk-store --benches --no-run
step "ui: typecheck" in_ui npm run typecheck
step "ui: no import cycles" in_ui npm run cycles
step "ui: unit tests" in_ui npm test
step "ui: build" in_ui npm run build
step "app build (custom-protocol)" cargo build -p floordesk --features custom-protocol
step "cli build" cargo build -p floordesk-cli
step "end-to-end tests" tests/e2e/run.sh

print_summary
printf '\nAll checks passed in %ds.\n' "$((SECONDS - T_ALL))"
