# Shared by the project's scripts: strict mode, paths, caches and small helpers.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
cd "$REPO_ROOT"

# One persistent build cache outside the clone, shared by every command and by CI's fresh
# clones on the same machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stafett/target}"
export PATH="$HOME/.cargo/bin:$REPO_ROOT/end2end/node_modules/.bin:$PATH"
export SQLX_OFFLINE=true

# The environment the server binary needs outside cargo-leptos.
export LEPTOS_OUTPUT_NAME=stafett
export LEPTOS_SITE_ROOT="$REPO_ROOT/target/site"
export LEPTOS_SITE_PKG_DIR=pkg

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until URL answers 200, at most SECONDS seconds; fails otherwise.
wait_for_http() {
  local url=$1 seconds=$2 pid=${3:-}
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      return 1
    fi
    sleep 0.5
  done
}

# Runs a command as root: directly when root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Builds the server and the site (`cargo leptos build` with the given arguments), then
# compresses the site's WASM, JavaScript and CSS once, at the highest quality, beside the
# files (x.wasm.br, x.wasm.gz): the server sends these to a browser that takes them instead
# of compressing on the fly at a low quality (server/src/precompressed.rs, which also
# removes copies older than their file, should a build be made without this).
build_site() {
  local file
  cargo leptos build "$@"
  for file in "$REPO_ROOT"/target/site/pkg/*.wasm "$REPO_ROOT"/target/site/pkg/*.js "$REPO_ROOT"/target/site/pkg/*.css; do
    [ -f "$file" ] || continue
    brotli -q 11 -c "$file" >"$file.br"
    gzip -9 -n -c "$file" >"$file.gz"
  done
}
