/**
 * `npm run bench`: runs every bench module and prints ONE JSON object `{ meta, results: { <module>: ... } }` to
 * stdout. Add a module by appending to `MODULES`. Flags: `--items N` (library size, default 100000),
 * `--only name[,name]`.
 */
import { loadavg } from 'node:os';
import { libraryBench } from './library-bench';
import { generationBench } from './generation-bench';
import { libraryGridChromiumBench } from './library-grid-chromium';
import { pacingBench } from './pacing-bench';

/** A named bench module; `run` returns a JSON-serialisable result. */
export interface BenchModule {
  name: string;
  run(options: BenchOptions): Promise<unknown>;
}

export interface BenchOptions {
  items: number;
}

const MODULES: BenchModule[] = [libraryBench, generationBench, pacingBench, libraryGridChromiumBench];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const items = Number(flag('items') ?? 100_000);
  if (!Number.isInteger(items) || items < 1000) throw new Error('--items must be an integer ≥ 1000');
  const only = flag('only')?.split(',');
  const results: Record<string, unknown> = {};
  for (const module of MODULES) {
    if (only && !only.includes(module.name)) continue;
    results[module.name] = await module.run({ items });
  }
  // Load averages at the end: the machines are shared, so timings from a busy run read differently.
  const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString(), loadavg: loadavg() };
  process.stdout.write(`${JSON.stringify({ meta, results }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
