import type { CanvasSource } from './canvas/types';
import { useCanvas } from './canvas-context';

/** Small enough that the sources and a large result share the stage at 1280×800. */
const BOX = 110;

/**
 * The thumbnail as it will be sent: a frame with the rotated image's proportions holding the image turned by CSS,
 * and the crop drawn over it in the same (rotated) fractions main applies. In crop mode the frame is the surface the
 * gesture machine measures.
 */
export function SourceThumb({ card, alt }: { card: CanvasSource; alt: string }) {
  const cropping = useCanvas((s) => s.cropKey === card.key);
  const draft = useCanvas((s) => (s.cropKey === card.key ? s.cropDraft : null));
  const { width, height } = card.source;
  const turned = card.rotate % 180 !== 0;
  const [rw, rh] = turned ? [height, width] : [width, height];
  const scale = BOX / Math.max(rw, rh);
  const frame = { width: Math.round(rw * scale), height: Math.round(rh * scale) };
  // The unrotated image is laid out at its own size, centred, then turned: its rotated box fills the frame.
  const img = turned ? { width: frame.height, height: frame.width } : frame;
  const crop = draft ?? card.crop;
  return (
    <div className="source-thumb">
      <div className={`thumb-frame${cropping ? ' cropping' : ''}`} style={frame} {...(cropping ? { 'data-crop-surface': '' } : {})}>
        <img
          src={card.source.thumbDataUrl}
          alt={alt}
          draggable={false}
          style={{ ...img, transform: `translate(-50%, -50%) rotate(${card.rotate}deg)` }}
        />
        {crop && (
          <div
            className="crop-rect"
            aria-label={`Crop ${Math.round(crop.width * 100)}% × ${Math.round(crop.height * 100)}%`}
            style={{ left: `${crop.x * 100}%`, top: `${crop.y * 100}%`, width: `${crop.width * 100}%`, height: `${crop.height * 100}%` }}
          />
        )}
      </div>
    </div>
  );
}
