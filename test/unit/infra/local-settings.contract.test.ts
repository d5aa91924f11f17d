import { CONFIG_ENV, readConfig } from "../../../shared/config";
import { readRepoFile } from "../../repo-files";

const localSettings = (
  JSON.parse(readRepoFile("local.settings.json.example")) as { Values: Record<string, string> }
).Values;
/** Settings host.json pulls in with %NAME% (the task hub name). */
const hostJsonSettings = [...readRepoFile("host.json").matchAll(/%([A-Za-z0-9_]+)%/g)].map(
  (m) => m[1] as string,
);

// What Azure gets is checked on the compiled template (test/infra/app-settings.contract.test.ts).
describe("local.settings.json.example contract (shared/config.ts, host.json)", () => {
  it.each([...Object.values(CONFIG_ENV), ...hostJsonSettings])("lists %s", (name) => {
    expect(Object.keys(localSettings)).toContain(name);
  });

  it("is accepted by readConfig as it is", () => {
    expect(() => readConfig(localSettings)).not.toThrow();
  });

  it("uses a task hub name the Azure Storage provider accepts (3-45 letters or digits, letter first)", () => {
    expect(localSettings.DURABLE_TASK_HUB).toMatch(/^[A-Za-z][A-Za-z0-9]{2,44}$/);
  });
});
