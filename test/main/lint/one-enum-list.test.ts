/**
 * "grep finds each enum literal list in exactly one source file": every list of aspect ratios, resolutions,
 * qualities or video modes is written out once, in the capability table; everything else derives from it. This
 * scans the sources for array literals that spell out several values of one enum and fails on any file but the table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENUMS, IMAGE_RATIO_SIZES_1K } from '../../../src-preload/contract/capability-table';

const ROOT = path.resolve(__dirname, '../../..');
/** The table and its provider sections (Stability and MiniMax live beside it to keep each file readable). */
const TABLE = ['src-preload/contract/capability-providers.ts', 'src-preload/contract/capability-table.ts'];

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

const ENUM_VALUES: Record<string, readonly string[]> = {
  'image aspect ratios': Object.keys(IMAGE_RATIO_SIZES_1K),
  'video aspect ratios': ENUMS.videoRatios,
  'image resolutions': ENUMS.imageResolutions,
  'video resolutions': ENUMS.videoResolutions,
  qualities: ENUMS.qualities,
  'video modes': ENUMS.videoModes,
};

/** Files with an array literal (or a union of string literals) naming at least `min` values of the enum. */
function filesListing(values: readonly string[], min = Math.min(3, values.length)): string[] {
  // An element of the list or union, not a property value: sample data such as `{ ratio: '16:9' }, { ratio: '1:1' }`
  // names values without listing the enum.
  const quoted = (v: string) =>
    new RegExp(`(?:^|[[,|])\\s*['"\`]${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]\\s*(?=[,\\]|]|$)`);
  return ['src-main', 'src-preload', 'src-renderer'].flatMap(sources).filter((file) => {
    // A discriminated union's `z.literal('text')` branches are schemas per value, not a list of values.
    const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/z\.literal\([^)]*\)/g, '');
    const lists = [...text.matchAll(/\[[^[\]]*\]/g), ...text.matchAll(/(?:'[^']*'\s*\|\s*){1,}'[^']*'/g)].map((m) => m[0]);
    return lists.some((list) => values.filter((v) => quoted(v).test(list)).length >= min);
  });
}

describe('each enum literal list lives in the capability table only', () => {
  it.each(Object.entries(ENUM_VALUES))('%s', (name, values) => {
    // 'image', 'edit' and 'text' are also the kinds of paid work in the ledger ('image' | 'edit' | 'video' | 'text'):
    // a list of modes is one that names at least four of the five.
    const min = name === 'video modes' ? 4 : undefined;
    expect(filesListing(values, min).filter((f) => !TABLE.includes(f))).toEqual([]);
    expect(filesListing(values, min)).toContain(TABLE[1]);
  });
});
