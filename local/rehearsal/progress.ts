import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { StatusStore, WaveRecord } from "../../shared/store";
import type { RolloutRecord } from "../../shared/store";
import { stripControl } from "../../shared/text/terminal-safe";

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
      const day = at.toISOString().slice(0, 16).replace("T", " ");
      header?.update(0, {
        phase: `${day} UTC  ${rollout.status}  enforced ${rollout.counts.enforced}  held back ${rollout.counts.heldBack}`,
      });
      const status = `${rollout.status}: ${rollout.statusReason ?? ""}`;
      if (status !== lastStatus) {
        log(`${day}  ${status}`);
        lastStatus = status;
      }
      for (const gate of await store.gates.list(rolloutId, { limit: 10_000 })) {
        const key = `${gate.waveIndex}|${gate.evaluatedAt}|${gate.gate}`;
        if (seenGates.has(key)) continue;
        seenGates.add(key);
        if (gate.gate === "health" && gate.decision === "proceed" && gate.verdict !== "Fail") continue;
        log(
          `${gate.evaluatedAt.slice(0, 16).replace("T", " ")}  wave ${gate.waveIndex} ${gate.gate} gate: ${gate.verdict} → ${gate.decision}: ${gate.reasons[0] ?? ""}`,
        );
      }
      for (const wave of await store.waves.list(rolloutId)) drawWave(wave);
    },
  };
}
