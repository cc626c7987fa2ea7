/**
 * What the viewer's details say about an item, in words: each fact once, with a human label. The request as it
 * was sent (parameter names, JSON, data URLs) is not a fact for people; it goes under "Request details".
 */
import { IMAGE_QUALITIES, KEY_PROVIDERS, OPERATION_LABELS, qualityLabel, type ImageQuality, type LibraryRecord } from '@contract';
import { formatBytes, formatCost, formatDate, formatDuration } from '../library/format';

export interface Fact {
  label: string;
  value: string;
  /** Ids and hashes: shown in a monospace face and wrapped anywhere. */
  mono?: boolean;
  testId?: string;
}

const ORIGIN: Record<LibraryRecord['origin'], string> = {
  generated: 'Generated',
  edited: 'Edited',
  imported: 'Imported',
  extracted: 'Frame from a video',
};

/**
 * Provider, model (the one that served, and the one asked for when xAI served another: xai-imagine-api-updates.md
 * §1 #3), quality, operation, seed, size, duration, cost (and the request's bill when it covered several images),
 * created, origin, request id and moderation, in that order (no empty rows).
 */
export function factsOf(record: LibraryRecord): Fact[] {
  const facts: Fact[] = [];
  if (record.provider) facts.push({ label: 'Provider', value: KEY_PROVIDERS[record.provider].label });
  const served = record.servedModel ?? record.model;
  if (served) facts.push({ label: 'Model', value: served, testId: 'lb-model' });
  if (record.servedModel && record.model && record.servedModel !== record.model) facts.push({ label: 'Requested model', value: record.model });
  const q = record.servedQuality;
  if (q) facts.push({ label: 'Quality', value: (IMAGE_QUALITIES as readonly string[]).includes(q) ? qualityLabel(q as ImageQuality) : q });
  if (record.operation && record.operation !== 'generate') facts.push({ label: 'Operation', value: OPERATION_LABELS[record.operation] });
  if (record.seed !== undefined) facts.push({ label: 'Seed', value: String(record.seed), mono: true });
  if (record.width && record.height) {
    const ratio = record.aspectRatio ? ` (${record.aspectRatio})` : '';
    facts.push({ label: 'Size', value: `${record.width} × ${record.height}${ratio} · ${formatBytes(record.bytes)}` });
  } else facts.push({ label: 'Size', value: formatBytes(record.bytes) });
  if (record.kind === 'video' && record.durationMs !== null) facts.push({ label: 'Duration', value: formatDuration(record.durationMs) });
  // A file the user brought in was never sent anywhere: no cost to speak of (nor moderation, below).
  if (record.origin !== 'imported') facts.push({ label: 'Cost', value: formatCost(record.costTicks), testId: 'lb-cost' });
  if (record.billedTicks !== undefined && record.billedTicks !== record.costTicks) facts.push({ label: 'Billed for the request', value: formatCost(record.billedTicks) });
  facts.push({ label: 'Created', value: formatDate(record.createdAt) });
  facts.push({ label: 'Origin', value: ORIGIN[record.origin] });
  if (record.requestId) facts.push({ label: 'Request id', value: record.requestId, mono: true });
  if (record.origin !== 'imported') facts.push({ label: 'Moderation', value: record.moderation ?? 'Passed' });
  return facts;
}

/** Longest value shown in full under "Request details"; longer strings (data URLs, base64) say what they are. */
const MAX_VALUE = 300;

/** One request parameter as readable text: strings as they are, data URLs summarised, objects as indented JSON. */
export function requestValue(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? shorten(v) : v), 2) ?? String(value);
}

function shorten(text: string): string {
  const data = /^data:([^;,]+)[^,]*,/.exec(text);
  if (data) return `${data[0]}… (${formatBytes(Math.round(((text.length - data[0].length) * 3) / 4))} ${data[1]})`;
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length.toLocaleString()} characters)` : text;
}

/** The request's parameters as `[name, text]` rows, strings unquoted. */
export function requestRows(params: Record<string, unknown>): [string, string][] {
  return Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? shorten(v) : requestValue(v)]);
}
