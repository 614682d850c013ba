#!/usr/bin/env bash
# Installs whatever is missing on this machine: npm packages, FerretDB, Node 24 LTS, and (for tests)
# Chromium.
# Safe to run again: each step checks first. `bash scripts/setup.sh [--browser]`
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [ ! -x node_modules/.bin/taro ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages (first run takes a few minutes)…"
  # npm 11 refuses this lockfile because Taro names platform bindings that the registry does not
  # have (`Missing: @tarojs/binding-darwin-* from lock file`); npm 10 installs the same lockfile.
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "[setup] npm ci failed with npm $(npm --version); retrying with npm 10"
    npx -y npm@10 ci --no-audit --no-fund --loglevel=error
  fi
fi

bash scripts/install-ferretdb.sh
bash scripts/install-node24.sh

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  echo "[setup] installing Debian's chromium for the browser journeys…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
