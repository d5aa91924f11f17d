/**
 * Writes the fixture recordings in local/recordings/ from the simulator
 * (`npx ts-node --transpile-only local/graph-sim/recordings/make-fixtures.ts`): the clean tenant with Contoso Invoicing's
 * MFA flow broken on four Sales and Finance iPhones and one IMAP4 user, 5 Sales and Finance staff,
 * report-only for everyone from day 1 and enforcement for Sales and Finance from day 2 12:00 UTC,
 * days 2 and 3 of their interactive sign-ins. The same rows in the three formats the reader
 * accepts; deterministic (seed 7), so re-running it changes nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ConditionalAccessPolicy, SignIn } from "@microsoft/microsoft-graph-types";
import { format } from "prettier";
import { ManualClock } from "../../clock";
import { createSimTenant } from "../tenant/create-tenant";

const OUT = path.join(__dirname, "..", "..", "recordings");
const DAY = 86_400_000;
const START = Date.parse("2026-01-05T00:00:00Z");
const ALL_STAFF = "a11c0000-5a1f-4c0d-9e00-000000000001";
const SALES_AND_FINANCE = "a11c0000-5a1f-4c0d-9e00-000000000004";
const EMERGENCY = "a11c0000-5a1f-4c0d-9e00-000000000005";
const INVOICING = "c0a7050f-1a5e-4b1c-9a7e-10c0ffee0001";
const BROKEN_IPHONES = [
  "elif.ueda@contoso.com",
  "imani.yilmaz@contoso.com",
  "xavier.dubois@contoso.com",
  "dana.ueda@contoso.com",
];
const PEOPLE = [
  "elif.ueda", // Contoso Invoicing breaks on her iPhone
  "imani.yilmaz", // and on his
  "xavier.dubois", // and on his
  "rosa.lindqvist", // reads mail over IMAP4
  "femi.castillo",
];
const PAGE_SIZE = 50;

function mfaPolicy(displayName: string, state: string, users: object): ConditionalAccessPolicy {
  return {
    displayName,
    state,
    conditions: { users, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"] },
    grantControls: { operator: "OR", builtInControls: ["mfa"] },
  } as ConditionalAccessPolicy;
}

function record(): SignIn[] {
  const clock = new ManualClock(new Date(START + DAY));
  const tenant = createSimTenant({
    seed: 7,
    clock,
    scenario: {
      name: "recording fixture",
      extends: "clean",
      userOverrides: [
        ...BROKEN_IPHONES.map((upn) => ({ upn, phone: "iOS" })),
        { upn: "rosa.lindqvist@contoso.com", legacyClients: ["IMAP4"] },
      ],
      faults: { brokenApps: [{ appId: INVOICING, platform: "iOS", upns: BROKEN_IPHONES }] },
    },
  });
  const group = tenant.createGroup({
    displayName: "CA rollout – enforced",
    mailNickname: "ca-rollout-enforced",
    mailEnabled: false,
    securityEnabled: true,
  });
  tenant.createPolicy(
    mfaPolicy("Require MFA (report-only)", "enabledForReportingButNotEnforced", {
      includeGroups: [ALL_STAFF],
      excludeGroups: [group.id, EMERGENCY],
    }),
  );
  tenant.createPolicy(
    mfaPolicy("Require MFA (enforced)", "enabled", { includeGroups: [group.id], excludeGroups: [EMERGENCY] }),
  );
  clock.advanceTo(new Date(START + 2.5 * DAY));
  tenant.addMembers(group.id!, tenant.listMemberIds(SALES_AND_FINANCE));
  clock.advanceTo(new Date(START + 6 * DAY));
  const ids = PEOPLE.map((name) => tenant.findUser(`${name}@contoso.com`)!.id!);
  return [
    ...tenant.signIns({
      from: new Date(START + 2 * DAY),
      to: new Date(START + 4 * DAY - 1),
      userIds: new Set(ids),
    }),
  ];
}

async function write(name: string, json: unknown): Promise<void> {
  writeFileSync(path.join(OUT, name), await format(JSON.stringify(json), { parser: "json" }));
}

async function main(): Promise<void> {
  const rows = record();
  mkdirSync(OUT, { recursive: true });
  const context = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns";
  const pages = [];
  for (let i = 0; i < rows.length; i += PAGE_SIZE) {
    const last = i + PAGE_SIZE >= rows.length;
    pages.push({
      "@odata.context": context,
      ...(last
        ? {}
        : {
            "@odata.nextLink": `https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=page${pages.length + 1}`,
          }),
      value: rows.slice(i, i + PAGE_SIZE),
    });
  }
  await write("invoicing-rollout.graph-pages.json", pages);
  await write("invoicing-rollout.admin-center.json", rows);
  writeFileSync(
    path.join(OUT, "invoicing-rollout.jsonl"),
    rows.map((r) => JSON.stringify(r)).join("\n") + "\n",
  );
  process.stdout.write(`wrote ${rows.length} sign-ins in ${pages.length} pages to ${OUT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`make-fixtures: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
