import type { InstanceState } from "./instance-state";

/**
 * Where instance state lives. The host writes through after every step, so a new host on the
 * same store resumes every unfinished instance.
 */
export interface InstanceStore {
  load(instanceId: string): Promise<InstanceState | undefined>;
  save(state: InstanceState): Promise<void>;
  delete(instanceId: string): Promise<boolean>;
  list(): Promise<InstanceState[]>;
}
