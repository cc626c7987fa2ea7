import { useRef, useState } from 'react';
import { mediaUrl } from '../../lib/api';

/**
 * A poster that scrubs through its video under the pointer. The `<video>` exists only while hovered and loads
 * metadata only, so a long list never autoplays or downloads whole files (a common complaint with hover previews).
 */
export function ScrubThumb({ file, poster, label }: { file: string | null; poster: string | null; label: string }) {
  const [hover, setHover] = useState(false);
  const ref = useRef<HTMLVideoElement>(null);
  if (!poster) return <div className="video-job-poster" aria-hidden="true" />;
  const scrub = (e: React.PointerEvent<HTMLDivElement>) => {
    const v = ref.current;
    if (!v || !Number.isFinite(v.duration)) return;
    const box = e.currentTarget.getBoundingClientRect();
    v.currentTime = Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)) * v.duration;
  };
  return (
    <div
      className="video-job-poster video-scrub"
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onPointerMove={scrub}
      title={file ? `${label}: move the pointer across to scrub` : label}
    >
      {hover && file ? (
        <video ref={ref} src={mediaUrl(file)} poster={mediaUrl(poster)} muted preload="metadata" aria-hidden="true" />
      ) : (
        <img src={mediaUrl(poster)} alt="" />
      )}
    </div>
  );
}
