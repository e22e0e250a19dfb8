/**
 * Client-side pacing for live tenants (nexudus-api.md §5): sliding windows for writes per
 * minute and per day, and all requests per 100 ms, per minute and per hour. Off on loopback targets
 * unless the profile sets limits. Waiting is computed, not polled.
 */
import { DOCUMENTED_LIMITS, type LimitName, type Limits } from '../../api/limits.ts';

export { DOCUMENTED_LIMITS, type LimitName, type Limits };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each limit's usual window. */
const KINDS: readonly { name: LimitName; ms: number; writesOnly: boolean }[] = [
  { name: 'writesPerMinute', ms: MINUTE, writesOnly: true },
  { name: 'writesPerDay', ms: DAY, writesOnly: true },
  { name: 'requestsPer100ms', ms: 100, writesOnly: false },
  { name: 'requestsPerMinute', ms: MINUTE, writesOnly: false },
  { name: 'requestsPerHour', ms: HOUR, writesOnly: false },
];

/** A wait for a slot: how long, and the window that made it (in words) when there was one. */
export interface Wait {
  ms: number;
  limit?: string;
}

/** What the HTTP client needs from pacing: the local Limiter and the pacer's RemoteLimiter alike. */
export interface Pacing {
  /** Waits for a slot, then takes it; `label` (method and path, nothing secret) names what waits. */
  acquire(write: boolean, label?: string): Promise<Wait>;
  /** total ms this process waited */
  readonly waitedMs: number;
}

/**
 * `count` per `ms`, made whole: a count below 1 becomes 1 per a longer window, and a count of 0
 * (or none) 1 per `shards` windows, so pacing never stops for good.
 */
function slot(count: number, shards: number, ms: number): { max: number; ms: number } {
  const c = count > 0 ? count : 1;
  const share = c / shards;
  return share >= 1 ? { max: Math.floor(share), ms } : { max: 1, ms: Math.ceil((ms * shards) / c) };
}

interface Effective {
  name: LimitName;
  max: number;
  ms: number;
  writesOnly: boolean;
}

function effective(l: Limits, shards = 1): Effective[] {
  return KINDS.map((k) => ({ ...k, ...slot(l[k.name], shards, l.windowMs?.[k.name] ?? k.ms) }));
}

/**
 * One shard's share of a tenant's limits, so `shardTotal` shards pacing each to it never exceed the
 * limits together: each count divided and rounded down, or, below 1, the window widened instead
 * (1 request per 100 ms over 2 shards: 1 request per 200 ms).
 */
export function shareOf(limits: Limits, shardTotal: number): Limits {
  const shards = Math.max(1, Math.floor(shardTotal) || 1);
  const out: Limits = { ...limits };
  const windowMs: Partial<Record<LimitName, number>> = {};
  for (const e of effective(limits, shards)) {
    out[e.name] = e.max;
    const usual = KINDS.find((k) => k.name === e.name)!.ms;
    if (e.ms !== usual) windowMs[e.name] = e.ms;
  }
  if (Object.keys(windowMs).length) out.windowMs = windowMs;
  else delete out.windowMs;
  return out;
}

function span(ms: number): string {
  for (const [unit, name] of [[DAY, 'day'], [HOUR, 'hour'], [MINUTE, 'minute'], [1000, 'second']] as const) {
    if (ms % unit === 0) return ms === unit ? name : `${ms / unit} ${name}s`;
  }
  return `${ms} ms`;
}

/** A window in words: "60 writes per minute", "1 request per 200 ms". */
function words(w: { max: number; ms: number; writesOnly: boolean }): string {
  return `${w.max} ${w.writesOnly ? 'write' : 'request'}${w.max === 1 ? '' : 's'} per ${span(w.ms)}`;
}

/** All windows of these limits in words, for the plan's line about pacing. */
export function limitsInWords(l: Limits): string {
  return effective(l).map(words).join(', ');
}

interface Window {
  ms: number;
  max: number;
  times: number[];
  writesOnly: boolean;
  limit: string;
}

export interface AcquireOptions {
  /** called once, before the first wait, with the wait ahead */
  onWait?: (w: Wait) => void;
  /** gives up the wait without taking a slot (the waiting client went away) */
  signal?: AbortSignal;
}

export class Limiter implements Pacing {
  private readonly windows: Window[];
  waitedMs = 0;

  constructor(limits: Limits) {
    this.windows = effective(limits).map((e) => ({ ms: e.ms, max: e.max, times: [], writesOnly: e.writesOnly, limit: words(e) }));
  }

  /** How long a request sent at `now` would have to wait, and for which window. */
  nextWait(write: boolean, now = Date.now()): Wait {
    let wait: Wait = { ms: 0 };
    for (const w of this.windows) {
      if (w.writesOnly && !write) continue;
      const span = w.ms + marginOf(w.ms);
      while (w.times.length && w.times[0] <= now - span) w.times.shift();
      if (w.times.length < w.max) continue;
      const ms = w.times[w.times.length - w.max] + span - now;
      if (ms > wait.ms) wait = { ms, limit: w.limit };
    }
    return wait;
  }

  /** How long a request sent at `now` would have to wait. */
  delayFor(write: boolean, now = Date.now()): number {
    return this.nextWait(write, now).ms;
  }

  /** Waits for a slot, then takes it. Answers the wait: its total and the window that made it. */
  async acquire(write: boolean, _label?: string, o: AcquireOptions = {}): Promise<Wait> {
    let total: Wait = { ms: 0 };
    for (;;) {
      o.signal?.throwIfAborted();
      const next = this.nextWait(write);
      if (next.ms <= 0) break;
      if (total.ms === 0) {
        total = { ms: 0, limit: next.limit };
        o.onWait?.(next);
      }
      total.ms += next.ms;
      this.waitedMs += next.ms;
      await sleep(next.ms, o.signal);
    }
    const now = Date.now();
    for (const w of this.windows) if (!w.writesOnly || write) w.times.push(now);
    return total;
  }
}

/**
 * A slot frees a little after its window has passed: the tenant counts a request when it arrives, and
 * network jitter can bring a later request in sooner than an earlier one (2% of the window, at most 1 s).
 */
const marginOf = (windowMs: number) => Math.min(1000, windowMs * 0.02);

/** Resolves after `ms`, or at once when `signal` aborts (the caller then sees the abort). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Expected duration of a run of `reads` and `writes` at these limits, in seconds (the budget). */
export function expectedSeconds(reads: number, writes: number, l: Limits): number {
  const total = reads + writes;
  let secs = 0;
  // a sliding window sends `max` at once, then the next `max` once the first have aged out (plus the margin)
  for (const w of effective(l)) {
    const n = w.writesOnly ? writes : total;
    if (n > 0) secs = Math.max(secs, (Math.floor((n - 1) / w.max) * (w.ms + marginOf(w.ms))) / 1000);
  }
  return secs;
}

/**
 * Throttle answers (nexudus-api.md §5): 409 with Retry-After (documented) or 429 with "Wait N
 * seconds" in the body (live). Returns the seconds to wait, or undefined when this is no throttle.
 */
export function throttleDelaySeconds(status: number, headers: Headers | Record<string, string>, body: string): number | undefined {
  if (status !== 409 && status !== 429) return undefined;
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k] ?? headers[k.toLowerCase()]) ?? undefined;
  const ra = get('retry-after');
  const wait = /Wait\s+([\d.]+)\s+seconds?/i.exec(body);
  if (wait) return Number(wait[1]);
  if (ra !== undefined && ra !== null && ra !== '' && Number.isFinite(Number(ra))) return Number(ra);
  if (status === 429) return 1;
  // a 409 without Retry-After is a throttle only when it says so (or says nothing, as the docs show)
  if (body.trim() === '' || /must wait/i.test(body)) return 1;
  return undefined;
}
