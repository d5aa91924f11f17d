import * as df from "durable-functions";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { DurableClient } from "durable-functions";
import {
  PLACEHOLDER_APPROVAL_EVENT,
  PLACEHOLDER_ORCHESTRATOR,
} from "../orchestrations/placeholder/placeholder-names";
import "../orchestrations/placeholder";

/** v3 getStatus throws for an unknown instance instead of returning null. */
async function findStatus(
  client: DurableClient,
  instanceId: string,
): Promise<df.DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId);
  } catch {
    return undefined;
  }
}

const RUNNING = ["Running", "Pending", "Suspended", "ContinuedAsNew"];

df.app.client.http("placeholderStart", {
  route: "placeholder/{id}",
  methods: ["POST"],
  handler: async (request: HttpRequest, client: DurableClient, _context: InvocationContext) => {
    const instanceId = request.params.id as string;
    const body = (await request.json().catch(() => ({}))) as { name?: unknown; waitMinutes?: unknown };
    if (typeof body.name !== "string" || body.name.trim() === "") {
      return {
        status: 400,
        jsonBody: { errors: { name: "required, a non-empty string" } },
      } satisfies HttpResponseInit;
    }
    const waitMinutes = typeof body.waitMinutes === "number" && body.waitMinutes >= 0 ? body.waitMinutes : 60;
    const existing = await findStatus(client, instanceId);
    if (existing && RUNNING.includes(existing.runtimeStatus)) {
      return {
        status: 409,
        jsonBody: { error: `placeholder ${instanceId} is already ${existing.runtimeStatus}` },
      };
    }
    await client.startNew(PLACEHOLDER_ORCHESTRATOR, { instanceId, input: { name: body.name, waitMinutes } });
    return client.createCheckStatusResponse(request, instanceId);
  },
});

df.app.client.http("placeholderApprove", {
  route: "placeholder/{id}/approve",
  methods: ["POST"],
  handler: async (request: HttpRequest, client: DurableClient) => {
    const instanceId = request.params.id as string;
    const body = (await request.json().catch(() => ({}))) as { by?: unknown };
    if (!(await findStatus(client, instanceId)))
      return { status: 404, jsonBody: { error: "no such placeholder" } };
    await client.raiseEvent(instanceId, PLACEHOLDER_APPROVAL_EVENT, {
      by: typeof body.by === "string" ? body.by : "anonymous",
    });
    return { status: 202 };
  },
});

df.app.client.http("placeholderStatus", {
  route: "placeholder/{id}",
  methods: ["GET"],
  handler: async (request: HttpRequest, client: DurableClient) => {
    const status = await findStatus(client, request.params.id as string);
    if (!status) return { status: 404, jsonBody: { error: "no such placeholder" } };
    return {
      status: 200,
      jsonBody: {
        runtimeStatus: status.runtimeStatus,
        customStatus: status.customStatus,
        output: status.output,
      },
    };
  },
});
