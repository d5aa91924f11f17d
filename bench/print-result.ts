/** For a bench script run on its own: prints its result as JSON, or its error, and exits accordingly. */
export function printResultAndExit(result: Promise<unknown>): void {
  result.then(
    (value) => {
      console.log(JSON.stringify(value));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
