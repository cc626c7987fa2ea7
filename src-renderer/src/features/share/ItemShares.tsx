import type { LibraryRecord, ShareLink } from '@contract';
import { useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import { copyLink, expiresText, listShares, revokeShare } from './share-commands';
import { ShareDialog } from './ShareDialog';

/** The viewer's "Share" block: this item's live links (copy, revoke) and "Create share link". */
export function ItemShares(props: { record: LibraryRecord }) {
  const { record } = props;
  const version = useStudio((s) => s.library.shareVersion);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [sharing, setSharing] = useState(false);

  useEffect(() => {
    let live = true;
    void listShares(record.id).then((l) => live && setLinks(l));
    return () => {
      live = false;
    };
  }, [record.id, version]);

  return (
    <section className="share-item" aria-label="Share links">
      <h3>Share</h3>
      <ul className="share-list">
        {links.map((link) => (
          <li key={link.id} className="share-row">
            <a href={link.url} target="_blank" rel="noreferrer noopener" className="share-url">
              {link.url}
            </a>
            <span className="share-when">{expiresText(link)}</span>
            <button type="button" className="lib-button" onClick={() => void copyLink(link.url)}>
              Copy link
            </button>
            <button type="button" className="lib-button lib-danger" onClick={() => void revokeShare(link.id)}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {!record.missing && (record.kind === 'image' || record.mime === 'video/mp4') && (
        <button type="button" className="lib-button" onClick={() => setSharing(true)}>
          Create share link
        </button>
      )}
      {sharing && <ShareDialog itemId={record.id} onClose={() => setSharing(false)} />}
    </section>
  );
}
