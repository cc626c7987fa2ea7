// Reads the JSON reports of vitest and Playwright and prints the one line CI reads: "N passed, N failed, N skipped".
// A report that is missing or unreadable counts as a failure: a suite that did not run proved nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// usage: node scripts/summarize-reports.mjs DIR [REPORT.json …]  (the reports the run was meant to write)
const dir = process.argv[2] ?? 'reports';
const named = process.argv.slice(3);
const expected = named.length > 0 ? named : ['vitest-unit.json', 'vitest-keychain.json', 'playwright.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
// Each failure by name with the start of its message, printed just above the summary line: CI keeps only the tail
// of a long log, and a count without a name cannot be acted on.
const failures = [];
// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC, a control character by definition
const firstLines = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, 3).join(' | ').slice(0, 300);

function vitest(report) {
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && (report.numFailedTests ?? 0) === 0) failed += 1;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`${file.name}: ${t.fullName} — ${firstLines(t.failureMessages?.[0])}`);
    if (file.status === 'failed' && failedTests.length === 0) failures.push(`${file.name}: ${firstLines(file.message)}`);
  }
}

function playwrightSpecs(suite, titles = []) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected') continue;
      const last = (test.results ?? []).at(-1);
      failures.push(`${spec.file}:${spec.line}: ${[...here, spec.title].join(' › ')} — ${firstLines(last?.error?.message)}`);
    }
  }
  for (const child of suite.suites ?? []) playwrightSpecs(child, here);
}

function playwright(report) {
  const s = report.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  failed += (report.errors ?? []).length;
  for (const suite of report.suites ?? []) playwrightSpecs(suite);
  for (const error of report.errors ?? []) failures.push(`playwright: ${firstLines(error.message)}`);
}

const present = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')));
for (const name of expected) {
  if (!present.has(name)) {
    console.error(`summary: ${name} is missing (that suite did not run to the end)`);
    failed += 1;
    continue;
  }
  try {
    const report = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    if (name.startsWith('playwright')) playwright(report);
    else vitest(report);
  } catch (err) {
    console.error(`summary: cannot read ${name}: ${err.message}`);
    failed += 1;
  }
}
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
