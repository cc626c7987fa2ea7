import type { DuplicateReport, LibraryRecord } from '@contract';
import { useEffect, useState } from 'react';
import { invoke, mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { formatBytes, formatCount, formatDate, itemName } from './format';
import { chunk } from './grid-window';
import { trashItems } from './item-commands';
import { errorText } from './query-commands';

/** While images still wait for their perceptual hash, the report is asked for again this often. */
const PENDING_POLL_MS = 2000;

async function loadRecords(report: DuplicateReport): Promise<Map<string, LibraryRecord>> {
  const ids = report.groups.flatMap((g) => g.ids);
  const out = new Map<string, LibraryRecord>();
  for (const part of chunk(ids, 1000)) for (const r of (await invoke('library:records', { ids: part })).records) out.set(r.id, r);
  return out;
}

/**
 * "Find duplicates": sets of exact copies (same bytes) and near copies (the same picture resized, re-encoded or
 * lightly cropped), each with a suggested one to keep. "Keep this one" moves the others of its set to the trash
 * (with Undo); "Trash" moves one copy. Follows the library as it changes.
 */
export function DuplicatesView(props: { onOpen(id: string): void }) {
  const [report, setReport] = useState<DuplicateReport | null>(null);
  const [records, setRecords] = useState<Map<string, LibraryRecord>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const generation = useStudio((s) => s.library.generation);

  const [tick, setTick] = useState(0);

  // Every grid refresh (a library change) may make or break a set; `tick` asks again while hashes are being made.
  useEffect(() => {
    let live = true;
    invoke('library:duplicates', {})
      .then(async (next) => ({ next, found: await loadRecords(next) }))
      .then(
        ({ next, found }) => {
          if (!live) return;
          setRecords(found);
          setReport(next);
          setError(null);
        },
        (err: unknown) => live && setError(errorText(err)),
      );
    return () => {
      live = false;
    };
  }, [generation, tick]);
  useEffect(() => {
    if (!report?.pending) return;
    const timer = setTimeout(() => setTick((t) => t + 1), PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [report]);

  if (error) return <p className="lib-error" role="alert">Could not look for duplicates: {error}</p>;
  if (!report) return <p className="lib-dup-status" role="status">Looking for duplicates…</p>;
  const copies = report.groups.reduce((n, g) => n + g.ids.length - 1, 0);
  return (
    <div className="lib-dups" aria-label="Duplicates">
      <p className="lib-dup-status" role="status">
        {report.groups.length === 0
          ? `No copies among ${formatCount(report.images, 'image')}.`
          : `${formatCount(report.groups.length, 'set')} of copies (${copies.toLocaleString()} extra ${copies === 1 ? 'copy' : 'copies'}) among ${formatCount(report.images, 'image')}.`}
        {report.pending > 0 && ` Still checking ${formatCount(report.pending, 'image')}…`}
        {report.truncated && ' Showing the largest sets first.'}
      </p>
      {report.groups.map((group) => {
        const others = group.ids.filter((id) => id !== group.keep);
        const label = `${group.kind === 'exact' ? 'Exact copies' : 'Near copies'} (${group.ids.length})`;
        return (
          <section key={group.ids.join()} className="lib-dup-group" aria-label={label}>
            <header className="lib-dup-head">
              <h3>{label}</h3>
              <button type="button" className="lib-button" onClick={() => void trashItems(others)}>
                Keep the suggested one, trash {others.length === 1 ? 'the other' : `the other ${others.length}`}
              </button>
            </header>
            <ul className="lib-dup-items">
              {group.ids.map((id) => {
                const r = records.get(id);
                if (!r) return null;
                const name = itemName(r, 40) || 'Untitled';
                return (
                  <li key={id} className={id === group.keep ? 'lib-dup-item lib-dup-keep' : 'lib-dup-item'}>
                    <button type="button" className="lib-dup-thumb" aria-label={`Open ${name}`} onClick={() => props.onOpen(id)}>
                      {r.thumb && !r.missing ? <img src={mediaUrl(r.thumb)} alt="" loading="lazy" /> : <span>No preview</span>}
                    </button>
                    <p className="lib-dup-facts">
                      <span className="lib-dup-name">{name}</span>
                      <span>
                        {r.width && r.height ? `${r.width} × ${r.height}` : ''} · {formatBytes(r.bytes)}
                        {r.rating > 0 ? ` · ${'★'.repeat(r.rating)}` : ''}
                        {r.favorite ? ' · favorite' : ''}
                      </span>
                      <span>{formatDate(r.createdAt)}</span>
                      {id === group.keep && <span className="lib-dup-badge">Suggested keep</span>}
                    </p>
                    <div className="lib-dup-actions">
                      <button type="button" className="lib-button" aria-label={`Keep ${name}, trash its copies`} onClick={() => void trashItems(group.ids.filter((x) => x !== id))}>
                        Keep this one
                      </button>
                      <button type="button" className="lib-button lib-danger" aria-label={`Trash ${name}`} onClick={() => void trashItems([id])}>
                        Trash
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
