/**
 * The one place fast-check's budget and replay are decided (STYLE.md §2.6). Pure: the caller reads the
 * environment (FC_SEED, FC_PATH, FC_NUM_RUNS, live target, test timeout) and passes it in.
 */
import fc from 'fast-check';

export interface FcOptions {
  /** replay: the seed a failure reported (FC_SEED); a fresh one otherwise, returned in `params.seed` */
  seed?: number;
  /** replay: the path a failure reported (FC_PATH); only meaningful with `seed` */
  path?: string;
  numRuns?: number;
  /** against a real tenant: few runs, and no shrinking (every shrink step would be another write) */
  live?: boolean;
  /** the test's timeout; the property stops generating at 80 % of it */
  timeoutMs?: number;
  /** test title, for the replay command appended to a failure */
  title?: string;
}

/** A 32-bit seed; the only impure helper here (fast-check would pick `Date.now()` itself). */
export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

/** `FC_SEED=123 FC_PATH="0:1" npx playwright test -g "<title>"` */
export function replayHint(seed: number, path?: string, title?: string): string {
  const parts = [`FC_SEED=${seed}`];
  if (path) parts.push(`FC_PATH="${path}"`);
  parts.push('npx playwright test');
  if (title) parts.push(`-g ${JSON.stringify(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}`);
  return parts.join(' ');
}

/**
 * Appends the replay command to fast-check's own report, which already carries seed, path and the
 * (shrunk) counterexample. The original error stays reachable as `cause`.
 */
function replayPlugin<T>(title: string | undefined): fc.Plugin<T> {
  return () => ({
    onAllRunsComplete: (d: fc.RunDetails<T>) => {
      if (!d.failed) return;
      const msg = fc.defaultReportMessage(d);
      throw new Error(`${msg}\nReplay: ${replayHint(d.seed, d.counterexamplePath ?? undefined, title)}`, { cause: d.errorInstance });
    },
  });
}

export function fcParams<T = unknown>(o: FcOptions = {}): fc.Parameters<T> & { seed: number } {
  const seed = o.seed ?? freshSeed();
  return {
    seed,
    path: o.seed !== undefined ? o.path : undefined,
    numRuns: o.numRuns ?? (o.live ? 5 : 50),
    endOnFailure: !!o.live,
    // Verbose: the report lists every failure met while shrinking, not only the last one
    verbose: fc.VerbosityLevel.Verbose,
    interruptAfterTimeLimit: o.timeoutMs && o.timeoutMs > 0 ? Math.floor(0.8 * o.timeoutMs) : undefined,
    markInterruptAsFailure: false, // running out of budget after ≥1 success is not a failure
    plugins: [replayPlugin<T>(o.title)],
  };
}
