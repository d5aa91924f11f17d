/** One goal a figure is held to: the measured value must satisfy `value <op> goal.value`. */
export interface BenchGoal {
  op: "<=" | ">=" | "<";
  value: number;
}

export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  goal?: BenchGoal;
  /** Set by the section (or filled in by the runner from `goal` when left out). */
  met?: boolean;
}

/** What every bench section module returns from `run`. */
export interface BenchSection {
  name: string;
  figures: BenchFigure[];
  details?: Record<string, unknown>;
}

export interface BenchRunOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** Signature every section module exports as `run`. */
export type BenchSectionRun = (opts: BenchRunOptions) => Promise<BenchSection>;
