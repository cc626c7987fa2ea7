/**
 * The mask as a canvas: painted pixels are opaque (shown tinted over the image), unpainted ones transparent. The
 * brush paints, the eraser removes paint; invert and clear act on the whole mask. `toPng` makes what Stability reads
 * (stability-api.md §2): white = repaint, black = keep, at the image's own size.
 */
export type MaskTool = 'brush' | 'eraser';

const PAINT = 'rgb(255, 64, 64)';

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return canvas.getContext('2d');
}

/** One stroke segment from (x0, y0) to (x1, y1), in the mask's own pixels. */
export function strokeMask(canvas: HTMLCanvasElement, tool: MaskTool, size: number, from: { x: number; y: number }, to: { x: number; y: number }): void {
  const ctx = context(canvas);
  if (!ctx) return;
  ctx.save();
  ctx.globalCompositeOperation = tool === 'brush' ? 'source-over' : 'destination-out';
  ctx.strokeStyle = PAINT;
  ctx.fillStyle = PAINT;
  ctx.lineWidth = size;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(to.x, to.y, size / 2, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

export function clearMask(canvas: HTMLCanvasElement): void {
  context(canvas)?.clearRect(0, 0, canvas.width, canvas.height);
}

/** Painted becomes unpainted and the other way round. */
export function invertMask(canvas: HTMLCanvasElement): void {
  const ctx = context(canvas);
  if (!ctx) return;
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.getContext('2d')?.drawImage(canvas, 0, 0);
  ctx.save();
  ctx.globalCompositeOperation = 'source-over';
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = PAINT;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.globalCompositeOperation = 'destination-out';
  ctx.drawImage(copy, 0, 0);
  ctx.restore();
}

/** True when some pixel is painted (an empty mask is not sent). */
export function maskHasPaint(canvas: HTMLCanvasElement): boolean {
  const data = context(canvas)?.getImageData(0, 0, canvas.width, canvas.height).data;
  if (!data) return false;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
  return false;
}

/** The mask as Stability reads it: a PNG, white where painted, black elsewhere; base64 without a data: prefix. */
export function maskToPngBase64(canvas: HTMLCanvasElement): string | null {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(canvas, 0, 0);
  ctx.globalCompositeOperation = 'source-in';
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.globalCompositeOperation = 'destination-over';
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, out.width, out.height);
  return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
