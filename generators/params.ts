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
  /** what else reproduces the run (sandbox faults or variations in force, the profile), as environment variables */
  replayEnv?: Record<string, string>;
}

/** A 32-bit seed; the only impure helper here (fast-check would pick `Date.now()` itself). */
export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

/** `[NEXUDUS_PROFILE=… ]FC_SEED=123 FC_PATH="0:1" npx playwright test -g "<title>"` */
export function replayHint(seed: number, path?: string, title?: string, replayEnv: Record<string, string> = {}): string {
  const parts = [...Object.entries(replayEnv).map(([k, v]) => `${k}=${/^[\w./:,@-]+$/.test(v) ? v : JSON.stringify(v)}`), `FC_SEED=${seed}`];
  if (path) parts.push(`FC_PATH="${path}"`);
  parts.push('npx playwright test');
  if (title) parts.push(`-g ${JSON.stringify(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}`);
  return parts.join(' ');
}

/** JSON of a counterexample with long strings cut, and the whole cut, so the rule stays the headline. */
export function shortValue(v: unknown, maxString = 80, maxTotal = 1200): string {
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > maxString ? `${x.slice(0, maxString)}…(+${x.length - maxString} chars)` : x)) ?? String(v);
  return text.length > maxTotal ? `${text.slice(0, maxTotal)}…(+${text.length - maxTotal} chars)` : text;
}

/**
 * A property failure reads like any other failed check: the broken rule first (the failed assertion's own
 * message, which names its clause and source), then the shrunk counterexample with long values cut, then
 * seed, path and the replay command. fast-check's full report stays on the error as `report`, the
 * assertion as `cause`.
 */
function replayPlugin<T>(title: string | undefined, replayEnv: Record<string, string> | undefined): fc.Plugin<T> {
  return () => ({
    onAllRunsComplete: (d: fc.RunDetails<T>) => {
      if (!d.failed) return;
      const rule = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
      const path = d.counterexamplePath ?? undefined;
      const msg = [
        rule,
        '',
        `Counterexample${d.numShrinks ? ` (shrunk ${d.numShrinks} times)` : ''}: ${shortValue(Array.isArray(d.counterexample) && d.counterexample.length === 1 ? d.counterexample[0] : d.counterexample)}`,
        `Property failed after ${d.numRuns} generated case(s) · seed ${d.seed}${path ? ` · path ${path}` : ''}`,
        `Replay: ${replayHint(d.seed, path, title, replayEnv)}`,
      ].join('\n');
      // the rule is already the message's first line: no `cause` (reporters would print it a second time) and no
      // frames (the reader needs the clause and the counterexample, not a frame of the suite's code)
      const err = new Error(msg) as Error & { report?: string };
      err.report = fc.defaultReportMessage(d);
      err.stack = `Error: ${msg}`;
      throw err;
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
    plugins: [replayPlugin<T>(o.title, o.replayEnv)],
  };
}
