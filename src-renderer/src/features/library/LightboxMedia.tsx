import type { LibraryRecord } from '@contract';
import { useEffect, useState } from 'react';
import { mediaUrl } from '../../lib/api';
import { itemName } from './format';

/**
 * The full image (the preview at once, the original when it has loaded) or the video with controls. Previews are
 * rendered in the background just after an item arrives, so a preview that is not there yet (404) falls back to
 * the original file (a video whose poster is missing shows its first frame instead).
 */
export function LightboxMedia(props: { record: LibraryRecord }) {
  const { record } = props;
  const [fullLoaded, setFullLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [previewFailed, setPreviewFailed] = useState(false);
  const preview = previewFailed ? null : record.preview;

  useEffect(() => {
    // State starts fresh per item: the parent keys this component by id.
    if (record.kind !== 'image' || record.missing) return;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => setFullLoaded(true);
    img.onerror = () => setFailed(true);
    img.src = mediaUrl(record.file);
    return () => {
      img.onload = null;
      img.onerror = null;
    };
  }, [record.id, record.kind, record.file, record.missing]);

  if (record.missing) return <div className="lb-missing">The file is missing from the library folder.</div>;
  if (record.kind === 'video') {
    return (
      <video
        key={record.id}
        className="lb-media"
        controls
        preload="metadata"
        poster={preview ? mediaUrl(preview) : undefined}
        src={mediaUrl(record.file)}
        aria-label={itemName(record)}
      />
    );
  }
  const showPreview = !fullLoaded && preview !== null;
  const src = showPreview ? mediaUrl(preview) : mediaUrl(record.file);
  if (failed && !showPreview) return <div className="lb-missing">This image could not be shown.</div>;
  return (
    <img
      key={record.id}
      className="lb-media"
      src={src}
      alt={itemName(record, 200)}
      onError={showPreview ? () => setPreviewFailed(true) : undefined}
    />
  );
}
