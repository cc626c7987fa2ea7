import { useEffect, useImperativeHandle, useRef, useState, type Ref, type SyntheticEvent } from 'react';
import { useFullscreen } from '../viewer/use-fullscreen';
import './player.css';

/** xAI does not report a frame rate; 1/24 s is the step people expect from editors. */
const FRAME = 1 / 24;
const SPEEDS = [0.25, 0.5, 1, 1.5, 2];
const clock = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(2).padStart(5, '0')}`;

export interface VideoPlayerProps {
  src: string;
  poster?: string | null;
  /** Names the player's group ("Video player" on the Video page) and its video. */
  label: string;
  videoLabel?: string;
  /** Starts playing once loaded (opening a finished job plays it). */
  autoPlay?: boolean;
  muted?: boolean;
  /** Another element that should follow this one (the compare view's source); called on every time/state change. */
  onSync?: (video: HTMLVideoElement) => void;
  /** The element, for callers that read the current time ("Use this frame"). */
  videoRef?: Ref<HTMLVideoElement>;
  className?: string;
}

/**
 * The one video player of the app (Video page, Library viewer, compare view): our own named controls — Play/Pause,
 * Previous/Next frame, a timeline, Mute, Volume, Loop, Speed and Full screen — never the browser's, so every place
 * looks and behaves the same and every control can be reached by its name.
 */
export function VideoPlayer(props: VideoPlayerProps) {
  const root = useRef<HTMLDivElement>(null);
  const ref = useRef<HTMLVideoElement>(null);
  useImperativeHandle(props.videoRef, () => ref.current as HTMLVideoElement, []);
  const fullscreen = useFullscreen(root);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [muted, setMuted] = useState(props.muted ?? false);
  const [volume, setVolume] = useState(1);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useEffect(() => {
    if (ref.current) ref.current.playbackRate = speed;
  }, [speed]);
  useEffect(() => {
    if (!ref.current) return;
    ref.current.muted = muted;
    ref.current.volume = volume;
  }, [muted, volume]);

  const v = () => ref.current;
  const sync = (e: SyntheticEvent<HTMLVideoElement>) => props.onSync?.(e.currentTarget);
  const toggle = () => {
    const el = v();
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const seek = (t: number) => {
    const el = v();
    if (!el) return;
    el.currentTime = Math.max(0, Math.min(t, el.duration || duration));
    setTime(el.currentTime);
  };
  const step = (dir: 1 | -1) => {
    v()?.pause();
    seek((v()?.currentTime ?? 0) + dir * FRAME);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === ' ' || e.key === 'k') toggle();
    else if (e.key === ',') step(-1);
    else if (e.key === '.') step(1);
    else if (e.key === 'm') setMuted(!muted);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={root} className={`player${fullscreen.on ? ' player-full' : ''}${props.className ? ` ${props.className}` : ''}`} role="group" aria-label={props.label} onKeyDown={onKey}>
      <video
        ref={ref}
        className="player-video"
        src={props.src}
        poster={props.poster ?? undefined}
        loop={loop}
        autoPlay={props.autoPlay}
        muted={muted}
        playsInline
        preload="metadata"
        aria-label={props.videoLabel ?? props.label}
        onPlay={(e) => {
          setPlaying(true);
          sync(e);
        }}
        onPause={(e) => {
          setPlaying(false);
          sync(e);
        }}
        onSeeked={sync}
        onTimeUpdate={(e) => {
          setTime(e.currentTarget.currentTime);
          sync(e);
        }}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
        onClick={toggle}
      />
      <input className="player-timeline" type="range" aria-label="Timeline" min={0} max={duration || 0} step={0.01} value={time}
        onChange={(e) => seek(Number(e.target.value))} />
      <div className="player-controls">
        <button type="button" className="player-play" onClick={toggle} aria-keyshortcuts="Space">{playing ? 'Pause' : 'Play'}</button>
        <button type="button" onClick={() => step(-1)} aria-label="Previous frame" title="Previous frame (,)">◀︎|</button>
        <button type="button" onClick={() => step(1)} aria-label="Next frame" title="Next frame (.)">|▶︎</button>
        <span className="player-time" aria-label="Time">{clock(time)} / {clock(duration)}</span>
        <button type="button" aria-pressed={muted} onClick={() => setMuted(!muted)} title="Mute (M)">Mute</button>
        <input className="player-volume" type="range" aria-label="Volume" min={0} max={1} step={0.05} value={muted ? 0 : volume}
          onChange={(e) => {
            setVolume(Number(e.target.value));
            setMuted(Number(e.target.value) === 0);
          }} />
        <label className="player-chip"><input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />Loop</label>
        <label className="player-chip">
          Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <button type="button" aria-pressed={fullscreen.on} onClick={fullscreen.toggle}>Full screen</button>
      </div>
    </div>
  );
}
