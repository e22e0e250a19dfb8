/**
 * How long this process spent generating payloads, and how many property cases it ran: the exchanges
 * fixture reports both per check, the run summary totals them (generation under 5% of run
 * time is measured, not assumed). Wrapping costs two performance.now() calls per value.
 */
import fc from 'fast-check';

export const genClock = { ms: 0, cases: 0 };

/** runs fn and adds its duration to the generation clock */
export function timed<T>(fn: () => T): T {
  const t = performance.now();
  try {
    return fn();
  } finally {
    genClock.ms += performance.now() - t;
  }
}

/** the same arbitrary, its generation (not its shrinking) timed */
class TimedArbitrary<T> extends fc.Arbitrary<T> {
  constructor(private readonly inner: fc.Arbitrary<T>) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return timed(() => this.inner.generate(mrng, biasFactor));
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

export const timedArb = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> => new TimedArbitrary(arb);
