import type { Timer } from "@azure/functions";
import type { Clock } from "../clock";
import type { DurableClientData } from "./client-data";
import { createInvocationContext, type HostLog } from "./invocation-context";
import type { Registration } from "./registry";
import { nextOccurrence } from "./timer-schedule";

/** A real firing counts as past due when it runs this late (the worker's own notion is similar). */
const PAST_DUE_MS = 60_000;

interface ScheduledTimer {
  registration: Registration;
  schedule: string;
  next: Date;
  last?: Date;
  runOnStartup: boolean;
}

/** Fires timer-triggered functions at their NCRONTAB occurrences on the host's clock. */
export class TimerTriggers {
  private readonly timers: ScheduledTimer[];
  readonly fired: { name: string; at: string }[] = [];

  constructor(
    registrations: Registration[],
    private readonly clock: Clock,
    private readonly clientData: () => DurableClientData,
    private readonly log: HostLog,
    /** Virtual seconds per real second: lateness is judged in real time, as a worker would. */
    private readonly ratio = 1,
    /**
     * The schedule monitor's records: when each timer last ran. A host restarted with them runs
     * an occurrence it missed while down at once, as past due, like the Functions host does.
     */
    lastRun: Readonly<Record<string, string>> = {},
  ) {
    const now = clock.now();
    this.timers = registrations.map((registration) => {
      const trigger = registration.trigger as { schedule?: string; runOnStartup?: boolean };
      if (!trigger.schedule) throw new Error(`Timer function '${registration.name}' has no schedule`);
      const last = lastRun[registration.name];
      const missed = last === undefined ? undefined : nextOccurrence(trigger.schedule, new Date(last));
      return {
        registration,
        schedule: trigger.schedule,
        next: trigger.runOnStartup
          ? now
          : missed && missed.getTime() <= now.getTime()
            ? missed
            : nextOccurrence(trigger.schedule, now),
        ...(last !== undefined ? { last: new Date(last) } : {}),
        runOnStartup: trigger.runOnStartup === true,
      };
    });
  }

  nextDue(): Date | undefined {
    let due: Date | undefined;
    for (const timer of this.timers) if (!due || timer.next < due) due = timer.next;
    return due;
  }

  /** Invokes every timer due at or before now (each at most once per call); true if any fired. */
  async fireDue(): Promise<boolean> {
    const now = this.clock.now();
    let any = false;
    for (const timer of this.timers) {
      if (timer.next.getTime() > now.getTime()) continue;
      const due = timer.next;
      timer.next = nextOccurrence(timer.schedule, now);
      any = true;
      await this.invoke(timer, due, now);
      timer.last = due;
    }
    return any;
  }

  private async invoke(timer: ScheduledTimer, due: Date, now: Date): Promise<void> {
    const payload: Timer = {
      isPastDue: (now.getTime() - due.getTime()) / this.ratio > PAST_DUE_MS,
      schedule: { adjustForDST: false },
      scheduleStatus: {
        last: (timer.last ?? due).toISOString(),
        next: timer.next.toISOString(),
        lastUpdated: now.toISOString(),
      },
    };
    this.fired.push({ name: timer.registration.name, at: due.toISOString() });
    const context = createInvocationContext(timer.registration, this.clientData(), this.log);
    try {
      await timer.registration.handler(payload, context);
    } catch (error) {
      this.log(
        `[${timer.registration.name}] timer function threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
