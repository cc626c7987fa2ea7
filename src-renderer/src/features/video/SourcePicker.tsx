import type { LibraryRecord } from '@contract';
import { useEffect, useState } from 'react';
import { invoke, mediaUrl } from '../../lib/api';

interface Props {
  kind: 'image' | 'video';
  /** Ids currently chosen (highlighted). */
  selected: readonly string[];
  onPick(record: LibraryRecord): void;
  label: string;
}

/** Recent library items of one kind as a strip of thumbnails to pick from (newest first). */
export function SourcePicker({ kind, selected, onPick, label }: Props) {
  const [records, setRecords] = useState<LibraryRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { ids } = await invoke('library:query', { filter: { kind, trashed: false }, sort: 'newest', limit: 48 });
        const { records: found } = ids.length ? await invoke('library:records', { ids }) : { records: [] };
        if (live) setRecords(found.filter((r) => !r.missing));
      } catch {
        if (live) setRecords([]);
      }
    })();
    return () => {
      live = false;
    };
  }, [kind]);

  if (records === null) return <p className="video-muted">Loading the library…</p>;
  if (records.length === 0) return <p className="video-muted">No {kind === 'image' ? 'images' : 'videos'} in the library yet.</p>;
  return (
    <div className="video-picker" role="group" aria-label={label}>
      {records.map((r) => (
        <button
          key={r.id}
          type="button"
          className="video-pick"
          aria-pressed={selected.includes(r.id)}
          aria-label={`${kind === 'image' ? 'Image' : 'Video'}: ${r.prompt || r.id}${r.durationMs ? ` (${(r.durationMs / 1000).toFixed(1)} s)` : ''}`}
          onClick={() => onPick(r)}
        >
          {r.thumb ? <img src={mediaUrl(r.thumb)} alt="" loading="lazy" /> : <span>{r.prompt.slice(0, 20)}</span>}
          {r.durationMs ? <small>{(r.durationMs / 1000).toFixed(1)} s</small> : null}
        </button>
      ))}
    </div>
  );
}
