#!/usr/bin/env bash
# The suites behind `npm test` (scripts/setup/test.mjs sets up Node 24 and the system packages first), in order,
# each writing a JSON report to reports/; then one summary line "N passed, N failed, N skipped" computed from
# those reports. Exits non-zero if anything failed.
#   --quick   one slice of each runner (contract tests, the keychain suite, one end-to-end test): proves the
#             set-up works in well under a minute; the fresh-clone check uses it.
set -uo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true
mkdir -p reports
rm -f reports/*.json
status=0

run() {
  echo "::: $1"
  shift
  "$@" || status=1
}

if $quick; then
  run "unit (contract)" npx vitest run --project contract \
    --reporter=default --reporter=json --outputFile.json=reports/vitest-unit.json
else
  run "unit (main, contract, renderer)" npx vitest run --project main --project contract --project renderer \
    --reporter=default --reporter=json --outputFile.json=reports/vitest-unit.json
fi
run "keychain (real Secret Service)" bash scripts/with-keyring.sh npx vitest run --project keychain \
  --reporter=default --reporter=json --outputFile.json=reports/vitest-keychain.json
# Under the keyring too: the key-leak scan needs a real keychain that survives a host restart.
e2e=()
$quick && e2e=(test/e2e/shell.spec.ts --grep "moves through the five sections")
run "end to end (browser host in Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json \
  bash scripts/with-keyring.sh npx playwright test --reporter=list,json "${e2e[@]}"
reports=(vitest-unit.json vitest-keychain.json playwright.json)
if ! $quick; then
  # The README's two commands in a fresh clone with the system Node (one test, ~1–2 min: mostly its npm ci).
  run "fresh clone (npm ci && npm start, npm test -- --quick)" npx vitest run --project fresh-clone \
    --reporter=default --reporter=json --outputFile.json=reports/vitest-fresh-clone.json
  reports+=(vitest-fresh-clone.json)
fi

node scripts/summarize-reports.mjs reports "${reports[@]}" || status=1
exit $status
