import { inTimeOrder, waveTitle } from "../../../../local/rehearsal/progress-events";
import { heldBackFate } from "../../../../shared/report/held-back-fate";
import { timeFormat } from "../../../../shared/report/zoned-time";

describe("the rehearsal's console lines", () => {
  it("come oldest first, a status after the gates of the same instant", () => {
    const events = inTimeOrder([
      { at: "2026-01-08T08:00:00.000Z", text: "running: inside the change window" },
      { at: "2026-01-08T07:00:00.000Z", text: "wave 1/3 pilot readiness gate" },
      { at: "2026-01-08T08:00:00.000Z", text: "later at the same instant" },
    ]);
    expect(events.map((e) => e.text)).toEqual([
      "wave 1/3 pilot readiness gate",
      "running: inside the change window",
      "later at the same instant",
    ]);
  });

  it("number waves from 1 of all, with the name, as the report and status do", () => {
    const waves = [
      { index: 0, name: "pilot" },
      { index: 1, name: "core" },
    ];
    expect(waveTitle(0, waves)).toBe("wave 1/2 pilot");
    expect(waveTitle(1, waves)).toBe("wave 2/2 core");
    expect(waveTitle(1, [])).toBe("wave 2");
  });

  it("say what happens next to a held-back user: a re-check on a date, or an admin", () => {
    const london = timeFormat("Europe/London");
    expect(heldBackFate("2026-07-01T07:00:00.000Z", london)).toBe("re-checked 2026-07-01 08:00 +01:00");
    expect(heldBackFate(undefined, london)).toBe("waits for an admin's retry-held-back");
  });
});
