import { existsSync } from 'node:fs';
import path from 'node:path';
import { LibraryFilter, LibrarySort } from '@contract';
import { fail } from '../../core/app-error';
import type { LibraryService } from '../../services/library/library-service';
import { line, printable, type Output } from '../context';

interface Ctx {
  out: Output;
  library: { dir: string; service: LibraryService };
}

/** `imagine import FILE…`: images and videos into the library, as the app's Import does. */
export async function importCommand(ctx: Ctx, files: string[]): Promise<number> {
  if (files.length === 0) fail({ kind: 'validation', message: 'Name the files to import: imagine import photo.jpg clip.mp4', issues: [] });
  const imported: string[] = [];
  const rejected: { name: string; reason: string }[] = [];
  for (const [i, file] of files.entries()) {
    ctx.out.progress(`Importing ${i + 1}/${files.length}: ${file}`);
    const result = await ctx.library.service.importFiles({ kind: 'paths', paths: [path.resolve(file)] });
    imported.push(...result.imported);
    rejected.push(...result.rejected);
  }
  const records = ctx.library.service.records(imported);
  ctx.out.result({ imported: records.map((r) => printable(ctx.library.dir, r)), rejected }, () => records.map(line));
  for (const r of rejected) ctx.out.progress(`Refused ${r.name}: ${r.reason}`);
  return rejected.length > 0 ? 2 : 0;
}

/** `imagine search [TEXT]`: the Library's search syntax (tag:, -tag:, rating:, -word), newest first. */
export function searchCommand(ctx: Ctx, text: string, options: { limit: number; sort: string; trashed: boolean }): number {
  const sort = LibrarySort.safeParse(options.sort);
  if (!sort.success) fail({ kind: 'validation', message: `Unknown sort "${options.sort}": use ${LibrarySort.options.join(', ')}.`, issues: [] });
  const filter = LibraryFilter.parse({ trashed: options.trashed, ...(text.trim() ? { text } : {}) });
  const page = ctx.library.service.query({ filter, sort: sort.data, limit: options.limit });
  const records = ctx.library.service.records(page.ids);
  const total = `${page.total}${page.totalCapped ? '+' : ''}`;
  ctx.out.result({ total: page.total, totalCapped: page.totalCapped, items: records.map((r) => printable(ctx.library.dir, r)) }, () => [
    ...records.map(line),
    `${records.length} shown of ${total}`,
  ]);
  return 0;
}

/** `imagine export ID… --to DIR`: copies out of the library, as the app's Export does (never overwriting). */
export async function exportCommand(ctx: Ctx, ids: string[], options: { to: string | undefined; format: string; strip: boolean }): Promise<number> {
  if (!options.to) fail({ kind: 'validation', message: 'Say where to: imagine export ID… --to FOLDER', issues: [] });
  if (ids.length === 0) fail({ kind: 'validation', message: 'Name the items to export by id (imagine search shows them).', issues: [] });
  const bad = ids.find((id) => !/^[0-9a-f]{32}$/.test(id));
  if (bad) fail({ kind: 'validation', message: `"${bad}" is not an item id.`, issues: [] });
  if (!['original', 'png', 'jpeg', 'webp'].includes(options.format)) {
    fail({ kind: 'validation', message: `Unknown format "${options.format}": use original, png, jpeg or webp.`, issues: [] });
  }
  const targetDir = path.resolve(options.to);
  if (!existsSync(targetDir)) fail({ kind: 'validation', message: `The folder ${targetDir} does not exist.`, issues: [] });
  ctx.out.progress(`Exporting ${ids.length} item(s) to ${targetDir}`);
  const { files } = await ctx.library.service.exportItems({
    ids, targetDir, format: options.format as 'original', metadata: options.strip ? 'strip' : 'keep',
  });
  ctx.out.result({ files }, () => files.map((f) => `${f.id}  ${f.path}`));
  return files.length < ids.length ? 11 : 0;
}
