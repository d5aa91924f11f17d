import { buildScopeManifest } from "../../../scripts/package/build-scope";
import { readRepoFile } from "../../repo-files";

describe("the package.json each build writes into its output", () => {
  it("carries the repository's #shared/ aliases, read from the compiled .js files, as CommonJS", () => {
    expect(buildScopeManifest(readRepoFile("package.json"))).toMatchObject({
      type: "commonjs",
      imports: { "#shared/errors": "./shared/errors.js", "#shared/*": "./shared/*/index.js" },
    });
  });

  it("refuses a manifest without an imports map, or an alias that is not a .ts source", () => {
    expect(() => buildScopeManifest(JSON.stringify({ name: "x" }))).toThrow(/no "imports" map/);
    expect(() => buildScopeManifest(JSON.stringify({ imports: { "#a": "./a.js" } }))).toThrow(
      /#a maps to \.\/a\.js, not a \.ts source/,
    );
  });
});
