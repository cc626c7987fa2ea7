/**
 * `imagine`: the studio's command line, on the same core as the app (npm bin; `npm run imagine -- …` in the repo).
 *
 *   imagine import FILE…                 images and videos into the library
 *   imagine search [TEXT] [--limit N]    the Library's search syntax: tag:x -tag:y rating:>=4 -word "a phrase"
 *   imagine export ID… --to DIR [--format original|png|jpeg|webp] [--strip]
 *   imagine jobs [--limit N]             the image queue as the app keeps it
 *   imagine generate PROMPT [-n N] [--model M] [--aspect-ratio R] [--resolution 1k|2k] [--quality auto|low|medium]
 *   imagine edit INSTRUCTION SOURCE… [-n N] [--model M] [--resolution] [--quality] [--aspect-ratio R]   (file or item id)
 *   imagine video PROMPT [--image FILE|ID] [--model M] [--duration S] [--resolution 480p|720p] [--aspect-ratio R]
 *                                        paid: through the app's paid-work pipeline (paced, budgeted, staged, ledger)
 *
 * Global: --json (results as JSON on stdout; progress always on stderr), --data-dir DIR (IMAGINE_DATA_DIR; the
 * app's data folder by default), --api-base-url URL (IMAGINE_API_BASE_URL). It writes into the library the app
 * uses while the app is open (SQLite WAL; the app notices within a second). Exit codes: cli/exit-codes.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../adapters/default-data-dir';
import { makeProcessPrivate } from '../adapters/private-files';
import { toAppError } from '../core/app-error';
import { exportCommand, importCommand, searchCommand } from './commands/library-commands';
import { jobsCommand } from './commands/jobs-command';
import { createOutput, openCliLibrary } from './context';
import { exitCodeOf } from './exit-codes';
import { generateCommand } from './commands/generate-command';
import { editCommand } from './commands/edit-command';
import { videoCommand } from './commands/video-command';
import { apiBaseUrl, cliApiKey } from './connection';
import { fail } from '../core/app-error';
import { validationError } from '../core/xai';

// The library and data folder it writes are private (0700/0600), as the app's are.
makeProcessPrivate();

const USAGE = `Usage: imagine <command> [options]

Commands:
  import FILE…                       add images and videos to the library
  search [TEXT]                      find items (tag:x -tag:y rating:>=4 -word "a phrase")
  export ID… --to DIR                copy items out (--format original|png|jpeg|webp, --strip)
  jobs                               list the image queue
  generate PROMPT                    make images (-n N, --model, --aspect-ratio, --resolution, --quality)
  edit INSTRUCTION SOURCE…           edit images: files or library ids (-n N, --model, --resolution, --quality)
  video PROMPT                       make a video (--image FILE|ID, --model, --duration, --resolution, --aspect-ratio)

Options:
  --json                             results as JSON on stdout (progress stays on stderr)
  --data-dir DIR                     the app's data folder (IMAGINE_DATA_DIR)
  --api-base-url URL                 xAI API base URL (IMAGINE_API_BASE_URL)
  --limit N                          how many results (search, jobs; default 50)
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        'api-base-url': { type: 'string' },
        limit: { type: 'string' },
        sort: { type: 'string', default: 'newest' },
        trash: { type: 'boolean', default: false },
        to: { type: 'string' },
        format: { type: 'string', default: 'original' },
        strip: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        count: { type: 'string', short: 'n', default: '1' },
        model: { type: 'string' },
        'aspect-ratio': { type: 'string' },
        resolution: { type: 'string' },
        image: { type: 'string' },
        duration: { type: 'string' },
        quality: { type: 'string' },
      },
    });
  } catch (err) {
    process.stderr.write(`imagine: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const out = createOutput(values.json);
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? process.env.IMAGINE_DATA_DIR ?? defaultDataDir());
  const limit = Number(values.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50_000) {
    out.error({ kind: 'validation', message: '--limit must be a whole number from 1 to 50000.', issues: [] });
    return 2;
  }
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  try {
    if (command === 'jobs') return jobsCommand(out, dataDir, limit);
    if (!['import', 'search', 'export', 'generate', 'edit', 'video'].includes(command)) {
      process.stderr.write(`imagine: unknown command "${command}"\n\n${USAGE}`);
      return 2;
    }
    const library = openCliLibrary(dataDir, pkg.version);
    try {
      const ctx = { out, library };
      if (command === 'import') return await importCommand(ctx, rest);
      if (['generate', 'edit', 'video'].includes(command)) {
        const paid = { out, library, dataDir, baseUrl: apiBaseUrl(values['api-base-url'] ?? process.env.IMAGINE_API_BASE_URL), getApiKey: cliApiKey };
        const s = library.settings;
        const n = Number(values.count);
        if (!Number.isInteger(n)) fail(validationError([{ path: 'n', message: '-n must be a whole number.' }]));
        if (command === 'generate') {
          return await generateCommand(paid, rest.join(' '), {
            n, model: values.model ?? s.imageModel, aspectRatio: values['aspect-ratio'] ?? s.imageAspectRatio, resolution: values.resolution ?? s.imageResolution,
            quality: values.quality,
          });
        }
        if (command === 'edit') {
          return await editCommand(paid, rest, {
            n, model: values.model ?? s.imageModel, resolution: values.resolution ?? s.imageResolution, quality: values.quality, aspectRatio: values['aspect-ratio'],
          });
        }
        const duration = Number(values.duration ?? s.videoDurationSec);
        return await videoCommand(paid, rest.join(' '), {
          image: values.image, model: values.model ?? s.videoModel, duration, resolution: values.resolution ?? s.videoResolution, aspectRatio: values['aspect-ratio'],
        });
      }
      if (command === 'search') return searchCommand(ctx, rest.join(' '), { limit, sort: values.sort, trashed: values.trash });
      return await exportCommand(ctx, rest, { to: values.to, format: values.format, strip: values.strip });
    } finally {
      await library.close();
    }
  } catch (err) {
    const error = toAppError(err);
    out.error(error);
    return exitCodeOf(error.kind);
  }
}
