import { describe, expect, it } from 'vitest';
import { GRANT_TTL_MS, createPathGrants } from '../../../src-main/core/desktop/path-grants';
import { PathToken } from '@contract';

function rig() {
  let t = 1_000;
  let n = 0;
  const grants = createPathGrants({ now: () => t, randomToken: () => `token-${String(++n).padStart(40, '0')}` });
  return { grants, tick: (ms: number) => (t += ms) };
}

describe('path grants (main-issued paths)', () => {
  it('gives the path back once for the purpose it was issued for', () => {
    const { grants } = rig();
    const token = grants.issue('/home/me/Pictures', 'export-folder');
    expect(PathToken.safeParse(token).success).toBe(true);
    expect(grants.take(token, 'export-folder')).toBe('/home/me/Pictures');
    expect(grants.take(token, 'export-folder')).toBeNull(); // reused
    expect(grants.size()).toBe(0);
  });

  it.each([
    ['a made-up token', 'token-' + '9'.repeat(40)],
    ['an empty string', ''],
    ['a path', '/etc/passwd'],
  ])('refuses %s', (_label, forged) => {
    const { grants } = rig();
    grants.issue('/home/me/a.png', 'import-file');
    expect(grants.take(forged, 'import-file')).toBeNull();
    expect(grants.size()).toBe(1);
  });

  it('refuses a token shown for another purpose, and burns it', () => {
    const { grants } = rig();
    const token = grants.issue('/home/me/a.png', 'import-file');
    expect(grants.take(token, 'save-file')).toBeNull();
    expect(grants.take(token, 'import-file')).toBeNull();
  });

  it('expires tokens after their time to live', () => {
    const { grants, tick } = rig();
    const early = grants.issue('/a', 'save-file');
    const late = grants.issue('/b', 'save-file');
    tick(GRANT_TTL_MS - 1);
    expect(grants.take(late, 'save-file')).toBe('/b');
    tick(1);
    expect(grants.take(early, 'save-file')).toBeNull();
  });

  it('forgets the oldest choices past its bound instead of growing', () => {
    const { grants } = rig();
    const first = grants.issue('/first', 'import-file');
    for (let i = 0; i < 6000; i++) grants.issue(`/f${i}`, 'import-file');
    expect(grants.size()).toBe(5000);
    expect(grants.take(first, 'import-file')).toBeNull();
  });
});
