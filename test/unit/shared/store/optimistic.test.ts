import { ConcurrencyError } from "../../../../shared/store";
import { translateError } from "../../../../shared/store/errors";
import { readModifyWrite } from "../../../../shared/store/optimistic";
import { AlreadyExistsError, NotFoundError } from "../../../../shared/store";
import { RestError } from "@azure/data-tables";

const location = { table: "rollouts", partitionKey: "rollout", rowKey: "r1" };

/** An in-memory row with a version, standing in for the table row and its ETag. */
function versionedRow(initial: number) {
  const row = { value: initial, version: 1 };
  return {
    row,
    read: async () => ({ ...row }),
    write: async (current: { value: number; version: number }, patch: { value: number }) => {
      if (current.version !== row.version) throw new ConcurrencyError(location);
      row.value = patch.value;
      row.version += 1;
      return { ...row };
    },
  };
}

describe("readModifyWrite", () => {
  it("re-reads and re-applies the change after losing a race", async () => {
    const store = versionedRow(1);
    let calls = 0;
    const result = await readModifyWrite({
      location,
      read: store.read,
      mutate: async (current) => {
        calls += 1;
        if (calls === 1) {
          store.row.value = 100; // a concurrent writer commits between our read and write
          store.row.version += 1;
        }
        return { value: current.value + 1 };
      },
      write: store.write,
    });
    expect(calls).toBe(2);
    expect(result.value).toBe(101);
  });

  it("does not write when the change is empty", async () => {
    const store = versionedRow(1);
    const write = jest.fn(store.write);
    await readModifyWrite({ location, read: store.read, mutate: () => undefined, write });
    expect(write).not.toHaveBeenCalled();
  });

  it("rethrows anything that is not a lost race without retrying", async () => {
    const store = versionedRow(1);
    const mutate = jest.fn(() => ({ value: 2 }));
    const failing = readModifyWrite({
      location,
      read: store.read,
      mutate,
      write: async () => {
        throw new Error("network down");
      },
    });
    await expect(failing).rejects.toThrow("network down");
    expect(mutate).toHaveBeenCalledTimes(1);
  });
});

describe("translateError", () => {
  const rest = (statusCode: number) => new RestError("service said no", { statusCode });

  it.each([
    [404, NotFoundError],
    [409, AlreadyExistsError],
    [412, ConcurrencyError],
  ])("maps HTTP %i to a typed error naming the row", (status, type) => {
    let thrown: unknown;
    try {
      translateError(rest(status), location, "rollout");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    // A missing row's message is for the caller ("rollout r1 does not exist"); `where` is for logs.
    const where = thrown instanceof NotFoundError ? thrown.where : (thrown as Error).message;
    expect(where).toMatch(/RowKey 'r1'/);
  });

  it("rethrows other failures unchanged", () => {
    const original = rest(500);
    expect(() => translateError(original, location)).toThrow(original);
  });
});
