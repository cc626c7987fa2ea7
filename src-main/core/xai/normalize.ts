/**
 * From parsed response bodies to the client's result types. Moderation becomes per-item `blocked` results, never an
 * error (doc §9.3): a `respect_moderation:false` item, an item with neither url nor bytes, or an empty `data`.
 */
import { ticksToUsd } from './cost';
import type { ImageResponseBody, VideoPollBody } from './schemas';
import type { ImageItem, ImageResult, ReportedCost, VideoPoll } from './types';

export const BLOCKED_REASON = 'Blocked by xAI\'s content policy.';

/** Decodes base64 without Node's Buffer so core stays runtime-neutral. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Strips a `data:*;base64,` prefix if present (2025 docs showed one; doc §13.14). */
export function stripDataUriPrefix(b64: string): { mime?: string; b64: string } {
  const m = /^data:([^;,]+)?(?:;[^,]*)?,/.exec(b64);
  if (!m) return { b64 };
  return m[1] ? { mime: m[1], b64: b64.slice(m[0].length) } : { b64: b64.slice(m[0].length) };
}

export function reportedCost(usage: { cost_in_usd_ticks?: number | null } | null | undefined): ReportedCost {
  const ticks = usage?.cost_in_usd_ticks;
  return typeof ticks === 'number' ? { costTicks: ticks, costUsd: ticksToUsd(ticks) } : { costTicks: null, costUsd: null };
}

/** `requested` is the `n` asked for: an empty `data` means every slot was withheld. */
export function normalizeImageResponse(body: ImageResponseBody, requested: number, requestId: string | undefined): ImageResult {
  const data = body.data ?? [];
  const items: ImageItem[] = data.length === 0
    ? Array.from({ length: Math.max(1, requested) }, () => ({ ok: false as const, blocked: true as const, reason: BLOCKED_REASON }))
    : data.map((d): ImageItem => {
        const hasPayload = Boolean(d.url) || Boolean(d.b64_json);
        if (d.respect_moderation === false || !hasPayload) return { ok: false, blocked: true, reason: BLOCKED_REASON };
        const revised = d.revised_prompt ? { revisedPrompt: d.revised_prompt } : {};
        if (d.b64_json) {
          const { mime, b64 } = stripDataUriPrefix(d.b64_json);
          return { ok: true, mime: d.mime_type ?? mime ?? 'image/jpeg', bytes: base64ToBytes(b64), ...revised };
        }
        return { ok: true, mime: d.mime_type ?? 'image/jpeg', url: d.url as string, ...revised };
      });
  return {
    items,
    ...reportedCost(body.usage),
    ...(requestId === undefined ? {} : { requestId }),
    ...(typeof body.created === 'number' ? { created: body.created } : {}),
    ...(body.model ? { model: body.model } : {}),
  };
}

/** A 202 (any body) is pending; a 200 is read by `status` (doc §7.4, §13.51–57). */
export function normalizeVideoPoll(httpStatus: number, body: VideoPollBody | undefined, requestId: string | undefined): VideoPoll {
  const rid = requestId === undefined ? {} : { requestId };
  if (httpStatus === 202 || !body || body.status === 'pending') {
    return { status: 'pending', progress: typeof body?.progress === 'number' ? body.progress : null, ...rid };
  }
  if (body.status === 'expired') return { status: 'expired', ...rid };
  if (body.status === 'failed') {
    const code = body.error?.code == null ? 'unknown' : String(body.error.code);
    return { status: 'failed', code, message: body.error?.message ?? `Video generation failed (${code}).`, ...rid };
  }
  const video = body.video;
  if (body.status === 'done' || (body.status == null && video?.url)) {
    const url = video?.url || video?.file_output?.public_url || '';
    if (video?.respect_moderation === false || !url) return { status: 'blocked', reason: BLOCKED_REASON, ...reportedCost(body.usage), ...rid };
    return {
      status: 'done',
      url,
      durationSeconds: video?.duration ?? null,
      ...(body.model ? { model: body.model } : {}),
      ...reportedCost(body.usage),
      ...rid,
    };
  }
  // An unknown status string: keep polling rather than fail a billed job on a new enum value (doc §14.8).
  return { status: 'pending', progress: typeof body.progress === 'number' ? body.progress : null, ...rid };
}
