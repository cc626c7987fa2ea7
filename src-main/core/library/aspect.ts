import { BUILT_IN_TABLE, IMAGE_ASPECT_RATIOS, PROVIDER_IDS, VIDEO_ASPECT_RATIOS, allModels } from '@contract';

/** Ratios of every provider's models (Stability's 9:21, 5:4 and 4:5 are also the photo and portrait-cinema ones). */
const EVERY_PROVIDER = allModels(BUILT_IN_TABLE, PROVIDER_IDS).flatMap((m) => [...m.ratios]);
/** Every ratio a model renders (from the capability table): the names the filter may use. */
const COMMON = [...new Set([...VIDEO_ASPECT_RATIOS, ...IMAGE_ASPECT_RATIOS.filter((r) => r !== 'auto'), ...EVERY_PROVIDER.filter((r) => r !== 'auto')])];

/**
 * A readable aspect ratio for the filter: exact when small, otherwise the nearest common one within 1.5 % (API
 * outputs like 1360×768 are "16:9" to a person), otherwise the reduced fraction.
 */
export function aspectRatioOf(width: number | null, height: number | null): string | null {
  if (!width || !height) return null;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height);
  const [w, h] = [width / g, height / g];
  if (w <= 21 && h <= 21) return `${w}:${h}`;
  const ratio = width / height;
  for (const name of COMMON) {
    const [a = 1, b = 1] = name.split(':').map(Number);
    if (Math.abs(a / b - ratio) / ratio < 0.015) return name;
  }
  return `${w}:${h}`;
}

/** Width ÷ height to three places, for the grid's justified rows; 0 when the size is unknown (drawn square). */
export function shapeOf(width: number | null | undefined, height: number | null | undefined): number {
  return width && height ? Math.round((width / height) * 1000) / 1000 : 0;
}
