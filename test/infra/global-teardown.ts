import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  if (process.env.INFRA_SUITE_WORK) rmSync(process.env.INFRA_SUITE_WORK, { recursive: true, force: true });
}
