import type { LibraryRecord, VideoJobView } from '@contract';
import { useEffect, useRef, useState } from 'react';
import { invoke, mediaUrl } from '../../lib/api';
import { VideoPlayer } from '../player/VideoPlayer';

/**
 * The source (start image, or the video that was edited or extended) beside the result. Two videos play together:
 * the result leads and the source follows it, re-synced when they drift apart by more than a tenth of a second.
 */
export function CompareView({ job }: { job: VideoJobView }) {
  const [source, setSource] = useState<LibraryRecord | null | 'gone'>(null);
  const follower = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!job.parentId) return;
    let live = true;
    invoke('library:item', { id: job.parentId })
      .then(({ record }) => live && setSource(record))
      .catch(() => live && setSource('gone'));
    return () => {
      live = false;
    };
  }, [job.parentId]);

  const sync = (r: HTMLVideoElement) => {
    const f = follower.current;
    if (!f) return;
    const target = Math.min(r.currentTime, Number.isFinite(f.duration) ? f.duration : r.currentTime);
    if (Math.abs(f.currentTime - target) > 0.1) f.currentTime = target;
    if (r.paused !== f.paused && f.currentTime < (f.duration || Infinity)) void (r.paused ? f.pause() : f.play().catch(() => {}));
  };

  if (!job.file) return null;
  if (source === 'gone' || !job.parentId) return <p className="video-muted">The source is no longer in the library.</p>;
  if (source === null) return <p className="video-muted">Loading the source…</p>;
  return (
    <div className="video-compare" role="group" aria-label="Compare with source">
      <figure>
        {source.kind === 'video' ? (
          <video ref={follower} src={mediaUrl(source.file)} muted playsInline aria-label="Source video" />
        ) : (
          <img src={mediaUrl(source.preview ?? source.file)} alt="Source image" />
        )}
        <figcaption>Source</figcaption>
      </figure>
      <figure>
        <VideoPlayer src={mediaUrl(job.file)} label="Result" videoLabel="Result video" onSync={sync} />
        <figcaption>Result</figcaption>
      </figure>
    </div>
  );
}
