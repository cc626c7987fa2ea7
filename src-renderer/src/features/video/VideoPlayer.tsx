import type { VideoJobView } from '@contract';
import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { saveFrame } from './commands';
import { normalizeForm } from './form-model';
import { CompareView } from './CompareView';

/** xAI does not report a frame rate; 1/24 s is the step people expect from editors. */
const FRAME = 1 / 24;
const SPEEDS = [0.25, 0.5, 1, 1.5, 2];
const clock = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(2).padStart(5, '0')}`;

/** The preview player for a finished job: play/pause, loop, frame step, speed, a timeline, and Extend/Edit. */
export function VideoPlayer({ job }: { job: VideoJobView }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState((job.durationMs ?? 0) / 1000);
  const [comparing, setComparing] = useState(false);
  const patch = useStudio((s) => s.patchVideoForm);
  const close = useStudio((s) => s.playVideoJob);

  useEffect(() => {
    if (ref.current) ref.current.playbackRate = speed;
  }, [speed]);

  const video = () => ref.current;
  const toggle = () => {
    const v = video();
    if (!v) return;
    if (v.paused) void v.play().catch(() => setPlaying(false));
    else v.pause();
  };
  const seek = (t: number) => {
    const v = video();
    if (!v) return;
    v.currentTime = Math.max(0, Math.min(t, v.duration || duration));
    setTime(v.currentTime);
  };
  const step = (dir: 1 | -1) => {
    video()?.pause();
    seek((video()?.currentTime ?? 0) + dir * FRAME);
  };
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
      <video
        ref={ref}
        src={mediaUrl(job.file)}
        poster={job.poster ? mediaUrl(job.poster) : undefined}
        loop={loop}
        playsInline
        aria-label="Preview"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onClick={toggle}
      />
      <input className="video-timeline" type="range" aria-label="Timeline" min={0} max={duration || 0} step={0.01} value={time}
        onChange={(e) => seek(Number(e.target.value))} />
      <div className="video-controls">
        <button type="button" onClick={toggle}>{playing ? 'Pause' : 'Play'}</button>
        <button type="button" onClick={() => step(-1)} aria-label="Previous frame">◀︎|</button>
        <button type="button" onClick={() => step(1)} aria-label="Next frame">|▶︎</button>
        <span className="video-time" aria-label="Time">{clock(time)} / {clock(duration)}</span>
        <label className="video-chip"><input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />Loop</label>
        <label className="video-chip">
          Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <span className="video-spacer" />
        <button type="button" disabled={!job.itemId} onClick={() => job.itemId && void saveFrame(job.itemId, video()?.currentTime ?? time)}>
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
