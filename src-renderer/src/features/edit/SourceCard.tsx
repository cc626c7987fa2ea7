import { moveSource, removeSource, rotateSource, runAction, setCrop } from './canvas/actions';
import type { CanvasSource } from './canvas/types';
import { useCanvas, useCanvasStore } from './canvas-context';
import { tagFor } from './prompt-tags';
import { SourceThumb } from './SourceThumb';

/** One source on the canvas: its tag, thumbnail (rotated as it will be sent), notices and card commands. */
export function SourceCard({ card, index, count }: { card: CanvasSource; index: number; count: number }) {
  const store = useCanvasStore();
  const selected = useCanvas((s) => s.doc.selectedKey === card.key);
  const drag = useCanvas((s) => (s.drag?.key === card.key ? s.drag : null));
  const cropping = useCanvas((s) => s.cropKey === card.key);
  const { source } = card;
  const turned = card.rotate % 180 !== 0;
  const [rw, rh] = turned ? [source.height, source.width] : [source.width, source.height];
  // The size that will be sent, after rotation and crop.
  const size = card.crop ? `${Math.round(rw * card.crop.width)}×${Math.round(rh * card.crop.height)}` : `${rw}×${rh}`;
  return (
    <li
      className={`source-card${selected ? ' selected' : ''}${drag ? ' dragging' : ''}`}
      data-card-key={card.key}
      aria-label={`Source ${index + 1} of ${count}: ${source.name}`}
      aria-current={selected ? 'true' : undefined}
      style={drag ? { transform: `translateX(${drag.dx}px)` } : undefined}
    >
      <div className="source-head">
        <span className="source-tag">{tagFor(index)}</span>
        <span className="source-name" title={source.name}>{source.name}</span>
      </div>
      <SourceThumb card={card} alt={`Source ${index + 1}: ${source.name}`} />
      <div className="source-meta muted">
        {size} · {source.mime.slice(6).toUpperCase()}{card.rotate ? ` · rotated ${card.rotate}°` : ''}{card.crop ? ' · cropped' : ''}
      </div>
      {cropping && (
        <p className="crop-help muted">
          Drag on the image to crop.{' '}
          {card.crop && <button type="button" className="link" onClick={() => runAction(store, setCrop, { key: card.key, crop: null })}>Reset crop</button>}
        </p>
      )}
      {source.notices.length > 0 && (
        <ul className="source-notices" aria-label={`Notices for ${source.name}`}>
          {source.notices.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      <div className="source-tools" role="toolbar" aria-label={`Tools for source ${index + 1}`}>
        <button type="button" aria-label={`Rotate source ${index + 1} left`} onClick={() => runAction(store, rotateSource, { key: card.key, by: -90 })}>⟲</button>
        <button type="button" aria-label={`Rotate source ${index + 1} right`} onClick={() => runAction(store, rotateSource, { key: card.key, by: 90 })}>⟳</button>
        <button type="button" aria-label={`Crop source ${index + 1}`} aria-pressed={cropping} className="wide" onClick={() => store.setState({ cropKey: cropping ? null : card.key })}>Crop</button>
        <button type="button" aria-label={`Move source ${index + 1} left`} disabled={index === 0} onClick={() => runAction(store, moveSource, { key: card.key, to: index - 1 })}>←</button>
        <button type="button" aria-label={`Move source ${index + 1} right`} disabled={index >= count - 1} onClick={() => runAction(store, moveSource, { key: card.key, to: index + 1 })}>→</button>
        <button type="button" className="danger" aria-label={`Remove source ${index + 1}`} onClick={() => runAction(store, removeSource, card.key)}>✕</button>
      </div>
    </li>
  );
}
