/**
 * Int32Arrays the sign-in folds hand back when they finish, for the next fold to reuse. A fold's
 * tables are megabytes outside the JavaScript heap, which V8 frees only when a full collection
 * comes round: without reuse, every read of the log would leave its tables behind until then, and
 * a process reading often would hold several reads' worth.
 */
const spare: Int32Array[] = [];
const MAX_SPARE = 4;

/** A zeroed array of `length` integers. */
export function borrowInts(length: number): Int32Array {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const candidate = spare[i] as Int32Array;
    if (candidate.length >= length && (best < 0 || candidate.length < (spare[best] as Int32Array).length)) {
      best = i;
    }
  }
  if (best < 0) return new Int32Array(length);
  const [whole] = spare.splice(best, 1) as [Int32Array];
  const ints = whole.subarray(0, length);
  ints.fill(0);
  return ints;
}

/** Gives an array back; the caller must not use it after. The largest few are kept. */
export function returnInts(ints: Int32Array): void {
  const whole = new Int32Array(ints.buffer);
  if (spare.some((held) => held.buffer === whole.buffer)) return;
  spare.push(whole);
  spare.sort((a, b) => b.length - a.length);
  spare.length = Math.min(spare.length, MAX_SPARE);
}
