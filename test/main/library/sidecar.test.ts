import { describe, expect, it } from 'vitest';
import { parseCollections, parseSidecar, serializeSidecar } from '../../../src-main/core/library/sidecar';
import { entry, idOf } from './fixtures';

describe('sidecar format', () => {
  it('round-trips user state (version 2) and reads version 1 sidecars as having none', () => {
    const e = entry(1, { favorite: true, trashedAt: 42 });
    const back = parseSidecar(serializeSidecar(e, [idOf(7)]));
    expect(back).toEqual({ ...e, collections: [idOf(7)] });
    const v1 = JSON.parse(serializeSidecar(e)) as Record<string, unknown>;
    delete v1.state;
    v1.version = 1;
    expect(parseSidecar(JSON.stringify(v1))).toMatchObject({ item: { favorite: false, rating: 0, tags: [], trashedAt: null }, collections: [] });
    expect(parseSidecar('{"format":"other"}')).toBeNull();
    expect(parseCollections('not json')).toEqual([]);
  });
});
