import * as functions from "@azure/functions";
import { captureRegistrations } from "../../../../local/durable-host";
import { registry } from "./fixtures/host-fixture";

describe("captureRegistrations", () => {
  it("captures app.http/get, client timers and durable registrations with their triggers", () => {
    expect(registry.find("hello", "httpTrigger")?.trigger).toMatchObject({
      route: "hello/{name?}",
      methods: ["GET"],
    });
    expect(registry.find("startAny", "httpTrigger")?.extraInputs.map((i) => i.type)).toEqual([
      "durableClient",
    ]);
    expect(registry.find("retrying", "orchestrationTrigger")).toBeDefined();
    expect(registry.find("echo", "activityTrigger")).toBeDefined();
    expect(registry.find("echo", "orchestrationTrigger")).toBeUndefined();
  });

  it("restores @azure/functions afterwards and rejects a load that registers nothing", () => {
    const before = functions.app.generic;
    expect(() => captureRegistrations(() => undefined)).toThrow(/registered no functions/);
    expect(functions.app.generic).toBe(before);
  });

  it("rejects a function name registered twice", () => {
    const { app } = functions;
    expect(() =>
      captureRegistrations(() => {
        app.get("twice", () => ({}));
        app.post("twice", () => ({}));
      }),
    ).toThrow("Function 'twice' is registered twice");
  });
});
