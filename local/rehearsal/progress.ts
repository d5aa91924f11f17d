import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { StatusStore, WaveRecord } from "../../shared/store";
import type { RolloutRecord } from "../../shared/store";
import { stripControl } from "../../shared/text/terminal-safe";
import { displayZone, timeFormat, type TimeFormat } from "../../shared/report/zoned-time";
import { inTimeOrder, waveTitle, type ProgressEvent } from "./progress-events";

/** What the rehearsal shows while it runs: one bar per wave, and each gate verdict as it happens. */
export interface ProgressView {
  step(rollout: RolloutRecord, at: Date): Promise<void>;
  log(line: string): void;
  stop(): void;
}

/** Bars on a terminal; plain lines elsewhere (CI logs, pipes), where redrawing makes noise. */
export function createProgressView(
  store: StatusStore,
  rolloutId: string,
  mode: "bars" | "lines" | "silent",
  options: { utc?: boolean } = {},
): ProgressView {
  if (mode === "silent") return { step: async () => undefined, log: () => undefined, stop: () => undefined };
  const seenGates = new Set<string>();
  let lastStatus = "";
  const multibar =
    mode === "bars"
      ? new MultiBar(
          {
            format: " {wave} |{bar}| {value}/{total} enforced | held back {heldBack} | {phase}",
            hideCursor: true,
            clearOnComplete: false,
            stopOnComplete: false,
          },
          Presets.shades_classic,
        )
      : undefined;
  const header = multibar?.create(
    1,
    0,
    { wave: "rollout".padEnd(10), heldBack: 0, phase: "" },
    {
      format: " {wave} {phase}",
    },
  );
  const bars = new Map<number, SingleBar>();
  // Reasons and gate texts quote admins and the directory: an escape sequence in them is shown inert.
  let time: TimeFormat | undefined;
  const log = (raw: string) => {
    const line = stripControl(raw);
    return multibar ? multibar.log(`${line}\n`) : console.log(line);
  };

  function drawWave(wave: WaveRecord) {
    if (!multibar) return;
    let bar = bars.get(wave.index);
    if (!bar) {
      bar = multibar.create(Math.max(1, wave.planned), 0, {});
      bars.set(wave.index, bar);
    }
    bar.setTotal(Math.max(1, wave.planned));
    bar.update(wave.enforced, { wave: wave.name.padEnd(10), heldBack: wave.heldBack, phase: wave.phase });
  }

  return {
    log,
    stop: () => multibar?.stop(),
    async step(rollout, at) {
      time ??= timeFormat(displayZone(rollout.plan, options.utc));
      const now = at.toISOString();
      header?.update(0, {
        phase: `${time(now)}  ${rollout.status}  enforced ${rollout.counts.enforced}  held back ${rollout.counts.heldBack}`,
      });
      const waves = await store.waves.list(rolloutId);
      const events: ProgressEvent[] = [];
      for (const gate of await store.gates.list(rolloutId, { limit: 10_000 })) {
        const key = `${gate.waveIndex}|${gate.evaluatedAt}|${gate.gate}`;
        if (seenGates.has(key)) continue;
        seenGates.add(key);
        if (gate.gate === "health" && gate.decision === "proceed" && gate.verdict !== "Fail") continue;
        events.push({
          at: gate.evaluatedAt,
          text: `${waveTitle(gate.waveIndex, waves)} ${gate.gate} gate: ${gate.verdict} → ${gate.decision}: ${gate.reasons[0] ?? ""}`,
        });
      }
      // After the gates: at the same instant a status is their consequence.
      const status = `${rollout.status}: ${rollout.statusReason ?? ""}`;
      if (status !== lastStatus) {
        events.push({ at: now, text: status });
        lastStatus = status;
      }
      for (const event of inTimeOrder(events)) log(`${time(event.at)}  ${event.text}`);
      for (const wave of waves) drawWave(wave);
    },
  };
}
