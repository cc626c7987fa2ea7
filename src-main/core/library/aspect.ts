import { IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS } from '@contract';

/** Ratios people name that no model renders (photos, portrait cinema). */
const PHOTO_ONLY = ['9:21', '5:4', '4:5'];
/** Every ratio a model renders (from the capability table) and the photo ones: the names the filter may use. */
const COMMON = [...new Set([...VIDEO_ASPECT_RATIOS, ...IMAGE_ASPECT_RATIOS.filter((r) => r !== 'auto'), ...PHOTO_ONLY])];

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
