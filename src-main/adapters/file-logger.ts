import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/ports';

/** Field names whose values are never written, whatever a caller passes by mistake. */
const SECRET_FIELDS = /key|token|secret|authorization|password/i;

function scrub(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? '[redacted]' : v]),
  );
}

/** JSON lines in `<dataDir>/logs/main.log`, mirrored to stderr when `echo` is set. */
export function createFileLogger(dataDir: string, options: { echo?: boolean } = {}): Logger {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.log');
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...scrub(fields) });
    try {
      appendFileSync(file, line + '\n');
    } catch {
      // A full or read-only disk must not take the app down because of a log line.
    }
    if (options.echo) process.stderr.write(line + '\n');
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
