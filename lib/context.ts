/**
 * Builds the per-process client context (tokens, pacing, ledger, counters) for a target. Used by
 * global setup, the worker fixtures and the sweeper alike.
 */
import { Ledger } from './ledger.ts';
import { Limiter, DOCUMENTED_LIMITS, type Limits } from './limiter.ts';
import { makeTokenCache, newCounts, type ClientContext } from './client.ts';
import { isLiveTarget, type Profile } from './profile.ts';

/** Documented limits on live targets; on local ones only what the profile sets. */
export function limitsFor(p: Profile, baseUrl: string): Limits | undefined {
  const set = Object.keys(p.limits).length > 0;
  if (!isLiveTarget(baseUrl) && !set) return undefined;
  return { ...DOCUMENTED_LIMITS, ...p.limits };
}

export function makeContext(o: { baseUrl: string; profile: Profile; ledgerPath: string; runId: string }): ClientContext {
  const limits = limitsFor(o.profile, o.baseUrl);
  const ctx: ClientContext = {
    baseUrl: o.baseUrl,
    tokens: undefined as unknown as ClientContext['tokens'],
    limiter: limits ? new Limiter(limits) : undefined,
    ledger: new Ledger(o.ledgerPath, o.runId),
    counts: newCounts(),
  };
  ctx.tokens = makeTokenCache(() => ctx);
  return ctx;
}
