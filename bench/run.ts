/**
 * `npm run bench`: runs every bench module and prints ONE JSON object `{ meta, issue16, results: { <module>: ... } }`
 * to stdout: `issue16` lists every figure of issue 16 next to its target. Add a module by appending to `MODULES`.
 * Flags: `--items N` (library size, default 100000; `--quick`: 10000), `--quick` (CI-sized: a small library, 60
 * JPEGs to import, 2,000 files to rebuild), `--only name[,name]`.
 */
import { loadavg } from 'node:os';
import { libraryBench } from './library-bench';
import { generationBench } from './generation-bench';
import { libraryGridChromiumBench } from './library-grid-chromium';
import { libraryImportBench } from './library-import-bench';
import { issue16Figures } from './figures';
import { pacingBench } from './pacing-bench';

/** A named bench module; `run` returns a JSON-serialisable result. */
export interface BenchModule {
  name: string;
  run(options: BenchOptions): Promise<unknown>;
}

export interface BenchOptions {
  items: number;
  /** CI-sized runs (`--quick`). */
  quick: boolean;
}

const MODULES: BenchModule[] = [libraryBench, generationBench, pacingBench, libraryGridChromiumBench, libraryImportBench];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const items = Number(flag('items') ?? (quick ? 10_000 : 100_000));
  if (!Number.isInteger(items) || items < 1000) throw new Error('--items must be an integer ≥ 1000');
  const only = flag('only')?.split(',');
  const results: Record<string, unknown> = {};
  for (const module of MODULES) {
    if (only && !only.includes(module.name)) continue;
    const started = loadavg()[0];
    results[module.name] = await module.run({ items, quick });
    // Each module's load average at its start and end: the machines are shared.
    (results[module.name] as Record<string, unknown>).loadavg = { start: started, end: loadavg()[0] };
  }
  // Load averages at the end: the machines are shared, so timings from a busy run read differently.
  const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString(), loadavg: loadavg() };
  process.stdout.write(`${JSON.stringify({ meta, issue16: issue16Figures(results), results }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
