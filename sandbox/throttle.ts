/**
 * Rate-limit emulation, off unless configured (nexudus-api.md §5). Two answer forms: the documented
 * 409 + `Retry-After` + "You must wait before accessing this url again.", and the live 429 whose body
 * says `Wait <N> seconds`. `every: n` throttles every n-th request once (fast tests); otherwise the
 * published limits apply per client (Authorization header, else remote address). A throttled request
 * is answered before anything else runs, so it has no side effect.
 */
import type { Ctx } from './http.ts';
import { DOCUMENTED_LIMITS, type Limits } from '../api/limits.ts';

export type { Limits };

/** The newer published table (S2 api-limitations), one declaration shared with the suite's pacing. */
export const DEFAULT_LIMITS: Limits = DOCUMENTED_LIMITS;

export interface ThrottleOptions {
  status: 409 | 429;
  every?: number;
  retryAfterSeconds?: number;
  limits?: Partial<Limits>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const THROTTLE_409_TEXT = 'You must wait before accessing this url again.';

export class Throttle {
  private count = 0;
  private readonly limits: Limits;
  private readonly all = new Map<string, number[]>();
  private readonly writes = new Map<string, number[]>();

  constructor(private readonly o: ThrottleOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...o.limits };
  }

  /** Seconds to wait when this request is throttled, else null (and the request is counted). */
  check(key: string, isWrite: boolean, now = Date.now()): number | null {
    if (this.o.every !== undefined) {
      this.count++;
      return this.count % this.o.every === 0 ? this.o.retryAfterSeconds ?? 1 : null;
    }
    const all = prune(this.all, key, now - HOUR);
    const writes = prune(this.writes, key, now - DAY);
    const L = this.limits;
    const waits = [
      waitFor(all, now, 100, L.requestsPer100ms),
      waitFor(all, now, MINUTE, L.requestsPerMinute),
      waitFor(all, now, HOUR, L.requestsPerHour),
      ...(isWrite ? [waitFor(writes, now, MINUTE, L.writesPerMinute), waitFor(writes, now, DAY, L.writesPerDay)] : []),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) return this.o.retryAfterSeconds ?? Math.ceil(wait / 10) / 100;
    all.push(now);
    if (isWrite) writes.push(now);
    return null;
  }

  respond(ctx: Ctx, waitSeconds: number): void {
    ctx.status = this.o.status;
    if (this.o.status === 409) {
      ctx.res.writeHead(409, THROTTLE_409_TEXT, {
        'retry-after': String(Math.ceil(waitSeconds)),
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(Buffer.byteLength(THROTTLE_409_TEXT)),
      });
      ctx.res.end(THROTTLE_409_TEXT);
      return;
    }
    const text = `API calls quota exceeded! Wait ${waitSeconds} seconds before trying again.`;
    ctx.res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    ctx.res.end(text);
  }
}

function prune(map: Map<string, number[]>, key: string, since: number): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  let drop = 0;
  while (drop < list.length && list[drop] <= since) drop++;
  if (drop) list.splice(0, drop);
  return list;
}

/** ms until a request fits in a window of `windowMs` holding at most `limit` requests. */
function waitFor(times: number[], now: number, windowMs: number, limit: number): number {
  let inWindow = 0;
  for (let i = times.length - 1; i >= 0 && times[i] > now - windowMs; i--) inWindow++;
  if (inWindow < limit) return 0;
  const oldest = times[times.length - Math.max(1, Math.floor(limit))];
  return oldest + windowMs - now;
}
