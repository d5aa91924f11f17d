import { checkHealth, decideWatch, DEFAULT_GATES } from "../../../../../shared/domain";
import { countersOf, INVOICING_IOS, many, normalDay, u, type SignInSpec } from "../fixtures";

const waveUsers = Array.from({ length: 100 }, (_, i) => u(i + 1));
const controlUsers = Array.from({ length: 300 }, (_, i) => u(1000 + i));
const invoicingIos = INVOICING_IOS;

const baseline = countersOf([...normalDay(waveUsers), ...normalDay(controlUsers)]);

/** The watch runs the bake's own check; only what it does with the answer differs. */
function watch(current: SignInSpec[], options: { control?: boolean; heldBack?: string[] } = {}) {
  const heldBack = options.heldBack ?? [];
  return decideWatch(
    checkHealth({
      waveUserIds: waveUsers.filter((id) => !heldBack.includes(id)),
      heldBackUserIds: heldBack,
      controlUserIds: options.control === false ? [] : controlUsers,
      current: countersOf(current),
      baseline,
      gates: DEFAULT_GATES,
      state: { bakeComplete: false, extensions: 0, waveSize: 100, heldBack: heldBack.length },
    }),
  );
}

describe("decideWatch: what the watch does after the bake", () => {
  it("a healthy wave: nothing to do, nobody held back", () => {
    const decision = watch([...normalDay(waveUsers), ...normalDay(controlUsers)]);
    expect(decision).toMatchObject({ action: "healthy", holdBack: [] });
  });

  it("an app that breaks weeks later: its users are held back with the bake's reason", () => {
    const broken = [u(3), u(17), u(42), u(88)];
    const current = [
      ...normalDay(waveUsers),
      ...broken.flatMap((id) => many(3, { user: id, ...invoicingIos, code: 50074 })),
      ...normalDay(controlUsers),
    ];
    const decision = watch(current);
    expect(decision.action).toBe("holdBack");
    expect(decision.holdBack.map((h) => h.userId)).toEqual([...broken].sort());
    for (const h of decision.holdBack)
      expect(h.reason).toBe(
        "Contoso Invoicing on iOS: 3 of 3 sign-in attempts ended at the MFA prompt (50074), none completed",
      );
    expect(decision.reason).toMatch(/^watch: holding back 4 users/);
  });

  it("a cluster the bake found broken catches the next user at their first failed attempt", () => {
    const earlier = [u(3), u(17), u(42)];
    const current = [
      ...normalDay(waveUsers),
      ...earlier.flatMap((id) => many(4, { user: id, ...invoicingIos, code: 50074 })),
      { user: u(88), ...invoicingIos, code: 50074 },
    ];
    const decision = watch(current, { heldBack: earlier, control: false });
    expect(decision.action).toBe("holdBack");
    expect(decision.holdBack.map((h) => h.userId)).toEqual([u(88)]);
  });

  it("an MFA outage during the watch: reported as systemic, nobody held back, nothing paused", () => {
    const outage = (ids: string[]) =>
      ids.flatMap((id) => [...many(6, { user: id }), ...many(4, { user: id, code: 500121 })]);
    const decision = watch([...outage(waveUsers), ...outage(controlUsers)]);
    expect(decision.action).toBe("systemic");
    expect(decision.holdBack).toEqual([]);
    expect(decision.reason).toMatch(/^systemic: .*nobody held back.*\(during the watch: nothing paused\)$/);
  });

  it("a broad failure with nobody to blame: reported for an admin, nothing held back or paused", () => {
    const broad = waveUsers.flatMap((id) => [
      ...many(7, { user: id }),
      ...many(3, { user: id, code: 50074 }),
    ]);
    const decision = watch([...broad, ...normalDay(controlUsers)]);
    expect(decision.action).toBe("spread");
    expect(decision.holdBack).toEqual([]);
    expect(decision.reason).toMatch(/spread across the wave.*nothing paused, nobody held back/);
  });

  it("two abandoned prompts are noise: nobody held back", () => {
    const current = [
      ...normalDay(waveUsers),
      ...many(2, { user: u(5), ...invoicingIos, code: 50074 }),
      ...many(20, { user: u(5), ...invoicingIos }),
      ...normalDay(controlUsers),
    ];
    expect(watch(current)).toMatchObject({ action: "healthy", holdBack: [] });
  });
});
