import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { fail } from '../../core/app-error';
import type { FileSink } from '../../core/desktop/export-files';

/** fflate writes no Zip64: past 4 GiB (or 65,535 entries) the archive would be corrupt, so refuse before that. */
const ZIP32_LIMIT = 0xffff_ffff - 64 * 1024 * 1024;

/**
 * A zip streamed into a file sink entry by entry, so a large export never sits in memory at once. Media are
 * stored (JPEG/PNG/WebP/MP4 are compressed already); text entries are deflated.
 */
export function createZipWriter(sink: FileSink) {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let total = 0;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  const names = new Set<string>();
  // fflate calls back synchronously while data is pushed; flush what it produced to disk after each entry.
  const flush = async () => {
    if (failure) throw failure;
    for (const chunk of chunks.splice(0)) {
      total += chunk.byteLength;
      if (total > ZIP32_LIMIT) fail({ kind: 'validation', message: 'This export is larger than 4 GB: export fewer items at a time.', issues: [] });
      await sink.write(chunk);
    }
  };
  /** A name not used yet in this zip (`a.jpg`, `a (2).jpg`…). */
  const unique = (name: string) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; names.has(candidate); n += 1) candidate = `${stem} (${n})${ext}`;
    names.add(candidate);
    return candidate;
  };

  return {
    unique,
    async add(name: string, bytes: Uint8Array, options: { mtime?: number; compress?: boolean } = {}) {
      const entry = options.compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      // Zip times are DOS times: 1980 onwards only.
      if (options.mtime !== undefined && options.mtime >= Date.UTC(1980, 0, 2)) entry.mtime = options.mtime;
      zip.add(entry);
      entry.push(bytes, true);
      await flush();
    },
    /** Writes the central directory and commits the file; returns its size. */
    async finish(): Promise<number> {
      zip.end();
      await flush();
      return sink.commit();
    },
  };
}
