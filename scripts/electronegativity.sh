#!/usr/bin/env bash
# Electron security lint for CI: runs Doyensec's electronegativity over src-main, src-preload and the built out/,
# writes reports/electronegativity.<target>.{sarif,csv,txt}, and fails on any finding above LOW (MEDIUM, HIGH)
# that is not justified next to the code.
#
# How a finding is justified
#   * Atomic checks (one line of code): put electronegativity's own inline annotation on that line, followed by the
#     reason in a second comment that starts with "justified:", e.g.
#         shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */ // justified: only https URLs, checked above
#     electronegativity drops annotated findings itself; this script additionally fails when an `eng-disable` has no
#     `justified:` reason of at least 10 characters on the same line or the line above, so nothing is silenced
#     without a why.
#   * Global checks (a property of the whole app, such as "is there a CSP") cannot be annotated reliably
#     (electronegativity README, "Note on Global Checks"). They are excluded per target below with `-x`, each with its
#     reason in a comment beside it. Adding to those lists needs the same care as an annotation.
#   * Built output (out/) is generated: code in it is justified at its source, or, for bundled third-party code,
#     by a per-target exclusion below with the reason.
#
# Needs @doyensec/electronegativity as a devDependency (npx never downloads it here: --no); ELECTRONEGATIVITY overrides
# the command (a stub in tests, a global install elsewhere). Exit codes: 0 clean, 1 unjustified findings or
# annotations, 2 the tool is missing or failed.
set -euo pipefail

cd "$(dirname "$0")/.."
REPORTS=reports
mkdir -p "$REPORTS"
export FORCE_COLOR=0 NO_COLOR=1

read -r -a ENG <<<"${ELECTRONEGATIVITY:-npx --no -- electronegativity}"
# The tool's start-up translation fetch crashes it offline; see scripts/electronegativity-offline.cjs.
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $PWD/scripts/electronegativity-offline.cjs"
if ! "${ENG[@]}" -V >/dev/null 2>&1; then
  echo "electronegativity is not installed (add @doyensec/electronegativity to devDependencies)." >&2
  exit 2
fi

# The Electron version in use, so version-dependent defaults are judged right (the scanned folders have no
# package.json of their own).
ELECTRON_VERSION="$(node -p "require('electron/package.json').version" 2>/dev/null || echo 45.0.0)"

# Checks left out everywhere:
#   AvailableSecurityFixesGlobalCheck — asks the network for newer Electron releases; Electron upgrades are tracked by
#     the dependency update bot, and a lint must not fail because a release came out overnight.
COMMON_EXCLUDES="AvailableSecurityFixesGlobalCheck"

# Per target: name, input, extra exclusions (comma-separated, each justified here).
#   src-main, src-preload — CSPGlobalCheck: the CSP (src-main/host/security-headers.ts RENDERER_CSP) is written into the
#     built index.html by electron.vite.config.ts and sent as a header by the browser host; the sources alone contain
#     no <meta> CSP, so this global check can only be judged on out/, where it stays enabled.
#   out — DangerousFunctionsJSCheck: the only dynamic code in the bundles is zod's JIT (`new Function`, guarded by
#     zod's own allowsEval probe) bundled into out/preload/index.cjs; our own sources are scanned with this check on,
#     so any eval we write is still caught there.
#   src-preload — LimitNavigationGlobalCheck, PermissionRequestHandlerGlobalCheck: global checks look for the
#     handlers in the scanned folder, and the preload has no main-process code; the handlers are in src-main.
#   out — LimitNavigationGlobalCheck, PermissionRequestHandlerGlobalCheck: the tool's parser cannot read the bundled
#     out/main/index.js ("Unknown node type ClassPrivateProperty"), so the will-navigate, setWindowOpenHandler and
#     permission handlers there are invisible to it and it reports them missing. The same handlers are found in the
#     src-main scan, where both checks stay on, and test/main/hardening/electron asserts their behaviour.
TARGETS=(
  "src-main|src-main|CSPGlobalCheck"
  "src-preload|src-preload|CSPGlobalCheck,LimitNavigationGlobalCheck,PermissionRequestHandlerGlobalCheck"
  "out|out|DangerousFunctionsJSCheck,LimitNavigationGlobalCheck,PermissionRequestHandlerGlobalCheck"
)

failed=0

# 1. Every inline annotation carries a reason.
unjustified="$(grep -rnE 'eng-disable' src-main src-preload src-renderer 2>/dev/null \
  | grep -vE 'justified: .{10,}' || true)"
if [[ -n "$unjustified" ]]; then
  # Allow the reason on the line above the annotation.
  still=""
  while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"; line="${rest%%:*}"
    prev=$((line - 1))
    if ! sed -n "${prev}p" "$file" | grep -qE 'justified: .{10,}'; then still+="$hit"$'\n'; fi
  done <<<"$unjustified"
  if [[ -n "$still" ]]; then
    echo "eng-disable without a 'justified: <reason>' comment:" >&2
    printf '%s' "$still" >&2
    failed=1
  fi
fi

# 2. Scan each target: full reports for people and code scanning, then the gate at MEDIUM and above.
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name input extra <<<"$target"
  if [[ ! -d "$input" ]]; then
    echo "skip $name: $input does not exist (run the build first for out/)" | tee "$REPORTS/electronegativity.$name.txt"
    continue
  fi
  excludes="$COMMON_EXCLUDES${extra:+,$extra}"
  common=(-i "$input" -r -x "$excludes" -e "$ELECTRON_VERSION")
  "${ENG[@]}" "${common[@]}" -o "$REPORTS/electronegativity.$name.sarif" >/dev/null || { echo "electronegativity failed on $name" >&2; exit 2; }
  "${ENG[@]}" "${common[@]}" -o "$REPORTS/electronegativity.$name.csv" >/dev/null || { echo "electronegativity failed on $name" >&2; exit 2; }
  # Without -o the CLI prints a table filtered by -s; "No issues were found." means nothing at MEDIUM or above.
  out="$("${ENG[@]}" "${common[@]}" -s MEDIUM -v false 2>&1)" || { echo "$out" >&2; echo "electronegativity failed on $name" >&2; exit 2; }
  printf '%s\n' "$out" >"$REPORTS/electronegativity.$name.txt"
  if grep -q 'No issues were found' <<<"$out"; then
    echo "electronegativity $name: no findings above LOW"
  else
    echo "electronegativity $name: findings above LOW (see $REPORTS/electronegativity.$name.txt):" >&2
    printf '%s\n' "$out" >&2
    failed=1
  fi
  # Files the parser could not read are listed, not fatal: its TypeScript parser predates `satisfies` and other
  # newer syntax, which is why the built JavaScript in out/ is scanned as well.
  grep -E 'Error parsing|Tolerable error' <<<"$out" >"$REPORTS/electronegativity.$name.parse-errors.txt" || true
done

exit "$failed"
