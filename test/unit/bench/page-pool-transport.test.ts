import { GraphGateway } from "../../../shared/graph";
import { pagePoolTransport, POOL_SERVICE_ROOT } from "../../../bench/page-pool-transport";

const page = (n: number, users: string[]) =>
  JSON.stringify({
    "@odata.nextLink": `${POOL_SERVICE_ROOT}/auditLogs/signIns?$skiptoken=${n + 1}`,
    value: users.map((userId, i) => ({ id: `${n}-${i}`, createdDateTime: "2026-01-06T10:00:00Z", userId })),
  });

describe("page pool transport (bench)", () => {
  it("feeds the real gateway `total` pages, cycling the pool, and ends the log there", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    const transport = pagePoolTransport([page(0, [a, b]), page(1, [b])], 5);
    const gateway = new GraphGateway(transport);
    const seen: string[] = [];
    const result = await gateway.streamSignIns({
      from: new Date("2026-01-06T00:00:00Z"),
      to: new Date("2026-01-07T00:00:00Z"),
      onPage: (signIns) => void seen.push(...signIns.map((s) => s.id ?? "")),
    });
    expect(result).toEqual({ pages: 5, signIns: 8 });
    expect(seen).toEqual(["0-0", "0-1", "1-0", "0-0", "0-1", "1-0", "0-0", "0-1"]);
    expect(transport.served()).toBe(5);
  });

  it("parses a page read ahead only after the page before it has been handled, as a socket would", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const transport = pagePoolTransport([page(0, [a]), page(1, [a])], 3);
    const gateway = new GraphGateway(transport);
    const parse = jest.spyOn(JSON, "parse");
    const parsedBeforeHandling: number[] = [];
    try {
      await gateway.streamSignIns({
        from: new Date("2026-01-06T00:00:00Z"),
        to: new Date("2026-01-07T00:00:00Z"),
        narrow: false,
        onPage: () => void parsedBeforeHandling.push(parse.mock.calls.length),
      });
    } finally {
      parse.mockRestore();
    }
    // The next page is asked for before each handling, but its text is parsed after it.
    expect(parsedBeforeHandling).toEqual([1, 2, 3]);
  });

  it("gives each cycle of the pool correlation ids of its own when asked, across a read's transports", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const withCorrelation = (n: number, correlationId: string) =>
      JSON.stringify({
        "@odata.nextLink": `${POOL_SERVICE_ROOT}/auditLogs/signIns?$skiptoken=${n + 1}`,
        value: [{ id: `${n}`, createdDateTime: "2026-01-06T10:00:00Z", userId: a, correlationId }],
      });
    const pool = [
      withCorrelation(0, "aaaaaaaa-0000-4000-8000-000000000001"),
      withCorrelation(1, "bbbbbbbb-0000-4000-8000-000000000002"),
    ];
    const read = async (total: number, firstPage: number) => {
      const ids: string[] = [];
      await new GraphGateway(
        pagePoolTransport(pool, total, { distinctCorrelations: true, firstPage }),
      ).streamSignIns({
        from: new Date("2026-01-06T00:00:00Z"),
        to: new Date("2026-01-07T00:00:00Z"),
        onPage: (signIns) => void ids.push(...signIns.map((s) => s.correlationId ?? "")),
      });
      return ids;
    };
    // Two transports of one read, as the bench child makes one per stretch: 3 pages, then 3 more.
    const ids = [...(await read(3, 0)), ...(await read(3, 3))];
    expect(ids).toEqual([
      "aaaaaaaa-0000-4000-8000-000000000001",
      "bbbbbbbb-0000-4000-8000-000000000002",
      "00000001-0000-4000-8000-000000000001",
      "00000001-0000-4000-8000-000000000002",
      "00000002-0000-4000-8000-000000000001",
      "00000002-0000-4000-8000-000000000002",
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
