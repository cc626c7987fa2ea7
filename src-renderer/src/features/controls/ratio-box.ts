/** Width/height of the little preview box for an aspect ratio (auto is drawn square). */
export function ratioBox(ratio: string, size = 28): { width: number; height: number } {
  if (ratio === 'auto') return { width: size * 0.8, height: size * 0.8 };
  const [a, b] = ratio.split(':').map(Number) as [number, number];
  return a >= b ? { width: size, height: Math.max(6, (size * b) / a) } : { width: Math.max(6, (size * a) / b), height: size };
}
