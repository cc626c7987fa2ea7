import type { LibraryRecord, ShareLink } from '@contract';
import { useEffect, useState } from 'react';
import { invoke, mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { formatBytes, itemName } from '../library/format';
import { copyLink, expiresText, listShares, revokeShare } from './share-commands';

/** Every share link in one place: what is out there, until when, with Copy and Revoke; ended links on request. */
export function SharedView(props: { onOpen(id: string): void }) {
  const version = useStudio((s) => s.library.shareVersion);
  const [ended, setEnded] = useState(false);
  const [state, setState] = useState<{ links: ShareLink[]; records: Map<string, LibraryRecord> } | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const links = await listShares(undefined, ended);
      const ids = [...new Set(links.map((l) => l.itemId))].slice(0, 1000);
      const records = ids.length ? (await invoke('library:records', { ids }).catch(() => ({ records: [] }))).records : [];
      if (live) setState({ links, records: new Map(records.map((r) => [r.id, r])) });
    })();
    return () => {
      live = false;
    };
  }, [version, ended]);

  if (!state) return <p role="status">Loading share links…</p>;
  const liveCount = state.links.filter((l) => l.state === 'live').length;
  return (
    <div className="shared-view" aria-label="Shared">
      <div className="shared-head">
        <p role="status" className="lib-dup-status">
          {liveCount === 0 ? 'No live share links. Open an item and choose “Create share link”.' : `${liveCount} live share link${liveCount === 1 ? '' : 's'}.`}
        </p>
        <label className="lib-check-field">
          <input type="checkbox" checked={ended} onChange={(e) => setEnded(e.target.checked)} />
          Show expired and revoked
        </label>
      </div>
      <ul className="share-list shared-list" aria-label="Share links">
        {state.links.map((link) => {
          const r = state.records.get(link.itemId);
          const name = r ? itemName(r, 60) || 'Untitled' : 'Deleted item';
          return (
            <li key={link.id} className={`share-row shared-row share-${link.state}`}>
              <button type="button" className="shared-thumb" aria-label={`Open ${name}`} disabled={!r} onClick={() => props.onOpen(link.itemId)}>
                {r?.thumb && !r.missing ? <img src={mediaUrl(r.thumb)} alt="" /> : null}
              </button>
              <div className="shared-text">
                <span className="lib-dup-name">{name}</span>
                <a href={link.url} target="_blank" rel="noreferrer noopener" className="share-url">
                  {link.url}
                </a>
                <span className="share-when">
                  {expiresText(link)} · {link.mime} · {formatBytes(link.bytes)}
                </span>
              </div>
              {link.state === 'live' && (
                <div className="shared-actions">
                  <button type="button" className="lib-button" aria-label={`Copy link to ${name}`} onClick={() => void copyLink(link.url)}>
                    Copy link
                  </button>
                  <button type="button" className="lib-button lib-danger" aria-label={`Revoke link to ${name}`} onClick={() => void revokeShare(link.id)}>
                    Revoke
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
