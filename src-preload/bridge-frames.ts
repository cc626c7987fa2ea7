/**
 * How a call travels over the browser host's WebSocket (shared by the page's bridge and test clients). A small
 * call is one text frame `{type:'invoke', id, channel, input}`. A large one — an import or an edit source, whose
 * bytes ride as base64 — is announced with `{type:'chunked', id, bytes}` and follows as binary frames of at most
 * CHUNK_BYTES, so the host's frame limit stays small and it can stop reading (TCP backpressure) between chunks.
 */

/** Largest piece of a chunked call; the host's frame limit is a little above it. */
export const CHUNK_BYTES = 256 * 1024;

/** The frames that carry one call, in order. */
export function invokeFrames(id: number | string, channel: string, input: unknown): (string | Uint8Array<ArrayBuffer>)[] {
  const text = JSON.stringify({ type: 'invoke', id, channel, input });
  if (text.length <= CHUNK_BYTES / 4) return [text]; // surely under the limit in UTF-8, without encoding it
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= CHUNK_BYTES) return [text];
  const frames: (string | Uint8Array<ArrayBuffer>)[] = [JSON.stringify({ type: 'chunked', id, bytes: bytes.byteLength })];
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) frames.push(bytes.subarray(at, at + CHUNK_BYTES));
  return frames;
}
