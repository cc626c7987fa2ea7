#!/usr/bin/env bash
# `npm test`: every suite, in order, each writing a JSON report to reports/; then one summary line
# "N passed, N failed, N skipped" computed from those reports. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/*.json
status=0

run() {
  echo "::: $1"
  shift
  "$@" || status=1
}

run "unit (main, contract, renderer)" npx vitest run --project main --project contract --project renderer \
  --reporter=default --reporter=json --outputFile.json=reports/vitest-unit.json
run "keychain (real Secret Service)" bash scripts/with-keyring.sh npx vitest run --project keychain \
  --reporter=default --reporter=json --outputFile.json=reports/vitest-keychain.json
# Under the keyring too: the key-leak scan needs a real keychain that survives a host restart.
run "end to end (browser host in Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json \
  bash scripts/with-keyring.sh npx playwright test --reporter=list,json

node scripts/summarize-reports.mjs reports || status=1
exit $status
