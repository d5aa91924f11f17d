import { ManualClock } from "../local/clock";
import { createSimTenant } from "../local/graph-sim/tenant/create-tenant";
console.log("baseline rss", Math.round(process.memoryUsage().rss / 1e6));
const t0 = Date.now();
const clock = new ManualClock("2026-01-12T00:00:00Z");
const t = createSimTenant({ scenario: "large", seed: 1, clock });
global.gc?.();
console.log("create", Date.now() - t0, "ms rss", Math.round(process.memoryUsage().rss / 1e6), "heap", Math.round(process.memoryUsage().heapUsed / 1e6));
let n = 0; const t1 = Date.now(); let peak = 0;
for (const s of t.signIns({ from: new Date("2026-01-05T00:00:00Z"), to: clock.now() })) {
  n++; if (n % 100000 === 0) { peak = Math.max(peak, process.memoryUsage().rss); }
  if (n >= 300_000) break;
  void s;
}
console.log(n, Date.now() - t1, "ms peak", Math.round(peak / 1e6));
