import { clusterKey, clusterKeyOf, parseClusterKey } from "../../../../../shared/domain/signins/cluster-key";

describe("cluster keys (app | client | platform, as tables and reasons show them)", () => {
  it("joins the names and reads them back", () => {
    const cluster = {
      app: "Contoso Invoicing",
      clientApp: "Mobile Apps and Desktop clients",
      platform: "iOS",
    };
    expect(clusterKey(cluster)).toBe("Contoso Invoicing | Mobile Apps and Desktop clients | iOS");
    expect(parseClusterKey(clusterKey(cluster))).toEqual(cluster);
  });

  it("replaces a bar inside a name, so the key still splits in three", () => {
    const key = clusterKeyOf("Sales | EU", "Browser", "Windows");
    expect(key).toBe("Sales ¦ EU | Browser | Windows");
    expect(parseClusterKey(key)).toEqual({ app: "Sales ¦ EU", clientApp: "Browser", platform: "Windows" });
  });

  it("reads a key with parts missing as empty names", () => {
    expect(parseClusterKey("Outlook")).toEqual({ app: "Outlook", clientApp: "", platform: "" });
    expect(parseClusterKey("")).toEqual({ app: "", clientApp: "", platform: "" });
  });
});
