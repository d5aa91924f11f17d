export * from "./types";
export * from "./checks";
export * from "./evaluate-preflight";
export * from "./permission-probes";
