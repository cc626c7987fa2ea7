/**
 * `npm run host`: Imagine Studio in a browser, on machines with or without an Electron binary. Runs the same
 * main core as the desktop app and serves the built renderer on 127.0.0.1. Must never import `electron`.
 *
 *   --data-dir DIR       (IMAGINE_DATA_DIR)      default: the desktop app's data folder
 *   --port N             (IMAGINE_PORT)          default 0 = any free port
 *   --api-base-url URL   (IMAGINE_API_BASE_URL)  default https://api.x.ai/v1; https only (http to 127.0.0.1 for
 *                                               a local simulator or proxy). The key goes there: the page cannot
 *                                               change it, so giving it here is the confirmation.
 *   --library-dir DIR                           default <data>/library; must be empty, missing or a library
 *   --renderer-dir DIR                           default out/renderer
 *
 * It prints an address with a one-use token after `#`; opening it signs that browser tab in (other tabs of the same
 * browser join it), and the host prints a fresh address for the next one. The unspent address is also kept in
 * `<data>/host-token` (owner-only) for when this terminal is gone. See src-main/host/host-session.ts.
 *
 * The API key is read from the OS keychain (service `imagine-studio`, account `xai-api-key`) or from XAI_API_KEY.
 * IMAGINE_SECRET_STORE=memory swaps the keychain for a file-less in-memory store: for tests only, the key is
 * forgotten when the host exits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../adapters/default-data-dir';
import { createFileLogger } from '../adapters/file-logger';
import { systemClock } from '../adapters/system-clock';
import { KeytarSecretStore } from '../adapters/secrets/keytar-secret-store';
import { InMemorySecretStore } from '../core/secrets/secret-store';
import { startBrowserHost } from '../host/browser-host-server';
import { removeOpenAddress, saveOpenAddress } from '../host/host-token';
import { makeProcessPrivate } from '../adapters/private-files';
import { isDefaultApiOrigin, parseApiBaseUrl } from '../core/xai/api-origin';

// Before anything touches the data folder (the logger creates it): everything this process writes is private.
makeProcessPrivate();

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'api-base-url': { type: 'string' },
    'library-dir': { type: 'string' },
    'renderer-dir': { type: 'string' },
  },
});

const dataDir = path.resolve(values['data-dir'] ?? process.env.IMAGINE_DATA_DIR ?? defaultDataDir());
const port = Number(values.port ?? process.env.IMAGINE_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.IMAGINE_PORT}`);
  process.exit(2);
}
const rendererDir = path.resolve(values['renderer-dir'] ?? 'out/renderer');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const logger = createFileLogger(dataDir);

/** Prints (and keeps in the data folder) an address for the next browser tab: each one works once. */
function offerAddress(url: string) {
  saveOpenAddress(dataDir, url);
  console.log(`Open another window at ${url}`);
  // A fixed marker line that test fixtures read instead of the file.
  console.log(`IMAGINE_HOST_URL ${url}`);
}

const apiBaseUrl = values['api-base-url'] ?? process.env.IMAGINE_API_BASE_URL;
if (apiBaseUrl !== undefined) {
  const parsed = parseApiBaseUrl(apiBaseUrl);
  if (!parsed.ok) {
    console.error(`--api-base-url ${apiBaseUrl} refused: ${parsed.reason}`);
    process.exit(2);
  }
  if (!isDefaultApiOrigin(parsed.url)) console.log(`Your xAI API key will be sent to ${parsed.origin} (given with --api-base-url).`);
}
const libraryDir = values['library-dir'] === undefined ? undefined : path.resolve(values['library-dir']);

const host = await startBrowserHost({
  dataDir,
  port,
  onTicketSpent: () => offerAddress(host.newUrl()),
  rendererDir,
  apiBaseUrl,
  libraryDir,
  version: pkg.version,
  versions: { node: process.versions.node, v8: process.versions.v8 },
  clock: systemClock,
  logger,
  secrets: process.env.IMAGINE_SECRET_STORE === 'memory' ? new InMemorySecretStore() : new KeytarSecretStore({ logger }),
  envApiKey: process.env.XAI_API_KEY,
  envProviderKeys: { stability: process.env.STABILITY_API_KEY, minimax: process.env.MINIMAX_API_KEY },
  providerBaseUrls: { stability: process.env.IMAGINE_STABILITY_BASE_URL, minimax: process.env.IMAGINE_MINIMAX_BASE_URL },
}).catch((err: unknown) => {
  // A refused --library-dir (or address) is the user's to fix: say why, without a stack trace.
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});

logger.info('host: listening', { origin: host.origin, dataDir });
saveOpenAddress(dataDir, host.url);
console.log(`Imagine Studio is running at ${host.url}`);
console.log(`Data folder: ${dataDir}`);
// A fixed marker line that test fixtures wait for instead of sleeping.
console.log(`IMAGINE_HOST_READY ${host.url}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    removeOpenAddress(dataDir);
    void host.close().then(() => process.exit(0));
  });
}
