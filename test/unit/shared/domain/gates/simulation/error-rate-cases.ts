import { REALISTIC, type BakeScenario } from "./bake-simulation";

/** The seed tenant's shape: 85 users, waves of 15, 40 and 30; later waves are the control. */
export const WAVES = [
  { name: "pilot", waveSize: 15, controlSize: 70, observeDays: 3 },
  { name: "core", waveSize: 40, controlSize: 30, observeDays: 7 },
  { name: "extended", waveSize: 30, controlSize: 0, observeDays: 7 },
] as const;

export interface ErrorRateCase {
  name: string;
  scenario: BakeScenario;
  firstSeed: number;
}

export const ERROR_RATE_CASES: ErrorRateCase[] = [
  ...WAVES.flatMap((w, i) =>
    [0.03, 0.05].map((baseRate, j) => ({
      name: `clean ${w.name} (${w.waveSize} users), ${baseRate * 100}% abandoned`,
      scenario: { ...REALISTIC, ...w, baseRate },
      firstSeed: 1_000_000 * (1 + 2 * i + j),
    })),
  ),
  ...WAVES.map((w, i) => ({
    name: `clean ${w.name}, 4% enforced, a quarter of it before`,
    scenario: { ...REALISTIC, ...w, baseRate: 0.04, unenforcedAbandonFactor: 0.25 },
    firstSeed: 10_000_000 * (1 + i),
  })),
  {
    name: "invoicing-app: 4 of 40 on a broken app",
    scenario: { ...REALISTIC, ...WAVES[1], brokenApp: { users: 4, shareOfAttempts: 0.3 } },
    firstSeed: 7_000_000,
  },
  {
    name: "invoicing-app: 2 of its 16 users in 30, broken on their phones",
    scenario: {
      ...REALISTIC,
      ...WAVES[2],
      bakeDays: 10,
      brokenApp: { users: 2, shareOfAttempts: 0.2, healthyUsers: 14 },
    },
    firstSeed: 9_000_000,
  },
  {
    name: "mfa-outage: 12 h, pilot wave and control",
    scenario: {
      ...REALISTIC,
      ...WAVES[0],
      outage: { startHour: 48, hours: 12, waveShare: 0.6, controlShare: 0.2 },
    },
    firstSeed: 8_000_000,
  },
];
