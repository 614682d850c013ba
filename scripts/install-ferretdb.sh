#!/usr/bin/env bash
# Installs FerretDB v1.24.2 into .tools/bin (git-ignored) when it is missing.
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` fetches and compiles the module, but
# the binary it leaves panics at start: FerretDB embeds build/version/version.txt, which the module
# zip leaves empty (https://pkg.go.dev/github.com/FerretDB/FerretDB/build/version). So we fetch the
# same module with go, write that one file, and build cmd/ferretdb from it.
set -euo pipefail
VERSION=v1.24.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.tools/bin/ferretdb"
if [ -x "$BIN" ]; then
  case "$("$BIN" --version 2>/dev/null)" in *"version: $VERSION"*) exit 0 ;; esac
fi
command -v go >/dev/null || { echo "Go is needed to build FerretDB (https://go.dev/dl/)." >&2; exit 1; }
echo "[ferretdb] building FerretDB $VERSION (first run only, about a minute)..."
mkdir -p "$ROOT/.tools/bin"
export GOFLAGS=-mod=mod
SRC="$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
[ -d "$SRC" ] || { echo "[ferretdb] module source not found after download" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$SRC/." "$WORK/"
chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
(cd "$WORK" && go build -trimpath -o "$BIN" ./cmd/ferretdb)
"$BIN" --version | sed -n 1p
echo "[ferretdb] installed at $BIN"
