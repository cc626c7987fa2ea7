/**
 * `imagine edit "INSTRUCTION" SOURCE… [-n N] [--model M] [--resolution 1k|2k] [--quality …] [--aspect-ratio R]`:
 * SOURCE is an image file or a library item id. The app's edit service on the CLI's pipeline: the same source
 * checks (re-encoded to what xAI takes), the same request, staging, ledger row and `edited-from` lineage as in the
 * app; files given as sources are imported first, so the results have a parent to point at.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EditSubmitInput } from '@contract';
import { createFsEditSourceStore } from '../../adapters/edit/fs-edit-source-store';
import { createSharpSourceNormalizer } from '../../adapters/edit/sharp-source-normalizer';
import { systemClock } from '../../adapters/system-clock';
import { createEditService } from '../../services/edit/edit-service';
import type { Output } from '../context';
import { openPaidWork, quiet, type PaidCommandContext } from './paid-context';

export async function editCommand(
  ctx: PaidCommandContext,
  args: string[],
  opts: { n: number; model: string; resolution: string; quality: string | undefined; aspectRatio: string | undefined },
): Promise<number> {
  const [prompt = '', ...sources] = args;
  const paid = openPaidWork(ctx);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'imagine-edit-sources-'));
  try {
    const { service } = ctx.library;
    const edit = createEditService({
      api: paid.api, library: { ingest: service.ingest, item: service.item, read: (r) => ctx.library.files.read(r.file) },
      normalizer: createSharpSourceNormalizer(), sources: createFsEditSourceStore(temp), clock: systemClock, logger: quiet,
      spend: paid.spend, work: paid.work, timeoutMs: () => paid.settings.requestTimeoutSec * 1000,
    });
    const refs = [];
    for (const source of sources) {
      const isFile = existsSync(source);
      const prepared = await edit.prepare(isFile
        ? { bytesBase64: readFileSync(source).toString('base64'), name: path.basename(source) }
        : { itemId: source });
      for (const notice of prepared.notices) ctx.out.progress(`${prepared.name}: ${notice}`);
      refs.push({ id: prepared.id, rotate: 0 as const, crop: null });
    }
    const input = EditSubmitInput.parse({
      sources: refs, prompt, model: opts.model, n: opts.n, resolution: opts.resolution,
      ...(opts.quality ? { quality: opts.quality } : {}), ...(opts.aspectRatio ? { aspectRatio: opts.aspectRatio } : {}),
    });
    ctx.out.progress(`Editing ${refs.length} image${refs.length === 1 ? '' : 's'} with ${input.model}…`);
    const result = await edit.submit(input);
    if (result.notice) ctx.out.progress(result.notice);
    printEdit(ctx.out, ctx.library.dir, result);
    return 0;
  } finally {
    paid.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

function printEdit(out: Output, dir: string, r: { results: { itemId: string; file: string }[]; blocked: number; requestId: string | null; costTicks: number | null; sourceItemIds: string[] }) {
  const items = r.results.map((x) => ({ ...x, path: path.join(dir, ...x.file.split('/')) }));
  out.progress(`Saved ${items.length}`);
  out.result({ ...r, results: items }, () => [...items.map((i) => i.path), ...(r.blocked ? [`${r.blocked} withheld by xAI's content policy.`] : [])]);
}
