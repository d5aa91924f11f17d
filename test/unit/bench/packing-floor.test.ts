import { writeCapFloorMs } from "../../../bench/packing";

describe("packing floor (bench)", () => {
  it("is the time Graph's write cap needs: users / 20 per write / 3,000 writes per 150 s", () => {
    // Graph's documented write limits: 100,000 users take at least about 4.2 minutes.
    expect(writeCapFloorMs(100_000)).toBe(250_000);
    expect(writeCapFloorMs(60_000)).toBe(150_000);
    expect(writeCapFloorMs(1_000)).toBe(2_500);
  });
});
