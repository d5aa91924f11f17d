import { coreToolsDenies, gitignoreDenies } from "../../../scripts/package/funcignore-rules";

// The quirks of Core Tools' parser that .funcignore is written around.
describe(".funcignore rules as Core Tools reads them", () => {
  it("anchors every pattern at the root: `*.ts` leaves local/x.ts in, git's rules take it out", () => {
    expect(coreToolsDenies("*.ts")("local/x.ts")).toBe(false);
    expect(coreToolsDenies("*.ts")("x.ts")).toBe(true);
    expect(gitignoreDenies("*.ts")("local/x.ts")).toBe(true);
  });

  it("lets any negation win: `!node_modules/` re-includes a dev module excluded after it", () => {
    const rules = "node_modules/*\n!node_modules/\nnode_modules/jest/**";
    expect(coreToolsDenies(rules)("node_modules/jest/build/index.js")).toBe(false);
    expect(gitignoreDenies(rules)("node_modules/jest/build/index.js")).toBe(true);
  });

  it("misses a dotfile under `dir/`, but not under `/dir/**`", () => {
    expect(coreToolsDenies("test/")("test/.eslintrc.json")).toBe(false);
    expect(coreToolsDenies("/test/**")("test/.eslintrc.json")).toBe(true);
    expect(coreToolsDenies("/test/**")("test/unit/a.test.ts")).toBe(true);
    expect(coreToolsDenies("/test/**")("tests.json")).toBe(false);
  });

  it("keeps `/name/**` to its own folder (no prefix match on a sibling)", () => {
    const rules = "/node_modules/debug/**";
    expect(coreToolsDenies(rules)("node_modules/debug-x/index.js")).toBe(false);
    expect(coreToolsDenies(rules)("node_modules/debug/src/index.js")).toBe(true);
  });
});
