import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostToken } from '../../../src-main/host/host-token';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the browser host token', () => {
  it('is kept per data folder, owner-only, so a restarted host keeps its address', () => {
    const first = hostToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(hostToken(dir)).toBe(first);
    expect(statSync(path.join(dir, 'host-token')).mode & 0o777).toBe(0o600);
  });

  it('is replaced on request, and when the saved one is damaged', () => {
    const first = hostToken(dir);
    const fresh = hostToken(dir, { fresh: true });
    expect(fresh).not.toBe(first);
    expect(hostToken(dir)).toBe(fresh);
    writeFileSync(path.join(dir, 'host-token'), 'short');
    expect(hostToken(dir)).not.toBe('short');
  });
});
