# shellcheck shell=bash
# Source this file (". scripts/env.sh") to put FloorDesk's tools on PATH:
#   - ~/.cargo/bin (cargo, tauri-driver)
#   - .tools/node-bin (a Node.js 24 installed by scripts/setup.sh when the system Node is missing or too old)
# It changes nothing but PATH and FLOORDESK_ROOT, and is safe to source more than once.

FLOORDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FLOORDESK_ROOT

_floordesk_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) if [ -d "$1" ]; then PATH="$1:$PATH"; fi ;;
  esac
}
_floordesk_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
_floordesk_path_prepend "$FLOORDESK_ROOT/.tools/node-bin"
unset -f _floordesk_path_prepend
export PATH
