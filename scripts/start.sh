#!/usr/bin/env bash
# npm start: installs what is missing, builds the H5 preview when its sources changed, then runs the
# API with the embedded database (or MONGODB_URI) and serves the preview on the same port.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh

H5_INDEX=miniapp/dist/h5/index.html
if [ ! -f "$H5_INDEX" ] || [ -n "$(find miniapp/src miniapp/config shared/src -newer "$H5_INDEX" -type f -print -quit)" ]; then
  echo "[start] building the H5 preview (about half a minute)…"
  npm run build:h5 --silent >/dev/null
fi

echo "[start] starting the API, the embedded database and the H5 preview…"
exec node_modules/.bin/tsx server/src/main.ts
