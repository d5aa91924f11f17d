import { PagingTokens } from "../../../../../local/graph-sim/server/paging-token";
import { SimGraphError } from "../../../../../local/graph-sim/tenant/tenant-port";

describe("PagingTokens", () => {
  const tokens = new PagingTokens("secret-a");

  it("round-trips the cursor and query", () => {
    const token = tokens.encode("signIns", { top: 5, after: { id: "x" } });
    expect(tokens.decode("signIns", token)).toEqual({ top: 5, after: { id: "x" } });
  });

  it("is opaque: the payload is not readable as plain text in the URL", () => {
    expect(tokens.encode("users", { offset: 100 })).not.toContain("offset");
  });

  it.each([
    ["a flipped character", (t: string) => (t[0] === "A" ? "B" : "A") + t.slice(1)],
    ["a dropped signature", (t: string) => t.split(".")[0] ?? ""],
    ["garbage", () => "not-a-token"],
    ["an extra segment", (t: string) => `${t}.x`],
  ])("rejects %s with 400", (_name, tamper) => {
    const token = tokens.encode("users", { offset: 100 });
    expect(() => tokens.decode("users", tamper(token))).toThrow(SimGraphError);
  });

  it("rejects a payload edited and re-encoded without the key", () => {
    const [, signature] = tokens.encode("users", { offset: 100 }).split(".");
    const forged = Buffer.from(JSON.stringify({ k: "users", p: { offset: 0 } })).toString("base64url");
    expect(() => tokens.decode("users", `${forged}.${signature ?? ""}`)).toThrow(/skiptoken/);
  });

  it("rejects a token from another endpoint or another simulator", () => {
    const token = tokens.encode("users", { offset: 1 });
    expect(() => tokens.decode("groups", token)).toThrow(SimGraphError);
    expect(() => new PagingTokens("secret-b").decode("users", token)).toThrow(SimGraphError);
  });
});
