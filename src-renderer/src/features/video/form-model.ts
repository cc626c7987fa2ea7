/** Pure rules of the Video form: what it submits, and why an option or the submit button is unavailable. */
import { API_LIMITS, currentModels, findModel, videoOptionReasons, type StillSource, type VideoSubmit } from '@contract';
import type { StillChoice, VideoForm } from '../../stores/video-slice';

const still = (c: StillChoice): StillSource => ('itemId' in c ? { itemId: c.itemId } : { dataUrl: c.dataUrl });

/** The submit for a form, or the reason it cannot be sent yet (missing source, missing prompt). */
export function toSubmit(f: VideoForm): { submit: VideoSubmit } | { missing: string } {
  const original = f.originalPrompt?.trim();
  const base = { prompt: f.prompt, model: f.model, ...(original && f.prompt.trim() ? { originalPrompt: original } : {}) };
  const needsPrompt = f.mode !== 'image' && f.prompt.trim() === '';
  if (needsPrompt) return { missing: f.mode === 'edit' ? 'Describe the edit.' : f.mode === 'extend' ? 'Describe what happens next.' : 'Write a prompt.' };
  switch (f.mode) {
    case 'text':
      return { submit: { ...base, mode: 'text', duration: f.duration, aspectRatio: f.aspectRatio, resolution: f.resolution } };
    case 'image':
      if (!f.image) return { missing: 'Choose a start image.' };
      return {
        submit: {
          ...base, mode: 'image', duration: f.duration, resolution: f.resolution, image: still(f.image),
          ...(f.lastImage && findModel(f.model, 'video')?.pinnedFrames ? { lastImage: still(f.lastImage) } : {}),
        },
      };
    case 'reference':
      if (f.references.length === 0) return { missing: `Choose 1–${findModel(f.model, 'video')?.maxReferences || 1} reference images.` };
      return { submit: { ...base, mode: 'reference', duration: f.duration, aspectRatio: f.aspectRatio, resolution: f.resolution, references: f.references.map(still) } };
    case 'edit':
      if (!f.video) return { missing: 'Choose a video to edit.' };
      return { submit: { ...base, mode: 'edit', videoId: f.video.itemId } };
    case 'extend':
      if (!f.video) return { missing: 'Choose a video to extend.' };
      return { submit: { ...base, mode: 'extend', videoId: f.video.itemId, extendSeconds: f.extendSeconds } };
  }
}

/** Why the source video cannot be used for this mode (checked here too so the reason shows before any call). */
export function sourceVideoReason(f: VideoForm): string | null {
  if (!f.video?.durationMs || (f.mode !== 'edit' && f.mode !== 'extend')) return null;
  const s = f.video.durationMs / 1000;
  if (f.mode === 'edit' && s > API_LIMITS.editInputMaxSeconds) return `This video is ${s.toFixed(1)} s; edits take at most ${API_LIMITS.editInputMaxSeconds} s.`;
  const r = API_LIMITS.extensionInput;
  if (f.mode === 'extend' && (s < r.min || s > r.max)) return `This video is ${s.toFixed(1)} s; extensions take ${r.min}–${r.max} s videos.`;
  return null;
}

/**
 * Moves the form to a valid state after a mode or model change: a model that cannot do the mode gives way to the
 * first that can (edit and extend: grok-imagine-video), a ratio the model lacks to 16:9, a length to its range, and a
 * disabled resolution to 720p/480p.
 */
export function normalizeForm(f: VideoForm): VideoForm {
  let out = f;
  const spec = findModel(out.model, 'video');
  if (spec && !spec.modes.includes(out.mode)) {
    const able = currentModels('video').find((m) => m.modes.includes(out.mode));
    if (able) out = { ...out, model: able.id };
  }
  const model = findModel(out.model, 'video');
  if (model && !model.ratios.includes(out.aspectRatio)) out = { ...out, aspectRatio: model.ratios[0] ?? '16:9' };
  if (model) out = { ...out, duration: Math.min(model.durations.max, Math.max(model.durations.min, out.duration)) };
  if (out.lastImage && !model?.pinnedFrames) out = { ...out, lastImage: null };
  const reasons = videoOptionReasons(out.mode, out.model, { lastFrame: out.mode === 'image' && Boolean(out.lastImage) }).resolution;
  if (reasons[out.resolution] !== null && out.mode !== 'edit' && out.mode !== 'extend') {
    const fallback = (['720p', '480p', ...(model?.resolutions ?? [])] as const).find((r) => reasons[r] === null) ?? '480p';
    out = { ...out, resolution: fallback };
  }
  // A model with lengths per resolution (MiniMax: 6 or 10 s at 768p, 6 s at 1080p): the nearest it takes.
  const lengths = model?.durationsByResolution?.[out.resolution];
  if (lengths && lengths.length > 0 && !lengths.includes(out.duration)) {
    const nearest = lengths.reduce((a, b) => (Math.abs(b - out.duration) < Math.abs(a - out.duration) ? b : a));
    out = { ...out, duration: nearest };
  }
  return out;
}

export const MODE_LABELS: Record<VideoForm['mode'], string> = {
  text: 'Text → video',
  image: 'Image → video',
  reference: 'Reference images',
  edit: 'Edit a video',
  extend: 'Extend a video',
};

/** `$0.30` style money from ticks (1e10 per USD). */
export function usd(ticks: number | null): string {
  if (ticks === null) return '—';
  const v = ticks / 1e10;
  return `$${v < 0.1 && v > 0 ? v.toFixed(3) : v.toFixed(2)}`;
}

/** The form filled from an earlier submit ("use these settings again"); fields the mode lacks keep their values. */
export function formFromSubmit(s: VideoSubmit, current: VideoForm): VideoForm {
  const f: VideoForm = { ...current, mode: s.mode, prompt: s.prompt, originalPrompt: s.originalPrompt ?? null, model: s.model };
  if ('duration' in s) f.duration = s.duration;
  if ('aspectRatio' in s) f.aspectRatio = s.aspectRatio;
  if ('resolution' in s) f.resolution = s.resolution;
  const choice = (c: StillSource): StillChoice => ('itemId' in c ? { itemId: c.itemId, thumb: null } : { dataUrl: c.dataUrl, name: 'image' });
  if (s.mode === 'image') Object.assign(f, { image: choice(s.image), lastImage: s.lastImage ? choice(s.lastImage) : null });
  if (s.mode === 'reference') f.references = s.references.map((r) => ('itemId' in r ? { itemId: r.itemId, thumb: null } : { dataUrl: r.dataUrl, name: 'image' }));
  if (s.mode === 'edit' || s.mode === 'extend') f.video = { itemId: s.videoId, thumb: null, durationMs: null };
  if (s.mode === 'extend') f.extendSeconds = s.extendSeconds;
  return f;
}
