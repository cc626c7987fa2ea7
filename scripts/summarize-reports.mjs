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

function vitest(report) {
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && (report.numFailedTests ?? 0) === 0) failed += 1;
}

function playwright(report) {
  const s = report.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  failed += (report.errors ?? []).length;
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
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
