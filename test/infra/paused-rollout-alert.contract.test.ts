import { EVENTS_METRIC } from "../../shared/telemetry/rollout-telemetry";
import { NOTIFY_ENV } from "../../shared/config";
import {
  allResources,
  childNamed,
  loadTemplate,
  moduleDeployment,
  moduleTemplate,
  props,
  type JsonObject,
} from "./arm-template";

const template = loadTemplate();
const PARAM = "enablePausedRolloutAlert";

/**
 * Whether ARM deploys a conditional module for the given parameter values: the condition is the
 * bare parameter reference (anything richer fails the test, so this reading stays honest).
 */
function deploys(moduleName: string, values: Record<string, unknown>): boolean {
  const condition = moduleDeployment(template, moduleName).body.condition;
  const m = /^\[parameters\('(\w+)'\)\]$/.exec(String(condition));
  if (!m) throw new Error(`unexpected condition ${JSON.stringify(condition)}`);
  const name = m[1] as string;
  return (Object.hasOwn(values, name) ? values[name] : template.parameters[name]?.defaultValue) === true;
}

describe("the example alert on paused rollouts", () => {
  it("is off by default and deployed when enablePausedRolloutAlert is true", () => {
    expect(template.parameters[PARAM]).toMatchObject({ type: "bool", defaultValue: false });
    expect(deploys("pausedRolloutAlert", {})).toBe(false);
    expect(deploys("pausedRolloutAlert", { [PARAM]: true })).toBe(true);
  });

  it("queries App Insights for the pause events the app counts, per rollout", () => {
    const rule = allResources(moduleTemplate(template, "pausedRolloutAlert")).find(
      (r) => r.type === "Microsoft.Insights/scheduledQueryRules",
    );
    expect(rule).toBeDefined();
    const properties = props(rule!);
    const criterion = ((properties.criteria as JsonObject).allOf as JsonObject[])[0] as JsonObject;
    expect(String(criterion.query)).toContain(`name == "${EVENTS_METRIC}"`);
    expect(String(criterion.query)).toContain('kind == "pause"');
    expect(criterion).toMatchObject({ operator: "GreaterThan", threshold: 0 });
    expect(properties.scopes).toEqual(["[parameters('applicationInsightsId')]"]);
    expect(
      (props(moduleDeployment(template, "pausedRolloutAlert")).parameters as JsonObject)
        .applicationInsightsId,
    ).toMatchObject({ value: expect.stringContaining("applicationInsightsId") });
  });
});

describe("the notification webhook setting", () => {
  const settings = props(
    childNamed(allResources(template), "Microsoft.Web/sites/config", "appsettings")!,
  ) as JsonObject;

  it("is a Key Vault reference when a secret URI is given, else empty; never a URL in the template", () => {
    expect(String(settings[NOTIFY_ENV.webhookUrl])).toContain("@Microsoft.KeyVault(SecretUri=");
    expect(String(settings[NOTIFY_ENV.webhookUrl])).toContain("empty(parameters('notifyWebhookSecretUri'))");
    expect(settings[NOTIFY_ENV.webhookFormat]).toBe("[parameters('notifyWebhookFormat')]");
    expect(template.parameters.notifyWebhookSecretUri).toMatchObject({ type: "string", defaultValue: "" });
  });

  it("resolves Key Vault references with the app's managed identity", () => {
    const site = allResources(template).find((r) => r.type === "Microsoft.Web/sites" && !r.existing);
    expect(props(site!).keyVaultReferenceIdentity).toBe("[parameters('identityId')]");
  });
});
