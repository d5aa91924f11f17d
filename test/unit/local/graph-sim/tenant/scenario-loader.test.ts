import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scenarioNames } from "../../../../../local/graph-sim/scenarios";
import { loadScenario, ScenarioError } from "../../../../../local/graph-sim/tenant/scenario-loader";

describe("scenario loader", () => {
  it.each(scenarioNames)("loads %s", (name) => {
    const scenario = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.startDate).toBe("2026-01-05T00:00:00Z");
  });

  it("resolves extends: children add to and override their parent", () => {
    const clean = loadScenario("clean");
    const invoicing = loadScenario("invoicing-app");
    expect(invoicing.users).toEqual(clean.users);
    expect(invoicing.groups).toEqual(clean.groups);
    expect(invoicing.userOverrides).toHaveLength(4);
    expect(invoicing.faults.brokenApps[0]!.upns).toHaveLength(4);
    const outage = loadScenario("mfa-outage");
    expect(outage.policies).toHaveLength(1);
    expect(outage.faults.mfaOutages).toEqual([{ day: 10, startHourUtc: 9, hours: 2 }]);
    expect(loadScenario("service-accounts").users).toHaveLength(clean.users.length + 3);
  });

  it("names the field of a schema error", () => {
    expect(() => loadScenario({ extends: "clean", name: "bad", signInsPerUserPerDay: "four" })).toThrow(
      /signInsPerUserPerDay/,
    );
    expect(() => loadScenario({ extends: "clean", name: "typo", userOverride: [] })).toThrow(/userOverride/);
  });

  it("rejects references to users, apps or groups that do not exist", () => {
    expect(() =>
      loadScenario({
        extends: "clean",
        name: "x",
        registration: { unregisteredUpns: ["ghost@contoso.com"] },
      }),
    ).toThrow(/unknown user "ghost@contoso.com"/);
    expect(() =>
      loadScenario({
        extends: "clean",
        name: "y",
        faults: {
          brokenApps: [
            {
              appId: "11111111-1111-4111-8111-111111111111",
              platform: "iOS",
              upns: ["breakglass1@contoso.com"],
            },
          ],
        },
      }),
    ).toThrow(/unknown app/);
  });

  it("reports unknown names and circular extends clearly", () => {
    expect(() => loadScenario("nope")).toThrow(ScenarioError);
    expect(() => loadScenario("nope")).toThrow(/known: clean/);
    expect(() => loadScenario("a", { a: { extends: "b" }, b: { extends: "a" } })).toThrow(/circular/);
  });

  it("loads a scenario file by path, extending a built-in one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "graph-sim-scenario-"));
    const file = path.join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ name: "mine", extends: "clean", signInsPerUserPerDay: 6 }));
    const scenario = loadScenario(file);
    expect(scenario.signInsPerUserPerDay).toBe(6);
    expect(scenario.users).toHaveLength(87);
  });
});

describe("sizing the large scenario inline", () => {
  it("overrides generate.users through extends", () => {
    const scenario = loadScenario({ name: "large-20k", extends: "large", generate: { users: 20_000 } });
    expect(scenario.generate?.users).toBe(20_000);
    expect(scenario.generate?.upnPrefix).toBe("user");
  });
});
