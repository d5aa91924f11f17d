import fc from "fast-check";
import { samplePlanInput } from "../../fixtures/sample-plan";

type Json = unknown;
type Path = (string | number)[];

/** Every path in a JSON value, inner nodes included: the places a mutation can hit. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return here;
}

export type Mutation =
  | { kind: "set"; at: number; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "addKey"; at: number; key: string; value: Json };

/** Applies a mutation to a deep copy; `at` indexes pathsOf(plan) modulo its length. */
export function mutate(plan: Json, mutation: Mutation): Json {
  const copy = structuredClone(plan) as Record<string | number, Json>;
  const paths = pathsOf(copy);
  const path = paths[mutation.at % paths.length] as Path;
  const parent = path
    .slice(0, -1)
    .reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], copy);
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  if (mutation.kind === "set") container[last] = mutation.value;
  else if (mutation.kind === "delete") {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else {
    const target = container[last];
    if (target !== null && typeof target === "object" && !Array.isArray(target)) {
      (target as Record<string, Json>)[mutation.key] = mutation.value;
    }
  }
  return copy;
}

/** Values that probe the validator's edges: near-valid strings, numbers at bounds, wrong types. */
const edgy = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    "",
    " ",
    "P0D",
    "PT0S",
    "P1000D",
    "-P1D",
    "PT1H",
    "P7D",
    "not-a-guid",
    "6A1F0C2E-0000-4000-8000-0000000000B1",
    "00000000-0000-0000-0000-000000000000",
    "25:00",
    "Mars/Olympus",
    "2026-02-30",
    NaN,
    Infinity,
    -1,
    0,
    1.5,
    1e308,
    "__proto__",
    { __proto__: null },
  ),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: edgy }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("addKey" as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "gates")),
    value: edgy,
  }),
);

/** The sample plan (the seed scenario's ids) with one to four mutations applied. */
export const mutatedPlanArb: fc.Arbitrary<Json> = fc
  .array(mutationArb, { minLength: 1, maxLength: 4 })
  .map((mutations) => mutations.reduce<Json>((plan, m) => mutate(plan, m), samplePlanInput()));
