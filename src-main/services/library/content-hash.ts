/**
 * SHA-256 (hex) of an item's bytes as they arrived: exact duplicates share it. WebCrypto's digest runs off the
 * main thread, so hashing a 20 MB file does not hold up queries.
 */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('hex');
}
