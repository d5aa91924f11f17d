import {
  captureRegistrations,
  EventType,
  LocalDurableHost,
  type LocalDurableHostOptions,
} from "../../../local/durable-host";
import { MAX_TIMER_STEP_MS } from "../../../orchestrations/control-inbox";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the app registers at import time, inside the capture
const registry = captureRegistrations(() => require("./fixtures/control-inbox-app"));
const T0 = Date.parse("2026-01-05T09:00:00.000Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startHost(options: Partial<LocalDurableHostOptions> = {}): Promise<LocalDurableHost> {
  return LocalDurableHost.start({
    registry,
    clock: { mode: "virtual", start: new Date(T0).toISOString() },
    ...options,
  });
}

const output = (host: LocalDurableHost, id: string): unknown =>
  JSON.parse(host.instance(id)?.output ?? "null");

describe("ControlInbox (on the local host, with the real durable-functions SDK)", () => {
  it("keeps every event raised while an activity runs, and an abort among them goes first", async () => {
    const host = await startHost();
    try {
      host.faults.activityTakes("note", HOUR);
      await host.client.startNew("inboxLoop", { instanceId: "loop" });
      await host.runUntilIdle();
      await host.client.raiseEvent("loop", "pause", { actor: "a", reason: "1" });
      await host.advanceBy(10 * MINUTE); // the activity after the first pause runs for an hour
      await host.client.raiseEvent("loop", "pause", { actor: "a", reason: "2" });
      await host.client.raiseEvent("loop", "resume", { actor: "a", reason: "3" });
      await host.advanceBy(10 * MINUTE);
      await host.client.raiseEvent("loop", "pause", { actor: "a", reason: "4" });
      await host.client.raiseEvent("loop", "abort", { actor: "a", reason: "5" });
      await host.advanceBy(10 * HOUR);
      // Five events came while busy; the abort is taken first and ends the loop.
      expect(output(host, "loop")).toEqual(["pause:1", "abort:5"]);
    } finally {
      await host.stop();
    }
  });

  it("takes same-name events in arrival order and other names after them when no abort waits", async () => {
    const host = await startHost();
    try {
      host.faults.activityTakes("note", HOUR);
      await host.client.startNew("inboxLoop", { instanceId: "order" });
      await host.runUntilIdle();
      await host.client.raiseEvent("order", "pause", { actor: "a", reason: "1" });
      await host.advanceBy(MINUTE);
      for (const reason of ["2", "3"]) await host.client.raiseEvent("order", "pause", { actor: "a", reason });
      await host.client.raiseEvent("order", "resume", { actor: "a", reason: "4" });
      await host.advanceBy(5 * HOUR);
      await host.client.raiseEvent("order", "abort", { actor: "a", reason: "5" });
      await host.advanceBy(HOUR);
      expect(output(host, "order")).toEqual(["pause:1", "pause:2", "pause:3", "resume:4", "abort:5"]);
    } finally {
      await host.stop();
    }
  });

  it("cuts a 10-day wait into timers of at most three days and ends it exactly on time", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("inboxLongWait", { instanceId: "long", input: 10 });
      await host.advanceBy(11 * DAY);
      expect(output(host, "long")).toEqual({ wake: "timer", at: new Date(T0 + 10 * DAY).toISOString() });
      const fireAts = (host.instance("long")?.history ?? [])
        .filter((e) => e.EventType === EventType.TimerCreated)
        .map((e) => Date.parse(String(e.FireAt)) - T0);
      expect(fireAts).toEqual([3 * DAY, 6 * DAY, 9 * DAY, 10 * DAY]);
      expect(MAX_TIMER_STEP_MS).toBeLessThan(6 * DAY);
    } finally {
      await host.stop();
    }
  });

  it("is woken by an event on day 4 of a 10-day wait and completes (no long timer is cancelled)", async () => {
    const host = await startHost();
    try {
      await host.client.startNew("inboxLongWait", { instanceId: "early", input: 10 });
      await host.advanceBy(4 * DAY);
      await host.client.raiseEvent("early", "pause", { actor: "a", reason: "now" });
      await host.advanceBy(10 * DAY);
      expect(host.instance("early")?.status).toBe("Completed");
      expect(output(host, "early")).toEqual({ wake: "pause:now", at: new Date(T0 + 4 * DAY).toISOString() });
    } finally {
      await host.stop();
    }
  });

  it("passes pause, abort and retry-held-back across continue-as-new, not stale approvals", async () => {
    const host = await startHost();
    try {
      host.faults.activityTakes("note", HOUR);
      await host.client.startNew("inboxCarry", { instanceId: "carry", input: {} });
      await host.runUntilIdle();
      await host.advanceBy(MINUTE);
      await host.client.raiseEvent("carry", "approve", { actor: "a" });
      await host.client.raiseEvent("carry", "pause", { actor: "a", reason: "keep me" });
      await host.advanceBy(2 * HOUR);
      expect(output(host, "carry")).toEqual({ carried: ["pause"], first: "pause:keep me" });
    } finally {
      await host.stop();
    }
  });
});
