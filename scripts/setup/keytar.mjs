// keytar (the OS keychain) is an optional dependency: its native build needs libsecret-1-dev on Linux, and npm
// drops an optional package whose install script fails instead of failing all of `npm ci`. These helpers tell
// whether it is there and built. Plain JavaScript for any Node >= 18.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './node24.mjs';

export function keytarBuilt(root = repoRoot) {
  return existsSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'));
}
