import { mediaUrl } from '../../lib/api';
import type { StillChoice } from '../../stores/video-slice';

/**
 * The chosen start frame, shown as the video will begin (issue 14: "Animate" used to set a start image nowhere
 * visible). A library item without a stored thumbnail shows its name instead of an empty box.
 */
export function StartFrame({ choice, onRemove }: { choice: StillChoice; onRemove(): void }) {
  const src = 'dataUrl' in choice ? choice.dataUrl : choice.thumb ? mediaUrl(choice.thumb) : null;
  return (
    <figure className="video-start-frame">
      {src ? <img src={src} alt="Start image" /> : <span role="img" aria-label="Start image">Library image</span>}
      <figcaption>
        <span>{'name' in choice ? choice.name : 'The video starts from this image.'}</span>
        <button type="button" className="lib-button" onClick={onRemove}>Remove start image</button>
      </figcaption>
    </figure>
  );
}
