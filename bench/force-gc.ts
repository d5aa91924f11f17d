import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection in a process not started with --expose-gc: the flag set at run time
 * exposes `gc` to contexts created after it, which is where it is taken from.
 */
export function forceGc(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
