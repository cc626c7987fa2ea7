import { mediaUrl } from '../../lib/api';
import type { StillChoice } from '../../stores/video-slice';

/**
 * The chosen start frame, shown as the video will begin (issue 14: "Animate" used to set a start image nowhere
 * visible). A library item without a stored thumbnail shows its name instead of an empty box.
 */
export function StartFrame({ choice, onRemove, which = 'Start' }: { choice: StillChoice; onRemove(): void; which?: 'Start' | 'Last' }) {
  const src = 'dataUrl' in choice ? choice.dataUrl : choice.thumb ? mediaUrl(choice.thumb) : null;
  const name = which === 'Start' ? 'Start image' : 'Last frame';
  return (
    <figure className="video-start-frame">
      {src ? <img src={src} alt={name} /> : <span role="img" aria-label={name}>Library image</span>}
      <figcaption>
        <span>{'name' in choice ? choice.name : which === 'Start' ? 'The video starts from this image.' : 'The video ends on this image.'}</span>
        <button type="button" className="lib-button" onClick={onRemove}>Remove {name.toLowerCase()}</button>
      </figcaption>
    </figure>
  );
}
