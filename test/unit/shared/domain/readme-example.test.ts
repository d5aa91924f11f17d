import { readFileSync } from "node:fs";
import { join } from "node:path";
import seed from "../../../../local/plans/seed-phased.json";

describe("shared/domain/README.md", () => {
  it("shows the seed plan exactly as local/plans/seed-phased.json has it", () => {
    const readme = readFileSync(join(__dirname, "../../../../shared/domain/README.md"), "utf8");
    const example = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(JSON.parse(example ?? "null")).toEqual(seed);
  });
});
