/**
 * Hailuo v1 video rules (reference §4.1): which models serve which mode, which duration × resolution pairs each
 * accepts (defaults first), and the output size of each resolution.
 */

export type VideoMode = 't2v' | 'i2v' | 'fl2v' | 's2v';

export const MODE_MODELS: Record<VideoMode, readonly string[]> = {
  t2v: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01'],
  i2v: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02', 'I2V-01-Director', 'I2V-01-live', 'I2V-01'],
  fl2v: ['MiniMax-Hailuo-02'],
  s2v: ['S2V-01'],
};

/** The 01 series: fixed 6 s / 720P, and explicit `duration`/`resolution` are refused [3P ISS-NODETOOL]. */
export const isSeries01 = (model: string) => /^(T2V|I2V|S2V)-01/.test(model);
/** Models that take `fast_pretreatment` (reference §4.1). */
export const PRETREATMENT_MODELS = ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02'];

/** Durations allowed per resolution; the first resolution listed is the default (reference §4.1 table). */
export function allowedDurations(model: string, mode: VideoMode): Record<string, readonly number[]> {
  if (isSeries01(model)) return { '720P': [6] };
  const hailuo = { '768P': [6, 10], '1080P': [6] };
  if (model === 'MiniMax-Hailuo-02' && mode === 'i2v') return { ...hailuo, '512P': [6, 10] };
  return hailuo;
}

/** Landscape output sizes (reference §4.1; 512P's width is our guess). */
export const RESOLUTION_SIZES: Record<string, readonly [number, number]> = {
  '512P': [912, 512], '720P': [1280, 720], '768P': [1366, 768], '1080P': [1920, 1080],
};

/** The mode a create body asks for, chosen by the fields present (reference §4.1). */
export function modeOf(b: Record<string, unknown>): VideoMode {
  if (b.subject_reference !== undefined) return 's2v';
  if (b.last_frame_image !== undefined) return 'fl2v';
  if (b.first_frame_image !== undefined) return 'i2v';
  return 't2v';
}
