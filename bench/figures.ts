/**
 * Every figure issue 16 names, next to its target, picked from the bench modules' results (one place, so the note
 * and CI read the same table). A figure whose module did not run (`--only`) is left out.
 */
interface Row {
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
  loadavg?: unknown;
}

type Loose = Record<string, unknown> | undefined;
const at = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v as Loose)?.[k], o);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function issue16Figures(results: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  const add = (module: string, figure: string, value: unknown, unit: string, target: string, ok: (n: number) => boolean) => {
    if (!(module in results)) return;
    const n = num(value);
    rows.push({ figure, value: n, unit, target, met: n === null ? null : ok(n), loadavg: at(results[module], 'loadavg') });
  };
  const grid = results['library-grid-chromium'];
  add('library-grid-chromium', 'start → ready', at(grid, 'startToReadyMs'), 'ms', '≤ 1500', (n) => n <= 1500);
  add('library-grid-chromium', 'Library tab → first screenful with thumbnails', at(grid, 'libraryTab', 'toFirstScreenfulMs'), 'ms', '≤ 300', (n) => n <= 300);
  add('library-grid-chromium', 'search as you type, common words: last keystroke → results and count, p95', at(grid, 'searchAsYouType', 'common', 'p95Ms'), 'ms', '≤ 50', (n) => n <= 50);
  add('library-grid-chromium', 'search as you type, rare words: last keystroke → results and count, p95', at(grid, 'searchAsYouType', 'rare', 'p95Ms'), 'ms', '≤ 50', (n) => n <= 50);
  add('library-grid-chromium', 'longest main-thread task while scrolling', at(grid, 'longestTaskMs'), 'ms', '≤ 50', (n) => n <= 50);
  // The same task's CPU time (trace): what the page's own work takes; the wall time above also counts time the main
  // thread waited for a core, which on a shared machine is mostly the machine's load.
  add('library-grid-chromium', 'longest main-thread task while scrolling, CPU time', at(grid, 'longestTaskCpuMs'), 'ms', '≤ 50', (n) => n <= 50);
  add('library-grid-chromium', 'host RSS after opening, searching and scrolling', at(grid, 'hostAfterScroll', 'rssMB'), 'MB', '≤ 400', (n) => n <= 400);
  add('library-grid-chromium', 'renderer heap (after GC)', at(grid, 'heapAfterScrollMB'), 'MB', '≤ 150', (n) => n <= 150);
  const imp = results['library-import'];
  add('library-import', `import ${String(at(imp, 'import', 'files') ?? '')} distinct 2048² JPEGs ÷ sharp floor (the app's 512 px thumbnail recipe)`, at(imp, 'import', 'ratio'), '×', '≤ 0.75', (n) => n <= 0.75);
  add('library-import', `the same ÷ the earlier floor (256 px, sharp's default WebP)`, at(imp, 'import', 'ratio256'), '×', '≤ 0.75', (n) => n <= 0.75);
  add('library-import', `rebuild ${String(at(imp, 'rebuild', 'items') ?? '')} files with sidecars`, at(imp, 'rebuild', 'itemsPerSec'), 'items/s', '≥ 1000', (n) => n >= 1000);
  return rows;
}
