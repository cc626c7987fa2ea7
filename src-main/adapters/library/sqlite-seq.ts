import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { fail } from '../../core/app-error';
import { SEQ_SLOTS } from './sqlite-query';

/** Out of every real slot (seq stays a signed 64-bit integer): where same-millisecond rows wait while renumbered. */
const PARKED = 1n << 62n;

/**
 * Chooses the `seq` for an item so that rowid order is exactly (created_at, id) order: created_at * SEQ_SLOTS +
 * the item's rank by id among the items of that millisecond. Almost every item has its millisecond to itself
 * (one indexed range probe); when it shares it, the few rows of that millisecond are renumbered in place, which
 * moves their FTS rows too (the update trigger covers `seq`). Runs inside the caller's transaction.
 */
export class SeqAllocator {
  private readonly inRange: StatementSync;
  private readonly park: StatementSync;
  private readonly move: StatementSync;

  constructor(db: DatabaseSync) {
    this.inRange = db.prepare('SELECT id FROM items WHERE seq >= ? AND seq < ? ORDER BY seq');
    this.park = db.prepare(`UPDATE items SET seq = seq + ${PARKED} WHERE seq >= ? AND seq < ?`);
    this.move = db.prepare('UPDATE items SET seq = ? WHERE id = ?');
  }

  /** The seq `id` must take; other rows of the same millisecond may be moved to keep their id order. */
  place(createdAt: number, id: string): number {
    const base = createdAt * SEQ_SLOTS;
    if (!Number.isSafeInteger(base)) fail({ kind: 'validation', message: 'Item date out of range.', issues: [] });
    const others = (this.inRange.all(base, base + SEQ_SLOTS) as { id: string }[]).map((r) => r.id).filter((o) => o !== id);
    if (others.length === 0) return base;
    if (others.length >= SEQ_SLOTS) fail({ kind: 'storage', message: 'Too many items share one timestamp.' });
    const order = [...others, id].sort();
    this.park.run(base, base + SEQ_SLOTS);
    order.forEach((other, rank) => {
      if (other !== id) this.move.run(base + rank, other);
    });
    return base + order.indexOf(id);
  }
}
