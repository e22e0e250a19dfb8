/**
 * Pacing across processes: one pacer serves every worker (and a worker restarted after a failed
 * test), shards pace to their share of the limits, long waits are announced before they start, and
 * a worker whose pacer is gone stops with a plain message instead of hanging. Windows are shrunk
 * (Limits.windowMs) so the waits here take a fraction of a second.
 */
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENTED_LIMITS, Limiter, expectedSeconds, limitsInWords, shareOf, type Limits } from '../../lib/client/limiter.ts';
import { RemoteLimiter, startPacer, type Pacer } from '../../lib/handoff/pacer.ts';
import { makeContext } from '../../lib/handoff/context.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { newRunId } from '../../lib/client/marker.ts';

/** Nothing binds but what a test sets. */
const LOOSE: Limits = { writesPerMinute: 1e6, writesPerDay: 1e6, requestsPer100ms: 1e6, requestsPerMinute: 1e6, requestsPerHour: 1e6 };

let pacers: Pacer[] = [];
test.afterEach(async () => {
  await Promise.all(pacers.map((p) => p.close()));
  pacers = [];
});
async function pacer(limits: Limits, o: Parameters<typeof startPacer>[1] = {}): Promise<Pacer> {
  const p = await startPacer(limits, { log: () => undefined, ...o });
  pacers.push(p);
  return p;
}

for (const fourth of ['the other worker', 'a restarted worker'] as const) {
  test(`one pacer for every worker: the 4th write within the window waits, sent by ${fourth}`, async () => {
    const p = await pacer({ ...LOOSE, writesPerMinute: 3, windowMs: { writesPerMinute: 1500 } });
    const a = new RemoteLimiter(p.url);
    const t0 = Date.now();
    const b = new RemoteLimiter(p.url);
    expect((await a.acquire(true, 'POST /api/spaces/coworkers')).ms).toBe(0);
    expect((await b.acquire(true)).ms).toBe(0);
    expect((await a.acquire(true)).ms).toBe(0);
    // a read is not held up by a window that counts writes only
    expect((await b.acquire(false)).ms).toBe(0);
    const sender = fourth === 'the other worker' ? b : new RemoteLimiter(p.url);
    const wait = await sender.acquire(true);
    expect(wait.ms).toBeGreaterThan(0);
    expect(wait.limit).toBe('3 writes per 1500 ms');
    // (a timer may fire a millisecond early)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1490);
    expect(sender.waitedMs).toBe(wait.ms);
    const s = p.stats();
    expect(s).toMatchObject({ requests: 5, waits: 1 });
    expect(s.byLimit['3 writes per 1500 ms'].waits).toBe(1);
  });
}

test('concurrent acquires from two workers never share a slot', async () => {
  const p = await pacer({ ...LOOSE, writesPerMinute: 2, windowMs: { writesPerMinute: 400 } });
  const workers = [new RemoteLimiter(p.url), new RemoteLimiter(p.url)];
  const t0 = Date.now();
  const waits = await Promise.all(Array.from({ length: 6 }, (_, i) => workers[i % 2].acquire(true)));
  // 6 writes at 2 per 400 ms cannot all be through in less than 800 ms, however they arrive
  expect(Date.now() - t0).toBeGreaterThanOrEqual(790);
  expect(waits.filter((w) => w.ms > 0).length).toBeGreaterThanOrEqual(1);
  expect(waits.filter((w) => w.ms > 0).every((w) => w.limit === '2 writes per 400 ms')).toBe(true);
  expect(p.stats().requests).toBe(6);
});

test('slots go in arrival order: a read that comes after a waiting write goes after it', async () => {
  const p = await pacer({ ...LOOSE, writesPerMinute: 1, windowMs: { writesPerMinute: 1000 } });
  const [a, b] = [new RemoteLimiter(p.url), new RemoteLimiter(p.url)];
  await a.acquire(true);
  const order: string[] = [];
  const write = a.acquire(true).then(() => order.push('write'));
  await new Promise((r) => setTimeout(r, 300));
  const read = b.acquire(false).then(() => order.push('read'));
  await Promise.all([write, read]);
  expect(order).toEqual(['write', 'read']);
});

test('shards pace to their share: counts divided, a share below 1 widens the window', () => {
  expect(shareOf(DOCUMENTED_LIMITS, 1)).toEqual(DOCUMENTED_LIMITS);
  const two = shareOf(DOCUMENTED_LIMITS, 2);
  expect(two).toEqual({
    writesPerMinute: 30, writesPerDay: 2500, requestsPer100ms: 1, requestsPerMinute: 60, requestsPerHour: 2500,
    windowMs: { requestsPer100ms: 200 },
  });
  expect(limitsInWords(two)).toBe('30 writes per minute, 2500 writes per day, 1 request per 200 ms, 60 requests per minute, 2500 requests per hour');
  expect(shareOf(DOCUMENTED_LIMITS, 3)).toEqual({
    writesPerMinute: 20, writesPerDay: 1666, requestsPer100ms: 1, requestsPerMinute: 40, requestsPerHour: 1666,
    windowMs: { requestsPer100ms: 300 },
  });
  // 2 requests per 100 ms over 3 shards: 1 per 150 ms; a share of a share widens again
  expect(shareOf({ ...DOCUMENTED_LIMITS, requestsPer100ms: 2 }, 3).windowMs).toEqual({ requestsPer100ms: 150 });
  expect(shareOf(two, 2).windowMs).toEqual({ requestsPer100ms: 400 });
  // a limit of 0 still lets 1 through per (widened) window
  expect(limitsInWords(shareOf({ ...DOCUMENTED_LIMITS, writesPerMinute: 0 }, 2))).toContain('1 write per 2 minutes');
  const zero = new Limiter({ ...DOCUMENTED_LIMITS, writesPerMinute: 0 });
  expect(zero.delayFor(true)).toBe(0);
});

test('a share is what a Limiter enforces and what the expected duration counts', async () => {
  const l = new Limiter(shareOf(DOCUMENTED_LIMITS, 2));
  const before = Date.now();
  expect(await l.acquire(false)).toEqual({ ms: 0 });
  const next = l.nextWait(false, before);
  expect(next.limit).toBe('1 request per 200 ms');
  expect(next.ms).toBeGreaterThanOrEqual(200);
  // the writes-per-minute window with time injected: 30 writes 1 s apart, then the 31st
  const t0 = Date.now() + 1000;
  const internal = l as unknown as { windows: { times: number[]; writesOnly: boolean; ms: number }[] };
  for (let i = 0; i < 30; i++) for (const w of internal.windows) if (w.writesOnly) w.times.push(t0 + i * 1000);
  // the first slot frees when its minute has passed, plus the 1 s margin for network jitter
  expect(l.nextWait(true, t0 + 29_500)).toEqual({ ms: 31_500, limit: '30 writes per minute' });
  // sliding windows: 60 writes fit one minute's window (6 s at 1 request per 100 ms, each with its 2 ms margin);
  // the 61st waits for the first to age out (61 s); one of two shards has 30 a minute: the 61st at 122 s
  expect(expectedSeconds(0, 60, DOCUMENTED_LIMITS)).toBeCloseTo(59 * 0.102, 6);
  expect(expectedSeconds(0, 61, DOCUMENTED_LIMITS)).toBe(61);
  expect(expectedSeconds(0, 61, shareOf(DOCUMENTED_LIMITS, 2))).toBe(122);
  // 1 request per 200 ms binds when the per-minute count does not
  expect(expectedSeconds(100, 0, shareOf({ ...DOCUMENTED_LIMITS, requestsPerMinute: 1e6 }, 2))).toBeCloseTo(99 * 0.204, 6);
});

test('a long wait is announced once, before it starts, with its seconds, its limit and what waits; a short one is not', async () => {
  const lines: { line: string; at: number }[] = [];
  const log = (line: string) => lines.push({ line, at: Date.now() });
  const slow = await pacer({ ...LOOSE, requestsPer100ms: 1, windowMs: { requestsPer100ms: 2000 } }, { announceAfterMs: 400, log });
  const w = new RemoteLimiter(slow.url);
  await w.acquire(false, 'GET /api/spaces/coworkers');
  await w.acquire(false, 'GET /api/spaces/coworkers?Coworker_Email=someone%40example.com');
  const done = Date.now();
  expect(lines).toHaveLength(1);
  expect(lines[0].line).toMatch(/^ {2}pacing: waiting [0-2]\.\d s for a slot \(1 request per 2 seconds\); next: GET \/api\/spaces\/coworkers$/);
  expect(done - lines[0].at).toBeGreaterThan(400);

  const fast = await pacer({ ...LOOSE, requestsPer100ms: 1 }, { announceAfterMs: 400, log });
  const v = new RemoteLimiter(fast.url);
  await v.acquire(false, 'GET /api/spaces/businesses');
  expect((await v.acquire(false, 'GET /api/spaces/businesses')).ms).toBeGreaterThan(0);
  expect(lines).toHaveLength(1);
});

test('a pacer that is gone is a plain error at once, not a hang', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((r) => server.close(r));
  const started = Date.now();
  await expect(new RemoteLimiter(url).acquire(true, 'PUT /api/spaces/coworkers')).rejects.toThrow(
    `the pacer at ${url} is unreachable (ECONNREFUSED): the Playwright runner that paces this run has stopped`,
  );
  expect(Date.now() - started).toBeLessThan(2000);

  // the runner stops while a worker waits for a slot
  const p = await startPacer({ ...LOOSE, requestsPer100ms: 1, windowMs: { requestsPer100ms: 10_000 } }, { log: () => undefined });
  const w = new RemoteLimiter(p.url);
  await w.acquire(false);
  const waiting = w.acquire(false);
  setTimeout(() => void p.close(), 500);
  const t = Date.now();
  await expect(waiting).rejects.toThrow(/closed the connection while this request waited for a slot/);
  expect(Date.now() - t).toBeLessThan(2000);
});

test('makeContext paces through the pacer when given one, else to its shard\'s share', async () => {
  const profile = { ...loadProfile(SANDBOX_PROFILE_PATH, 'http://127.0.0.1:1'), limits: { writesPerMinute: 60 } };
  const o = { baseUrl: 'http://127.0.0.1:1', profile, ledgerPath: join(mkdtempSync(join(tmpdir(), 'nxc-ledger-')), 'run.jsonl'), runId: newRunId() };
  const p = await pacer(LOOSE);
  expect(makeContext({ ...o, pacerUrl: p.url }).limiter).toBeInstanceOf(RemoteLimiter);
  const local = makeContext({ ...o, shardTotal: 2 }).limiter as unknown as Limiter;
  expect(local).toBeInstanceOf(Limiter);
  const before = Date.now();
  await local.acquire(false);
  expect(local.nextWait(false, before).limit).toBe('1 request per 200 ms');
  expect(makeContext({ ...o, profile: { ...profile, limits: {} } }).limiter).toBeUndefined();
});
