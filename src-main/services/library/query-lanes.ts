/** Lanes kept at most: one per open window in practice; the least recently used is forgotten beyond this. */
const MAX_LANES = 64;

/**
 * The newest call of each query lane (see `LibraryQueryInput.lane`): a call enters and gets a number; it is still
 * the latest of its lane until another call of that lane enters.
 */
export class QueryLanes {
  private readonly latest = new Map<string, number>();
  private seq = 0;

  enter(lane: string): number {
    this.seq += 1;
    this.latest.delete(lane); // re-inserted last: a Map iterates oldest first
    this.latest.set(lane, this.seq);
    if (this.latest.size > MAX_LANES) {
      const oldest = this.latest.keys().next().value;
      if (oldest !== undefined) this.latest.delete(oldest);
    }
    return this.seq;
  }

  /** False once a newer call entered the lane (a forgotten lane has no newer call: still the latest). */
  isLatest(lane: string, ticket: number): boolean {
    const newest = this.latest.get(lane);
    return newest === undefined || newest === ticket;
  }
}
