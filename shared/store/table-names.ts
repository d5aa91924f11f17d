import { InvalidStoreInputError } from "./errors";

/** The status tables, in the order an operator usually reads them. */
export const TABLE_KINDS = ["rollouts", "waves", "users", "gates", "audit", "counters"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
export type TableNames = Record<TableKind, string>;

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,40}$/;

/** Table names are 3-63 letters and digits starting with a letter, so the prefix must be too. */
export function tableNames(prefix = ""): TableNames {
  if (prefix !== "" && !PREFIX.test(prefix)) {
    throw new InvalidStoreInputError(
      `table prefix '${prefix}' must start with a letter and hold at most 41 letters and digits`,
    );
  }
  const names = {} as TableNames;
  for (const kind of TABLE_KINDS) names[kind] = `${prefix}${kind}`;
  return names;
}
