/** Where directory users sit in the directory's list, for membership lookups by position. */
export interface UserIndex {
  readonly size: number;
  indexOf(id: string): number | undefined;
}

/** Membership changes are numbered across the tenant: what a delta token remembers (see groups-delta). */
export interface ChangeCounter {
  value: number;
}

/**
 * One group's membership with its history, so "was X a member at time T" has an answer for every
 * past T. A change stamped at time m takes effect for instants strictly after m: a sign-in at the
 * very millisecond of the change still sees the old state, and a sign-in already returned never
 * changes afterwards.
 */
export class MembershipLog {
  /** Current members → when their open span started, in insertion order (Map keeps it). */
  private readonly current = new Map<string, number>();
  /**
   * The same for directory users, by their index (NaN: not a member now). Conditional Access asks
   * several groups about every sign-in; in a 100,000-member map each answer was a few cache misses.
   */
  private readonly openByIndex: Float64Array | undefined;

  constructor(
    private readonly directory?: UserIndex,
    private readonly counter: ChangeCounter = { value: 0 },
  ) {
    if (directory) this.openByIndex = new Float64Array(directory.size).fill(NaN);
  }
  /** Every change's number (ascending) and whose membership it changed, for delta queries. */
  private readonly changeNumbers: number[] = [];
  private readonly changedIds: string[] = [];
  /** Past spans [added, removed, added, removed, ...], only for members who ever left: most never do. */
  private readonly closed = new Map<string, number[]>();

  has(userId: string): boolean {
    return this.current.has(userId);
  }

  /** Kept between changes: a member list is paged 999 ids at a time, and each page asks again. */
  private idList: readonly string[] | undefined;

  ids(): readonly string[] {
    this.idList ??= [...this.current.keys()];
    return this.idList;
  }

  get size(): number {
    return this.current.size;
  }

  add(userId: string, at: number): void {
    if (this.current.has(userId)) return;
    this.current.set(userId, at);
    this.idList = undefined;
    this.setOpen(userId, at);
    this.noteChange(userId);
  }

  remove(userId: string, at: number): void {
    const added = this.current.get(userId);
    if (added === undefined) return;
    this.current.delete(userId);
    this.idList = undefined;
    this.setOpen(userId, NaN);
    const spans = this.closed.get(userId);
    if (spans) spans.push(added, at);
    else this.closed.set(userId, [added, at]);
    this.noteChange(userId);
  }

  /**
   * Each id whose membership changed after change number `after`, once, with whether it is a
   * member now (an id added and removed again since is reported removed, as Graph may).
   */
  changedSince(after: number): { id: string; member: boolean }[] {
    let lo = 0;
    let hi = this.changeNumbers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.changeNumbers[mid] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    const ids = new Set(this.changedIds.slice(lo));
    return [...ids].map((id) => ({ id, member: this.current.has(id) }));
  }

  private noteChange(userId: string): void {
    this.changeNumbers.push(++this.counter.value);
    this.changedIds.push(userId);
  }

  wasMemberAt(userId: string, at: number): boolean {
    const open = this.current.get(userId);
    if (open !== undefined && open < at) return true;
    return this.wasMemberBefore(userId, at);
  }

  /** wasMemberAt for a directory user, found by index (the log must have been given the directory). */
  wasUserMemberAt(user: { index: number; id: string }, at: number): boolean {
    if (!this.openByIndex || user.index >= this.openByIndex.length) return this.wasMemberAt(user.id, at);
    // NaN (not a member now) is never below `at`.
    if ((this.openByIndex[user.index] as number) < at) return true;
    return this.closed.size > 0 && this.wasMemberBefore(user.id, at);
  }

  private setOpen(userId: string, at: number): void {
    if (!this.openByIndex) return;
    const index = this.directory?.indexOf(userId);
    if (index !== undefined) this.openByIndex[index] = at;
  }

  private wasMemberBefore(userId: string, at: number): boolean {
    const spans = this.closed.get(userId);
    if (!spans) return false;
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i]! < at && at <= spans[i + 1]!) return true;
    }
    return false;
  }
}
