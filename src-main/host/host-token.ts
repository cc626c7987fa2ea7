import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TOKEN_FILE = 'host-token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,}$/;

/**
 * The browser host's access token, kept in the data folder (owner-only) so a host restarted on the same data
 * keeps its address and an open page reconnects by itself. Anyone who can read the data folder can read the
 * library anyway; `fresh` makes a new one (after sharing the address by mistake, say).
 */
export function hostToken(dataDir: string, options: { fresh?: boolean } = {}): string {
  const file = path.join(dataDir, TOKEN_FILE);
  if (!options.fresh) {
    try {
      const saved = readFileSync(file, 'utf8').trim();
      if (TOKEN_SHAPE.test(saved)) return saved;
    } catch {
      // No token yet (or unreadable): make one.
    }
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
