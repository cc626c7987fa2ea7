import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DesktopIntegration } from '../../core/desktop/ports';
import { createPathGrants } from '../../core/desktop/path-grants';
import type { ExportFiles } from '../../core/desktop/export-files';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import type { Clock, Logger } from '../../core/ports';
import type { LibraryService } from '../library/library-service';
import { createDesktopHandlers } from './desktop-handlers';
import { createDownloads } from './downloads';
import { createExportService } from './export-service';

/** 32 random bytes, URL-safe: unguessable, and fits the contract's PathToken. */
const randomToken = () => randomBytes(32).toString('base64url');
/** Unfetched downloads are looked for this often (they expire after an hour). */
const SWEEP_MS = 5 * 60 * 1000;

/**
 * Getting media out (and chosen files in): main-issued path tokens, zips and single files, one-time browser
 * downloads and the shell's desktop integration. The composition root spreads `handlers` after the library's.
 */
export function createExportModule(deps: {
  dataDir: string;
  desktop: DesktopIntegration | null;
  library: LibraryService;
  files: LibraryFiles;
  media: MediaProcessor;
  out: ExportFiles;
  toPng(bytes: Uint8Array, size?: number): Promise<Uint8Array>;
  clock: Clock;
  logger: Logger;
}) {
  const now = () => deps.clock.now();
  const grants = createPathGrants({ now, randomToken });
  const downloads = createDownloads({ dir: path.join(deps.dataDir, 'exports'), files: deps.out, now, randomToken, logger: deps.logger });
  const exports = createExportService({ library: deps.library, files: deps.files, media: deps.media, out: deps.out, grants, downloads, now });
  const timer = setInterval(() => downloads.sweep(), SWEEP_MS);
  timer.unref();
  return {
    handlers: createDesktopHandlers({ desktop: deps.desktop, grants, library: deps.library, files: deps.files, exports, toPng: deps.toPng }),
    downloads,
    grants,
    dispose: () => clearInterval(timer),
  };
}
export type ExportModule = ReturnType<typeof createExportModule>;
