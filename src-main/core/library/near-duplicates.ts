/**
 * Grouping of exact and near copies. Items carry a perceptual signature — a 64-bit pHash (DCT of a 32×32 grey
 * image, 16 hex digits) followed by the image's mean colour (6 hex digits) — and, where known, a content hash of
 * their bytes. Two items are copies when they share a content hash (exact), or when their pHashes differ in at most
 * `radius` bits and their mean colours by at most `COLOUR_TOLERANCE` per channel (near: resized, re-encoded,
 * lightly cropped). Measured on our fixtures (test/main/library/duplicates.test.ts): resizes and re-encodes differ
 * by 0–2 bits, crops of 5–12 % by 7–14, unrelated scenes by 28 or more; the default radius of 12 sits between.
 * The colour check is there because pHash sees only grey structure: two flat pictures with the same layout in
 * different colours (a template filled in twice) hash within a few bits of each other.
 */
export const NEAR_RADIUS = 12;
/** Largest difference of a mean colour channel (0–255) between near copies; a re-encode moves it by 1–3. */
export const COLOUR_TOLERANCE = 20;

export interface HashedItem {
  id: string;
  /** The perceptual signature: 16 hex digits of pHash, then (usually) 6 of mean colour. */
  phash: string | null;
  contentHash: string | null;
}

export interface CopyGroup {
  /** `exact`: every member has the same content hash; `near`: at least one member only looks the same. */
  kind: 'exact' | 'near';
  ids: string[];
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A signature's pHash as two 32-bit halves (fast XOR + popcount); null when it does not start with 16 hex digits. */
export function hashHalves(signature: string): [number, number] | null {
  if (!/^[0-9a-f]{16}([0-9a-f]{6})?$/.test(signature)) return null;
  return [parseInt(signature.slice(0, 8), 16), parseInt(signature.slice(8, 16), 16)];
}

/** A signature's mean colour [r, g, b]; null for a bare pHash. */
export function meanColour(signature: string): [number, number, number] | null {
  if (!/^[0-9a-f]{22}$/.test(signature)) return null;
  return [0, 2, 4].map((i) => parseInt(signature.slice(16 + i, 18 + i), 16)) as [number, number, number];
}

/** The signature stored for an image: pHash bits (sharp-phash's 64-character string) and its mean colour. */
export function signatureOf(bits: string, mean: readonly number[]): string | null {
  const hex = bitsToHex(bits);
  if (!hex || mean.length < 3) return null;
  return hex + mean.slice(0, 3).map((c) => Math.max(0, Math.min(255, Math.round(c))).toString(16).padStart(2, '0')).join('');
}

function coloursClose(a: [number, number, number] | null, b: [number, number, number] | null): boolean {
  return !a || !b || a.every((c, i) => Math.abs(c - (b[i] ?? 0)) <= COLOUR_TOLERANCE);
}

export function hammingDistance(a: [number, number], b: [number, number]): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}

/** sharp-phash's 64-character bit string as 16 hex digits. */
export function bitsToHex(bits: string): string | null {
  if (!/^[01]{64}$/.test(bits)) return null;
  let out = '';
  for (let i = 0; i < 64; i += 4) out += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return out;
}

/** A BK-tree over Hamming distance: a query visits only subtrees whose edge distance can still be within reach. */
interface BkNode {
  hash: [number, number];
  index: number;
  children: Map<number, BkNode>;
}

class BkTree {
  private root: BkNode | null = null;

  add(hash: [number, number], index: number): void {
    const node: BkNode = { hash, index, children: new Map() };
    if (!this.root) {
      this.root = node;
      return;
    }
    for (let at = this.root; ; ) {
      const d = hammingDistance(hash, at.hash);
      const next = at.children.get(d);
      if (!next) {
        at.children.set(d, node);
        return;
      }
      at = next;
    }
  }

  /** Indexes of every hash within `radius` of `hash`. */
  near(hash: [number, number], radius: number): number[] {
    const out: number[] = [];
    const stack = this.root ? [this.root] : [];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const d = hammingDistance(hash, node.hash);
      if (d <= radius) out.push(node.index);
      for (const [edge, child] of node.children) if (edge >= d - radius && edge <= d + radius) stack.push(child);
    }
    return out;
  }
}

/** Union–find with path halving. */
function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_v, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] ?? x] ?? x;
      x = parent[x] ?? x;
    }
    return x;
  };
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/**
 * Groups items into sets of copies (only sets of two or more). `yieldEvery` lets a caller on the main thread give
 * the event loop a turn (the returned promise resolves between chunks), so a 100k-image library does not freeze it.
 */
export async function groupCopies(
  items: readonly HashedItem[],
  options: { radius?: number; pause?: () => Promise<void>; yieldEvery?: number } = {},
): Promise<CopyGroup[]> {
  const radius = options.radius ?? NEAR_RADIUS;
  const every = options.yieldEvery ?? 2000;
  const sets = unionFind(items.length);
  const byContent = new Map<string, number>();
  const tree = new BkTree();
  const colours = items.map((item) => (item.phash ? meanColour(item.phash) : null));
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (!item) continue;
    if (item.contentHash) {
      const first = byContent.get(item.contentHash);
      if (first === undefined) byContent.set(item.contentHash, i);
      else sets.union(i, first);
    }
    const hash = item.phash ? hashHalves(item.phash) : null;
    if (hash) {
      for (const j of tree.near(hash, radius)) if (coloursClose(colours[i] ?? null, colours[j] ?? null)) sets.union(i, j);
      tree.add(hash, i);
    }
    if (options.pause && i > 0 && i % every === 0) await options.pause();
  }
  const members = new Map<number, number[]>();
  items.forEach((_item, i) => {
    const root = sets.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  const groups: CopyGroup[] = [];
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const hashes = new Set(list.map((i) => items[i]?.contentHash ?? `none:${i}`));
    groups.push({ kind: hashes.size === 1 ? 'exact' : 'near', ids: list.map((i) => items[i]?.id ?? '') });
  }
  return groups;
}
