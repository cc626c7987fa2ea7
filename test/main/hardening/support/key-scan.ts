import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The key-leak scan, for a data folder that went through crashes and faults: every file (databases, WAL files,
 * logs, sidecars, staging, media) is read as bytes and searched for the key, and so is every text the host printed.
 * Returns where the key was found; empty means no leak.
 */
export function findSecret(secret: string, dataDir: string, outputs: readonly string[]): string[] {
  const needle = Buffer.from(secret);
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const info = statSync(file);
      if (info.isDirectory()) walk(file);
      else if (info.isFile() && readFileSync(file).includes(needle)) hits.push(path.relative(dataDir, file));
    }
  };
  walk(dataDir);
  outputs.forEach((text, i) => {
    if (text.includes(secret)) hits.push(`host output #${i + 1}`);
  });
  return hits;
}
