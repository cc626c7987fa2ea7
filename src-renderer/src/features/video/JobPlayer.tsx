import type { VideoJobView } from '@contract';
import { useRef, useState } from 'react';
import { mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { VideoPlayer } from '../player/VideoPlayer';
import { saveFrame } from './commands';
import { CompareView } from './CompareView';
import { normalizeForm } from './form-model';

/** A finished job on the Video page: the shared player (playing as it opens), and Use this frame / Extend / Edit. */
export function JobPlayer({ job }: { job: VideoJobView }) {
  const video = useRef<HTMLVideoElement>(null);
  const [comparing, setComparing] = useState(false);
  const patch = useStudio((s) => s.patchVideoForm);
  const close = useStudio((s) => s.playVideoJob);
  // Edit and extend are documented for grok-imagine-video only (xai-imagine-api-updates.md §1 #16): normalizeForm
  // moves the form onto a model that does the mode.
  const reuse = (mode: 'extend' | 'edit') => job.itemId && patch(normalizeForm({
    ...useStudio.getState().video.form, mode, prompt: '', video: { itemId: job.itemId, thumb: job.poster, durationMs: job.durationMs },
  }), false);

  if (!job.file) return null;
  return (
    <section className="video-player" aria-label="Video player">
      <div className="video-player-head">
        <h2>{job.prompt || 'Video'}</h2>
        <button type="button" onClick={() => close(null)} aria-label="Close player">×</button>
      </div>
      <VideoPlayer src={mediaUrl(job.file)} poster={job.poster ? mediaUrl(job.poster) : null} label="Preview" autoPlay videoRef={video} />
      <div className="video-controls">
        <button type="button" disabled={!job.itemId} onClick={() => job.itemId && void saveFrame(job.itemId, video.current?.currentTime ?? 0)}>
          Use this frame
        </button>
        <button type="button" onClick={() => reuse('extend')}>Extend</button>
        <button type="button" onClick={() => reuse('edit')}>Edit</button>
        {job.parentId ? (
          <button type="button" aria-pressed={comparing} onClick={() => setComparing(!comparing)}>Compare with source</button>
        ) : null}
      </div>
      {comparing ? <CompareView job={job} /> : null}
    </section>
  );
}
