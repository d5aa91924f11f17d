import type { SimKnob, SimTenant } from "../../tenant/tenant-port";
import type { SimCounters } from "../counters";
import type { FaultConfig } from "../faults";
import type { ThrottlingConfig, ThrottlingOptions } from "../throttling";
import type { SimResponse } from "../types";

/** What the /_sim control surface may do; the simulator object implements it. */
export interface SimControl {
  tenant: SimTenant;
  counters(): SimCounters;
  resetCounters(): void;
  faults(): FaultConfig;
  setFaults(faults: FaultConfig): void;
  throttling(): ThrottlingConfig;
  setThrottling(options: ThrottlingOptions): void;
}

const json = (status: number, body: unknown): SimResponse => ({
  status,
  headers: { "Content-Type": "application/json" },
  body,
});

const problem = (status: number, message: string): SimResponse =>
  json(status, { error: { code: "SimControl", message } });

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new Error("the request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/**
 * Test and rehearsal controls, outside Graph's URL space and without auth (loopback only):
 * GET /_sim/state, POST /_sim/knobs, GET|POST /_sim/counters (POST resets),
 * GET|POST /_sim/faults, GET|POST /_sim/throttling.
 */
export function handleControl(control: SimControl, method: string, path: string, body: unknown): SimResponse {
  const route = `${method.toUpperCase()} ${path.replace(/\/+$/, "")}`;
  try {
    switch (route) {
      case "GET /_sim/state":
        return json(200, control.tenant.state());
      case "POST /_sim/knobs":
        control.tenant.applyKnob(objectBody(body) as unknown as SimKnob);
        return json(200, control.tenant.state());
      case "GET /_sim/counters":
        return json(200, control.counters());
      case "POST /_sim/counters": {
        const before = control.counters();
        control.resetCounters();
        return json(200, before);
      }
      case "GET /_sim/faults":
        return json(200, control.faults());
      case "POST /_sim/faults":
        control.setFaults(objectBody(body) as FaultConfig);
        return json(200, control.faults());
      case "GET /_sim/throttling":
        return json(200, control.throttling());
      case "POST /_sim/throttling":
        control.setThrottling(objectBody(body) as ThrottlingOptions);
        return json(200, control.throttling());
      default:
        return problem(404, `unknown control route '${route}'`);
    }
  } catch (error) {
    return problem(400, error instanceof Error ? error.message : String(error));
  }
}
