// Housekeeping that fails without failing anything (a state written after its release went
// live, an old release deleted in the background, a spare made for the next build) says so on
// stderr, with the cause, instead of vanishing: whoever reads the log of `npm start` learns
// why the next build was slower or the disk fuller.
export const logFailure = (what: string, error: unknown): void => {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`[pipeline] ${what}: ${detail}\n`);
};
