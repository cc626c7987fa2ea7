import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Inside the data folder: the address that opens the running host right now (owner-only). */
export const HOST_TOKEN_FILE = 'host-token';

/**
 * Keeps the one unspent address of the running host in `<data>/host-token`, for when the terminal that printed it
 * is gone. It works once, and only for whoever can read the file: the owner (0600, in a 0700 folder), who can read
 * the library anyway. Rewritten each time a ticket is spent, removed when the host stops.
 */
export function saveOpenAddress(dataDir: string, url: string): void {
  const file = path.join(dataDir, HOST_TOKEN_FILE);
  writeFileSync(file, url + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function removeOpenAddress(dataDir: string): void {
  rmSync(path.join(dataDir, HOST_TOKEN_FILE), { force: true });
}
