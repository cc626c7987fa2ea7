/**
 * Stored choices that name a retired model, moved to its successor (issue 15.2). xAI retired
 * `grok-imagine-image-quality` and its alias `-pro` on 2026-11-02 and serves them with `grok-imagine-image-2.0` at
 * quality `low` (xai-imagine-api-updates.md §1 #1–2: "Rewrite saved presets, queued jobs and retries"). Pure: the
 * services apply it to settings, presets and the queue, and say so in one line.
 */
import { resolveModel, type CapabilityTable, type ImageQuality } from '@contract';

/** A stored image choice (settings, a preset, a batch). */
export interface StoredChoice {
  model: string;
  quality?: string | null | undefined;
}

/** What a stored choice becomes; null when it names no retired model (nothing to change). */
export interface MovedChoice {
  model: string;
  /** The quality the retirement fixes (2.0: `low`); null when the successor has none. */
  quality: ImageQuality | null;
  /** "grok-imagine-image-quality was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality." */
  notice: string;
}

export function moveRetired(choice: StoredChoice, table: CapabilityTable): MovedChoice | null {
  const resolved = resolveModel(choice.model, 'image', table);
  if (!resolved?.notice) return null;
  const takes = resolved.model.qualities.length > 0;
  const quality = takes ? (resolved.quality ?? (choice.quality as ImageQuality | undefined) ?? 'auto') : null;
  return { model: resolved.model.id, quality, notice: resolved.notice };
}

/** Notices of many moves, each said once, in first-seen order. */
export const distinctNotices = (moves: readonly (MovedChoice | null)[]): string[] =>
  [...new Set(moves.flatMap((m) => (m ? [m.notice] : [])))];
