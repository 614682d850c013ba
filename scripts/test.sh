#!/usr/bin/env bash
# npm test: everything CI checks, in order. Installs what is missing first.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh --browser
step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "format"
npm run --silent format:check
step "H5 build (for the browser journeys)"
npm run --silent build:h5 >/dev/null
step "tests: shared, server, miniapp, e2e"
npx jest --ci
step "weapp: build, WeChat compiler, size budget"
npm run --silent size
