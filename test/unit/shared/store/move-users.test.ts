import { moveUsers, movedUser, type UserRecord } from "../../../../shared/store";

const user = (over: Partial<UserRecord>): UserRecord => ({
  userId: "u1",
  upn: "u1@contoso.com",
  waveIndex: 0,
  stage: "reportOnly",
  updatedAt: "2026-03-02T08:00:00.000Z",
  ...over,
});

describe("moving users between stages", () => {
  it("clears a held-back user's reason and retry date on enforcement, keeping their retry count", () => {
    const moved = movedUser(
      {
        user: user({
          stage: "heldBack",
          reason: "no MFA method",
          retryAt: "2026-03-09T08:00:00Z",
          retries: 2,
        }),
      },
      "enforced",
    );
    expect(moved).toEqual({
      userId: "u1",
      upn: "u1@contoso.com",
      waveIndex: 0,
      stage: "enforced",
      retries: 2,
    });
  });

  it("gives a held-back user held back again the new reason and drops the old retry date unless given", () => {
    const moved = movedUser(
      { user: user({ stage: "heldBack", reason: "old", retryAt: "2026-03-09T08:00:00Z" }), reason: "gone" },
      "heldBack",
    );
    expect(moved).toMatchObject({ stage: "heldBack", reason: "gone" });
    expect(moved).not.toHaveProperty("retryAt");
  });

  it("refuses a move the lifecycle forbids and writes nothing", async () => {
    const moveMany = jest.fn(async () => 0);
    await expect(
      moveUsers({ moveMany }, "r1", "reportOnly", [{ user: user({ stage: "enforced" }) }]),
    ).rejects.toThrow("cannot move from enforced to reportOnly");
    expect(moveMany).not.toHaveBeenCalled();
  });

  it("writes each move with the row as read, so the store can merge or replace", async () => {
    const moveMany = jest.fn(async () => 1);
    const from = user({});
    await moveUsers({ moveMany }, "r1", "enforced", [{ user: from }]);
    expect(moveMany).toHaveBeenCalledWith("r1", [
      { from, to: { userId: "u1", upn: "u1@contoso.com", waveIndex: 0, stage: "enforced" } },
    ]);
  });
});
