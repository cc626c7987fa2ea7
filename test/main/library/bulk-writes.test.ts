/**
 * A rebuild defers SQLite's WAL checkpoints (each one syncs the database file) and catches up at its end (issue 16:
 * checkpoints every few shard commits were half of a 20,000-item rebuild's time on a busy disk).
 */
import type { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

describe('bulk writes', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('checkpoints rarely while on, as usual after, with the log folded into the database', () => {
    const store = new SqliteLibraryStore(path.join(dir, 'library.db'));
    // The setting is per connection: read through the store's own (a test-only look inside).
    const db = (store as unknown as { db: DatabaseSync }).db;
    const every = () => Number((db.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number }).wal_autocheckpoint);
    expect(every()).toBe(1000);
    store.bulkWrites(true);
    expect(every()).toBe(20_000);
    store.bulkWrites(false);
    expect(every()).toBe(1000);
    store.close();
  });

  it('a rebuild turns them on, and off again when it ends', async () => {
    const lib = openLibrary(dir);
    try {
      await lib.service.ingest({ bytes: await jpeg(32, 32), kind: 'image', origin: 'generated', prompt: 'kept' });
      const calls: boolean[] = [];
      const proto = SqliteLibraryStore.prototype;
      const original = proto.bulkWrites;
      proto.bulkWrites = function (this: SqliteLibraryStore, on: boolean) {
        calls.push(on);
        original.call(this, on);
      };
      try {
        expect((await lib.service.rebuild()).items).toBe(1);
      } finally {
        proto.bulkWrites = original;
      }
      expect(calls).toEqual([true, false]);
    } finally {
      await lib.close();
    }
  });
});
