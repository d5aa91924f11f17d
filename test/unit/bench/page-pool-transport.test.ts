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

  it("serves the pool as one log newest first when asked: each cycle a day earlier, with correlation ids of its own, across a read's transports", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const page = (n: number, createdDateTime: string, correlationId: string) =>
      JSON.stringify({
        "@odata.nextLink": `${POOL_SERVICE_ROOT}/auditLogs/signIns?$skiptoken=${n + 1}`,
        value: [{ id: `${n}`, createdDateTime, userId: a, correlationId }],
      });
    const pool = [
      page(0, "2026-01-06T10:00:00.1234567Z", "aaaaaaaa-0000-4000-8000-000000000001"),
      page(1, "2026-01-06T09:00:00.0000000Z", "bbbbbbbb-0000-4000-8000-000000000002"),
    ];
    const read = async (total: number, firstPage: number) => {
      const rows: string[] = [];
      await new GraphGateway(pagePoolTransport(pool, total, { continuedLog: true, firstPage })).streamSignIns(
        {
          from: new Date("2025-01-01T00:00:00Z"),
          to: new Date("2026-01-07T00:00:00Z"),
          onPage: (signIns) =>
            void rows.push(...signIns.map((s) => `${s.createdDateTime} ${s.correlationId}`)),
        },
      );
      return rows;
    };
    // Two transports of one read, as the bench child makes one per stretch: 3 pages, then 3 more.
    const rows = [...(await read(3, 0)), ...(await read(3, 3))];
    expect(rows).toEqual([
      "2026-01-06T10:00:00.1234567Z aaaaaaaa-0000-4000-8000-000000000001",
      "2026-01-06T09:00:00.0000000Z bbbbbbbb-0000-4000-8000-000000000002",
      "2026-01-05T10:00:00.1234567Z 00000001-0000-4000-8000-000000000001",
      "2026-01-05T09:00:00.0000000Z 00000001-0000-4000-8000-000000000002",
      "2026-01-04T10:00:00.1234567Z 00000002-0000-4000-8000-000000000001",
      "2026-01-04T09:00:00.0000000Z 00000002-0000-4000-8000-000000000002",
    ]);
  });
});
