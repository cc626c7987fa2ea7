import type { LibraryRecord } from '@contract';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchContentRef } from 'react-zoom-pan-pinch';
import { itemName } from '../library/format';
import { VideoPlayer } from '../player/VideoPlayer';
import { setPlayhead } from './playhead';
import { useFullscreen } from './use-fullscreen';
import { useImageSource } from './use-image-source';
import { useBoxSize } from '../../lib/use-box-size';
import { fitScale, MAX_SCALE, minScale, stepScale, zoomLabel } from './zoom';

/** What the viewer's keyboard handler can ask of the stage. */
export interface StageHandle {
  /** Handles + - 0 1 F; answers whether the key was one of them. */
  key(e: KeyboardEvent): boolean;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
const animation = () => (reducedMotion() ? 0 : 160);

/**
 * The item on the stage. An image can be zoomed (buttons, + - 0 1, the wheel around the pointer) and dragged when
 * zoomed in; "Actual size" shows the original file at one image pixel per device pixel. A video plays in the app's
 * one player (its own Full screen). Both go full screen with F.
 */
export function ViewerStage({ record, nav, ref }: { record: LibraryRecord; nav: ReactNode; ref?: Ref<StageHandle> }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const controls = useRef<ReactZoomPanPinchContentRef>(null);
  const area = useBoxSize(areaRef);
  const fullscreen = useFullscreen(stageRef);
  const source = useImageSource(record);
  const [scale, setScale] = useState<number | null>(null);
  const [mode, setMode] = useState<'fit' | 'actual' | 'free'>('fit');
  // Another item starts fitted (the stage and its toolbar stay mounted, so the focus stays where it was).
  const [shown, setShown] = useState(record.id);
  if (shown !== record.id) {
    setShown(record.id);
    setScale(null);
    setMode('fit');
  }
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const css = source.size ? { width: source.size.width / dpr, height: source.size.height / dpr } : null;
  const fit = css ? fitScale(css, area) : 1;
  const image = record.kind === 'image' && !record.missing;

  /** Where a button or key zoom is heading: the next step builds on it, not on a frame of the animation. */
  const heading = useRef<number | null>(null);
  const zoomTo = useCallback(
    (next: number, how: 'fit' | 'actual' | 'free') => {
      const c = controls.current;
      const box = areaRef.current?.getBoundingClientRect();
      if (!c || !box) return;
      heading.current = next;
      setMode(how);
      if (how === 'free') c.zoomToPoint(next, box.left + box.width / 2, box.top + box.height / 2, animation());
      else c.centerView(next, animation());
    },
    [],
  );
  const zoomIn = () => zoomTo(stepScale(heading.current ?? scale ?? fit, 1, fit), 'free');
  const zoomOut = () => zoomTo(stepScale(heading.current ?? scale ?? fit, -1, fit), 'free');
  const toFit = () => zoomTo(fit, 'fit');
  const toActual = () => zoomTo(1, 'actual');

  // A fitted image stays fitted when the stage changes size (full screen, a resized window).
  useEffect(() => {
    if (mode === 'fit' && controls.current) controls.current.centerView(fit, 0);
  }, [fit, mode]);

  useImperativeHandle(ref, () => ({
    key(e) {
      const k = e.key;
      if (k === 'f' || k === 'F') fullscreen.toggle();
      else if (!image) return false;
      else if (k === '+' || k === '=') zoomIn();
      else if (k === '-' || k === '_') zoomOut();
      else if (k === '0') toFit();
      else if (k === '1') toActual();
      else return false;
      return true;
    },
  }));

  return (
    <div ref={stageRef} className="viewer-stage">
      <div ref={areaRef} className="viewer-area" role="group" aria-label="Stage" onDoubleClick={() => image && (mode === 'fit' ? toActual() : toFit())}>
        {record.missing ? (
          <p className="viewer-missing">The file is missing from the library folder.</p>
        ) : record.kind === 'video' ? (
          <VideoPlayer
            key={record.id}
            className="viewer-video"
            poster={source.poster}
            src={source.original}
            label="Video player"
            autoPlay
            videoLabel={`${itemName(record)} (video)`}
            onSync={(v) => setPlayhead(record.id, v.currentTime)}
          />
        ) : source.failed ? (
          <p className="viewer-missing">This image could not be shown.</p>
        ) : css && area.width > 0 ? (
          <TransformWrapper
            key={record.id}
            ref={controls}
            initialScale={fit}
            minScale={minScale(fit)}
            maxScale={MAX_SCALE}
            centerOnInit
            centerZoomedOut
            limitToBounds
            doubleClick={{ disabled: true }}
            wheel={{ step: 0.15 }}
            panning={{ velocityDisabled: true }}
            onTransform={(_ref, state) => setScale(state.scale)}
            onWheelStart={() => {
              heading.current = null;
              setMode('free');
            }}
            onPanningStart={() => {
              heading.current = null;
            }}
          >
            <TransformComponent wrapperClass="viewer-zoom" contentClass="viewer-zoom-content">
              <img
                className="viewer-image"
                src={source.src}
                alt={itemName(record, 200)}
                draggable={false}
                style={{ width: css.width, height: css.height }}
                onError={source.onError}
              />
            </TransformComponent>
          </TransformWrapper>
        ) : (
          <img className="viewer-probe" src={source.src} alt="" onLoad={source.onProbe} onError={source.onError} />
        )}
      </div>
      <div className="viewer-bar">
      {nav}
      <div className="viewer-toolbar" role="toolbar" aria-label="View">
        {image && (
          <>
            <button type="button" className="viewer-tool" onClick={zoomOut} aria-keyshortcuts="-" title="Zoom out (−)">
              Zoom out
            </button>
            <output className="viewer-zoom-level" aria-label="Zoom level">
              {zoomLabel(scale ?? fit)}
            </output>
            <button type="button" className="viewer-tool" onClick={zoomIn} aria-keyshortcuts="+" title="Zoom in (+)">
              Zoom in
            </button>
            <button type="button" className="viewer-tool" onClick={toFit} aria-pressed={mode === 'fit'} aria-keyshortcuts="0" title="Fit (0)">
              Fit
            </button>
            <button type="button" className="viewer-tool" onClick={toActual} aria-pressed={mode === 'actual'} aria-keyshortcuts="1" title="Actual size (1)">
              Actual size
            </button>
          </>
        )}
        {/* A video's own player has Full screen; one button of that name per screen. */}
        {record.kind !== 'video' && (
          <button type="button" className="viewer-tool" onClick={fullscreen.toggle} aria-pressed={fullscreen.on} aria-keyshortcuts="F" title="Full screen (F)">
            Full screen
          </button>
        )}
      </div>
      </div>
    </div>
  );
}
