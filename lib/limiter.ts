/**
 * Client-side pacing for live tenants (nexudus-api.md §5): sliding windows for writes per
 * minute and per day, and all requests per 100 ms, per minute and per hour. Off on loopback targets
 * unless the profile sets limits. Waiting is computed, not polled.
 */
export interface Limits {
  writesPerMinute: number;
  writesPerDay: number;
  requestsPer100ms: number;
  requestsPerMinute: number;
  requestsPerHour: number;
}

/** The newer published table (S2 api-limitations). */
export const DOCUMENTED_LIMITS: Limits = {
  writesPerMinute: 60,
  writesPerDay: 5000,
  requestsPer100ms: 1,
  requestsPerMinute: 120,
  requestsPerHour: 5000,
};

interface Window {
  ms: number;
  max: number;
  times: number[];
  writesOnly: boolean;
}

export class Limiter {
  private readonly windows: Window[];
  waitedMs = 0;

  constructor(limits: Limits) {
    this.windows = [
      { ms: 60_000, max: limits.writesPerMinute, times: [], writesOnly: true },
      { ms: 86_400_000, max: limits.writesPerDay, times: [], writesOnly: true },
      { ms: 100, max: limits.requestsPer100ms, times: [], writesOnly: false },
      { ms: 60_000, max: limits.requestsPerMinute, times: [], writesOnly: false },
      { ms: 3_600_000, max: limits.requestsPerHour, times: [], writesOnly: false },
    ];
  }

  /** How long a request sent at `now` would have to wait. */
  delayFor(write: boolean, now = Date.now()): number {
    let wait = 0;
    for (const w of this.windows) {
      if (w.writesOnly && !write) continue;
      while (w.times.length && w.times[0] <= now - w.ms) w.times.shift();
      if (w.times.length >= w.max) wait = Math.max(wait, w.times[w.times.length - w.max] + w.ms - now);
    }
    return wait;
  }

  /** Waits for a slot, then takes it. */
  async acquire(write: boolean): Promise<void> {
    for (;;) {
      const d = this.delayFor(write);
      if (d <= 0) break;
      this.waitedMs += d;
      await new Promise((r) => setTimeout(r, d));
    }
    const now = Date.now();
    for (const w of this.windows) if (!w.writesOnly || write) w.times.push(now);
  }
}

/** Expected duration of a run of `reads` and `writes` at these limits, in seconds (the budget). */
export function expectedSeconds(reads: number, writes: number, l: Limits): number {
  const total = reads + writes;
  return Math.max(
    (writes / l.writesPerMinute) * 60,
    (total / l.requestsPerMinute) * 60,
    (total / l.requestsPer100ms) * 0.1,
    (total / l.requestsPerHour) * 3600 > 3600 ? (total / l.requestsPerHour) * 3600 : 0,
  );
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
