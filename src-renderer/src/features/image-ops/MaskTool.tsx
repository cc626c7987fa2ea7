import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { clearMask, invertMask, strokeMask, type MaskTool as Tool } from './mask-canvas';

/**
 * The mask layer of the edit stage (issue 18 §4), shown only when the chosen provider takes masks: the source image
 * with a tinted layer to paint on, and a toolbar — Brush and Eraser with a size, Invert mask, Clear mask. The mask
 * canvas has the source's own pixel size; `canvasRef` hands it to whoever sends the edit.
 */
export function MaskTool(props: {
  imageUrl: string | null;
  width: number;
  height: number;
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  onChange(): void;
}) {
  const [tool, setTool] = useState<Tool>('brush');
  const [size, setSize] = useState(48);
  const last = useRef<{ x: number; y: number } | null>(null);
  const { width, height, canvasRef, onChange } = props;

  // A new source starts with an empty mask of its own size.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    canvas.width = width;
    canvas.height = height;
    clearMask(canvas);
    onChange();
  }, [width, height, canvasRef, onChange]);

  const at = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * width, y: ((e.clientY - rect.top) / rect.height) * height };
  };
  // The brush size is in screen pixels (what the user sees), turned into the mask's pixels.
  const maskSize = (e: ReactPointerEvent<HTMLCanvasElement>) => (size * width) / Math.max(1, e.currentTarget.getBoundingClientRect().width);

  return (
    <div className="mask-tool">
      <div role="toolbar" aria-label="Mask" className="mask-toolbar">
        <button type="button" aria-pressed={tool === 'brush'} onClick={() => setTool('brush')}>
          Brush
        </button>
        <button type="button" aria-pressed={tool === 'eraser'} onClick={() => setTool('eraser')}>
          Eraser
        </button>
        <label className="mask-size">
          <span>Brush size</span>
          <input type="range" min={4} max={200} value={size} onChange={(e) => setSize(Number(e.target.value))} />
          <output>{size} px</output>
        </label>
        <button type="button" onClick={() => { if (canvasRef.current) invertMask(canvasRef.current); onChange(); }}>
          Invert mask
        </button>
        <button type="button" onClick={() => { if (canvasRef.current) clearMask(canvasRef.current); onChange(); }}>
          Clear mask
        </button>
      </div>
      <div className="mask-stage" style={{ aspectRatio: `${width} / ${height}`, width: `min(100%, ${Math.round((60 * width) / Math.max(1, height))}vh)` }}>
        {props.imageUrl && <img src={props.imageUrl} alt="Source to mask" draggable={false} />}
        <canvas
          ref={canvasRef}
          aria-label="Mask canvas: paint over the area to change"
          className={`mask-layer tool-${tool}`}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            const p = at(e);
            last.current = p;
            strokeMask(e.currentTarget, tool, maskSize(e), p, p);
          }}
          onPointerMove={(e) => {
            if (!last.current) return;
            const p = at(e);
            strokeMask(e.currentTarget, tool, maskSize(e), last.current, p);
            last.current = p;
          }}
          onPointerUp={() => {
            last.current = null;
            onChange();
          }}
          onPointerCancel={() => {
            last.current = null;
          }}
        />
      </div>
    </div>
  );
}
