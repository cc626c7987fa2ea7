/**
 * Zoom arithmetic for the viewer. The image is laid out at its natural size in device pixels (CSS size = pixels /
 * devicePixelRatio), so a transform scale of 1 is "Actual size": one image pixel per device pixel. "Fit" is the
 * scale that shows the whole image in the stage.
 */
export const ZOOM_STEP = 1.5;
export const MAX_SCALE = 8;

/** The scale at which an image of `css` size fits inside `stage` (never 0). */
export function fitScale(css: { width: number; height: number }, stage: { width: number; height: number }): number {
  if (css.width <= 0 || css.height <= 0 || stage.width <= 0 || stage.height <= 0) return 1;
  return Math.min(stage.width / css.width, stage.height / css.height);
}

/** The lowest scale the user may zoom out to: the fit, or actual size when that is smaller still. */
export function minScale(fit: number): number {
  return Math.min(fit, 1);
}

/** The next step in (dir 1) or out (dir -1), clamped to [minScale(fit), MAX_SCALE]. */
export function stepScale(scale: number, dir: 1 | -1, fit: number): number {
  const next = dir > 0 ? scale * ZOOM_STEP : scale / ZOOM_STEP;
  return Math.max(minScale(fit), Math.min(MAX_SCALE, next));
}

/** "42 %" of actual size, for the zoom readout. */
export function zoomLabel(scale: number): string {
  return `${Math.round(scale * 100)} %`;
}
