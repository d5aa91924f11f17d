/**
 * The last few counter windows this process read or wrote, each under the generation of the
 * stored document it equals. A generation is never rewritten (a new write makes a new one), so a
 * copy whose generation is still the head's is as good as reading the document again, which for a
 * control cohort means parsing counters for most of the population on every step.
 *
 * A copy handed out by take() is the caller's: it leaves the cache, so counting into it and then
 * failing before the write leaves nothing stale behind. peek() hands out the cached copy itself,
 * for callers that only read it.
 */
export class WindowCache<W> {
  private readonly entries = new Map<string, { generation: string; window: W }>();

  constructor(private readonly capacity: number) {}

  take(id: string, generation: string): W | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return entry?.generation === generation ? entry.window : undefined;
  }

  peek(id: string, generation: string): W | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.generation !== generation) {
      this.entries.delete(id);
      return undefined;
    }
    // Most recently used last, so the first key is the one to evict.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.window;
  }

  put(id: string, generation: string, window: W): void {
    this.entries.delete(id);
    this.entries.set(id, { generation, window });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
