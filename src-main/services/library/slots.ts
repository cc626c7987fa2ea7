/**
 * At most `size` pieces of work at once; the rest wait their turn in order. The library runs its image decodes
 * through one of these (see `decodeSlots`), so an import can keep many files in reading, hashing and writing while
 * only as many are decoded at once as there are cores.
 */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over, not re-counted
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
