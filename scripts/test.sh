#!/usr/bin/env bash
# npm test: everything CI checks, in order. Installs what is missing first.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
step() { printf '\n== %s (at %ss)\n' "$*" "$SECONDS"; }

step "setup"
bash scripts/setup.sh --browser
# The H5 build (webpack, one core) runs beside the checks and the server tests, which leave the second
# core mostly idle while they wait on FerretDB; the browser journeys wait for it below.
H5_LOG="$(mktemp)"
# A stage that fails stops the run (set -e): what still runs beside it stops too.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
npm run --silent build:h5 >"$H5_LOG" 2>&1 &
H5_PID=$!
step "lint and typecheck (side by side)"
npm run --silent lint &
LINT_PID=$!
npm run --silent typecheck
wait "$LINT_PID"
step "API document: redocly lint (redocly.yaml: recommended-strict)"
OPENAPI_JSON="$(mktemp --suffix=.json)"
npx tsx scripts/openapi.ts "$OPENAPI_JSON"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true npx redocly lint "$OPENAPI_JSON"
rm -f "$OPENAPI_JSON"
step "format"
npm run --silent format:check
# Node 24 LTS (what production runs; scripts/install-node24.sh put it in .tools/node24) runs the
# shared and server projects: every server suite, the server process tests (tsx and the compiled
# bundle) among them. Its bin comes first on PATH, so the children the tests start (tsx, the bundle)
# run on it too. The client projects stay on the machine's Node, like the Taro builds they test
# (README, "Which Node runs what").
on_node24() { PATH="$ROOT/.tools/node24/bin:$PATH" "$@"; }
step "tests on Node $(on_node24 node --version): shared, server"
on_node24 node node_modules/jest/bin/jest.js --ci --selectProjects shared server
step "H5 build (for the browser journeys, started at the beginning)"
if ! wait "$H5_PID"; then
  cat "$H5_LOG"
  exit 1
fi
rm -f "$H5_LOG"
step "tests on Node $(node --version): miniapp, e2e (the H5 preview in chromium)"
npx jest --ci --selectProjects miniapp e2e
# The date-sensitive server tests again, on the run clock pinned (server/test/setup/harness.ts reads
# TEST_NOW): a year's end, a leap day, the eve of 国庆, and one minute before midnight in Shanghai.
PINNED_DATES=(2027-12-31T10:00:00+08:00 2028-02-29T10:00:00+08:00 2027-09-30T10:00:00+08:00 2027-06-15T23:59:00+08:00)
DATE_FILES=()
for f in seed events services bookings booking-rules schedules export outbox-staff me authz auth limits transitions idempotency; do DATE_FILES+=("server/test/$f.test.ts"); done
# Two runs at a time (each is one jest worker beside its own FerretDB, and this machine has 2 cores);
# each run's output goes to a log, printed in full when it fails.
pinned_run() {
  # The paths come before --selectProjects, which would take them for project names.
  TEST_NOW="$1" on_node24 node node_modules/jest/bin/jest.js --ci "${DATE_FILES[@]}" --selectProjects server >"$2" 2>&1
}
PINNED_LOGS="$(mktemp -d)"
step "date-sensitive server tests on ${#PINNED_DATES[@]} pinned dates, two at a time, Node $(on_node24 node --version)"
failed=0
for ((i = 0; i < ${#PINNED_DATES[@]}; i += 2)); do
  pids=()
  for d in "${PINNED_DATES[@]:i:2}"; do
    pinned_run "$d" "$PINNED_LOGS/$d.log" &
    pids+=("$!:$d")
  done
  for p in "${pids[@]}"; do
    if wait "${p%%:*}"; then
      echo "TEST_NOW=${p#*:}: $(grep -E '^Tests:' "$PINNED_LOGS/${p#*:}.log")"
    else
      echo "TEST_NOW=${p#*:} FAILED:"
      cat "$PINNED_LOGS/${p#*:}.log"
      failed=1
    fi
  done
done
rm -rf "$PINNED_LOGS"
[ "$failed" = 0 ]
step "weapp: build, WeChat compiler, size budget"
npm run --silent size
echo "npm test: all stages passed in ${SECONDS}s"
