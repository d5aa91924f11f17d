import { DEFAULT_GATES, type GateThresholds } from "../defaults";
import type { GateOverrides } from "./plan-schema";

/** Defaults, then the plan's overrides, then the wave's: the most specific wins, field by field. */
export function resolveGates(...layers: (GateOverrides | undefined)[]): GateThresholds {
  const resolved: GateThresholds = {
    readiness: { ...DEFAULT_GATES.readiness },
    health: { ...DEFAULT_GATES.health },
    shrink: { ...DEFAULT_GATES.shrink },
  };
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(resolved.readiness, stripUndefined(layer.readiness));
    Object.assign(resolved.health, stripUndefined(layer.health));
    Object.assign(resolved.shrink, stripUndefined(layer.shrink));
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
