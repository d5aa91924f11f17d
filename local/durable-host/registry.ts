import * as functions from "@azure/functions";
import type { FunctionInput, FunctionOutput, FunctionTrigger } from "@azure/functions";

export type Handler = (trigger: unknown, context: functions.InvocationContext) => unknown;

/** One function as the app registered it, with the options the Functions host would bind. */
export interface Registration {
  name: string;
  trigger: FunctionTrigger & Record<string, unknown>;
  handler: Handler;
  extraInputs: FunctionInput[];
  extraOutputs: FunctionOutput[];
  return?: FunctionOutput;
}

export class Registry {
  private readonly byName = new Map<string, Registration>();

  add(registration: Registration): void {
    if (this.byName.has(registration.name)) {
      throw new Error(`Function '${registration.name}' is registered twice`);
    }
    this.byName.set(registration.name, registration);
  }

  get(name: string): Registration | undefined {
    return this.byName.get(name);
  }

  all(): Registration[] {
    return [...this.byName.values()];
  }

  ofType(type: string): Registration[] {
    return this.all().filter((r) => r.trigger.type === type);
  }

  /** The registration if it exists and has this trigger type. */
  find(name: string, type: string): Registration | undefined {
    const registration = this.byName.get(name);
    return registration?.trigger.type === type ? registration : undefined;
  }
}

interface GenericOptions {
  trigger: FunctionTrigger;
  handler: Handler;
  extraInputs?: FunctionInput[];
  extraOutputs?: FunctionOutput[];
  return?: FunctionOutput;
}

type AppMethods = Record<string, unknown>;
type TriggerFactory = (options: Record<string, unknown>) => FunctionTrigger;

const HTTP_SHORTCUTS: Record<string, string> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  patch: "PATCH",
  deleteRequest: "DELETE",
};

/**
 * Runs `load` (which imports the app's modules) with @azure/functions' `app` methods replaced,
 * so every registration (app.http/get/post/…, app.timer, app.generic, and durable-functions'
 * df.app.* which call app.generic) lands in the returned registry. Node caches modules: load
 * each app module once per process and reuse the registry for every host you start.
 */
export function captureRegistrations(load: () => unknown): Registry {
  const registry = new Registry();
  const app = functions.app as unknown as AppMethods;
  const saved: AppMethods = { ...app };
  const patched: string[] = [];
  const triggers = functions.trigger as unknown as Record<string, TriggerFactory>;
  const output = functions.output;

  const generic = (name: string, options: GenericOptions): void => {
    registry.add({
      name,
      trigger: options.trigger as Registration["trigger"],
      handler: options.handler,
      extraInputs: options.extraInputs ?? [],
      extraOutputs: options.extraOutputs ?? [],
      return: options.return,
    });
  };
  const viaTrigger =
    (method: string) =>
    (name: string, options: Record<string, unknown>): void => {
      const { handler, return: ret, trigger, extraInputs, extraOutputs, retry: _retry, ...rest } = options;
      const factory = triggers[method];
      if (!factory) throw new Error(`@azure/functions has no trigger factory for app.${method}`);
      generic(name, {
        trigger: (trigger as FunctionTrigger | undefined) ?? factory(rest),
        handler: handler as Handler,
        extraInputs: extraInputs as FunctionInput[] | undefined,
        extraOutputs: extraOutputs as FunctionOutput[] | undefined,
        return: ret as FunctionOutput | undefined,
      });
    };
  const http = (name: string, options: Record<string, unknown>): void =>
    viaTrigger("http")(name, { ...options, return: options.return ?? output.http({}) });

  try {
    for (const key of Object.keys(saved)) {
      if (key === "hook" || key === "setup" || typeof saved[key] !== "function") continue;
      patched.push(key);
      if (key === "generic") app[key] = generic;
      else if (key === "http") app[key] = http;
      else if (key in HTTP_SHORTCUTS) {
        app[key] = (name: string, optionsOrHandler: Record<string, unknown> | Handler) => {
          const options =
            typeof optionsOrHandler === "function" ? { handler: optionsOrHandler } : optionsOrHandler;
          http(name, { ...options, methods: [HTTP_SHORTCUTS[key]] });
        };
      } else app[key] = viaTrigger(key);
    }
    load();
  } finally {
    for (const key of patched) app[key] = saved[key];
  }
  if (registry.all().length === 0) {
    throw new Error(
      "load() registered no functions: were the app modules already loaded in this process? " +
        "Capture once with captureRegistrations() and pass the registry to every host.",
    );
  }
  return registry;
}
