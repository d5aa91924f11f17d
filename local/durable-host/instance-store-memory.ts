import type { InstanceState } from "./instance-state";
import type { InstanceStore } from "./instance-store";

/** Keeps copies (never live references), so a host restarted on it sees only what was saved. */
export class MemoryInstanceStore implements InstanceStore {
  private readonly states = new Map<string, string>();

  async load(instanceId: string): Promise<InstanceState | undefined> {
    const text = this.states.get(instanceId);
    return text === undefined ? undefined : (JSON.parse(text) as InstanceState);
  }

  async save(state: InstanceState): Promise<void> {
    this.states.set(state.instanceId, JSON.stringify(state));
  }

  async delete(instanceId: string): Promise<boolean> {
    return this.states.delete(instanceId);
  }

  async list(): Promise<InstanceState[]> {
    return [...this.states.values()].map((text) => JSON.parse(text) as InstanceState);
  }
}
