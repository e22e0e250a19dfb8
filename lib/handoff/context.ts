/**
 * Builds the per-process client context (tokens, pacing, ledger, counters) for a target. Used by
 * global setup, the worker fixtures and the sweeper alike.
 */
import { Ledger } from '../client/ledger.ts';
import { Limiter, DOCUMENTED_LIMITS, shareOf, type Limits, type Pacing } from '../client/limiter.ts';
import { RemoteLimiter } from './pacer.ts';
import { makeTokenCache, newCounts, type ClientContext } from '../client/client.ts';
import { isLiveTarget, type Profile } from '../config/profile.ts';
import { env } from '../config/env.ts';

/** Documented limits on live targets; on local ones only what the profile sets. */
export function limitsFor(p: Profile, baseUrl: string): Limits | undefined {
  const set = Object.keys(p.limits).length > 0;
  if (!isLiveTarget(baseUrl) && !set) return undefined;
  return { ...DOCUMENTED_LIMITS, ...p.limits };
}

export interface ContextOptions {
  baseUrl: string;
  profile: Profile;
  ledgerPath: string;
  runId: string;
  /** the run's pacer (default NEXUDUS_PACER_URL): slots shared with every other process of the run */
  pacerUrl?: string;
  /** without a pacer, this process paces to its shard's share of the limits (default 1 shard) */
  shardTotal?: number;
}

/** Paced targets take slots from the run's pacer when there is one, else from a limiter of their own. */
function pacingFor(o: ContextOptions): Pacing | undefined {
  const limits = limitsFor(o.profile, o.baseUrl);
  if (!limits) return undefined;
  const pacerUrl = o.pacerUrl ?? env.pacerUrl;
  return pacerUrl ? new RemoteLimiter(pacerUrl) : new Limiter(shareOf(limits, o.shardTotal ?? 1));
}

export function makeContext(o: ContextOptions): ClientContext {
  const ctx: ClientContext = {
    baseUrl: o.baseUrl,
    tokens: undefined as unknown as ClientContext['tokens'],
    limiter: pacingFor(o),
    ledger: new Ledger(o.ledgerPath, o.runId),
    counts: newCounts(),
  };
  ctx.tokens = makeTokenCache(() => ctx);
  return ctx;
}
