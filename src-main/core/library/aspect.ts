const COMMON = ['1:1', '4:3', '3:4', '3:2', '2:3', '16:9', '9:16', '21:9', '9:21', '2:1', '1:2', '5:4', '4:5'];

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
