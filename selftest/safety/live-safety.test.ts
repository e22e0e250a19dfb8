/**
 * Issue 7, end to end against the sandbox: throttles (409 and 429 forms) keep the suite green and are
 * recorded; the request log shows no PUT or DELETE on an Id the run did not create; no password or token
 * appears in any output; the planned request count equals the count sent. (A run killed with SIGKILL and
 * then `npm run sweep`: sweep-crash.test.ts.)
 */
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync, statSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { ENTITIES, resourcePath } from '../../api/catalogue/entities.ts';
import { findMarker } from '../../lib/client/marker.ts';
import { aliveRecords, ledgerFiles, type LedgerLine } from '../../lib/client/ledger.ts';
import { runSuite, runSummary, failedTitles, errorsOf, ROOT } from '../harness.ts';

const PROFILE = join(ROOT, 'sandbox', 'profile.json');
const profile = JSON.parse(readFileSync(PROFILE, 'utf8')) as { personas: Record<string, { username: string; password: string }> };
const admin = Object.values(profile.personas)[0];
const basic = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;

/** Marked records on the tenant, counted through the API. */
async function countMarked(url: string): Promise<number> {
  let n = 0;
  for (const e of ENTITIES) {
    const res = await fetch(`${url}${resourcePath(e)}?page=1&size=1000`, { headers: { Authorization: basic } });
    const j = (await res.json()) as { Records: Record<string, unknown>[] };
    n += j.Records.filter((r) => e.markerFields.some((f) => findMarker(r[f]))).length;
  }
  return n;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every spelling a secret can take on the wire. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])];
}

test.describe('against a sandbox the suite does not own', () => {
  let sb: Sandbox;
  test.beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
  });
  test.afterAll(async () => sb?.close());

  test('a full run: planned = sent, no PUT/DELETE on Ids it did not create, nothing left behind, no secret in any output', async () => {
    test.setTimeout(300_000);
    const before = sb.requestLog.length;
    const r = await runSuite({ env: { NEXUDUS_PROFILE: PROFILE, NEXUDUS_BASE_URL: sb.url } });
    expect(failedTitles(r), errorsOf(r).join('\n').slice(0, 3000)).toEqual([]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);

    // planned = sent, for the whole run, per kind; and what the client counts is what the tenant saw
    const sum = runSummary(r)!;
    expect(sum.mismatches, 'checks whose requests differ from the plan').toEqual([]);
    expect(sum.run.unexplained, 'requests the plan and its named causes do not account for').toEqual({ reads: 0, writes: 0, tokens: 0 });
    const seen = sb.requestLog.slice(before);
    const token = seen.filter((x) => x.path === '/api/token').length;
    const reads = seen.filter((x) => x.method === 'GET').length;
    expect({ reads, writes: seen.length - reads - token, tokens: token }, 'the tenant\'s own count').toEqual(sum.run.sent);
    expect(sum.sent.writes).toBeGreaterThan(100);

    // touch nothing else: every PUT/DELETE/runcommand Id was created by this run
    const created = new Set<number>();
    for (const f of ledgerFiles(r.outDir)) for (const l of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
      const x = JSON.parse(l) as LedgerLine;
      if (x.event === 'created') created.add(x.id);
    }
    const writes = sb.requestLog.slice(before).filter((x) => x.method === 'PUT' || x.method === 'DELETE' || x.path.endsWith('/runcommand'));
    expect(writes.length).toBeGreaterThan(50);
    const strangers = writes.filter((x) => x.ids.some((id) => !created.has(id)));
    expect(strangers, 'PUT/DELETE on records the run did not create').toEqual([]);

    // leave no trace
    expect(await countMarked(sb.url), 'marked records left on the tenant').toBe(0);
    for (const f of ledgerFiles(r.outDir)) expect(aliveRecords(f), `alive in ${f}`).toEqual([]);

    // secrets: passwords (raw, URL-encoded, in Basic base64) and every token the tenant issued
    const secrets = [
      ...Object.values(profile.personas).flatMap((p) => [...spellings(p.password), Buffer.from(`${p.username}:${p.password}`).toString('base64')]),
      ...sb.issuedTokens(),
    ];
    expect(sb.issuedTokens().length).toBeGreaterThan(6);
    const outputs = [...files(r.outDir), ...files(join(ROOT, 'baselines'))];
    expect(outputs.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const f of outputs) {
      const text = readFileSync(f).toString('latin1');
      for (const s of secrets) if (text.includes(s)) leaks.push(`${f}: ${s.slice(0, 4)}…`);
    }
    for (const s of secrets) if (r.stdout.includes(s) || r.stderr.includes(s)) leaks.push(`console: ${s.slice(0, 4)}…`);
    expect(leaks).toEqual([]);
  });
});

for (const status of ['409', '429'] as const) {
  test(`with throttling on in the ${status} form the suite stays green and records the throttles`, async () => {
    test.setTimeout(240_000);
    const r = await runSuite({ env: { NEXUDUS_SANDBOX_VARY: `throttle-${status}`, NEXUDUS_SANDBOX_THROTTLE_EVERY: '5' }, args: ['--grep', 'CoworkerTask|POST /api/token'] });
    expect(failedTitles(r), errorsOf(r).join('\n').slice(0, 3000)).toEqual([]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const sum = runSummary(r)!;
    expect(sum.throttles, 'throttle answers seen and retried').toBeGreaterThan(10);
    expect(sum.mismatches).toEqual([]);
    // every repeat is named by its cause, and the run adds up
    expect(r.stdout).toMatch(/the difference: \d+ repeated after a throttle/);
    expect(sum.retriesBy.throttle).toBe(sum.throttles);
    expect(sum.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
  });
}

test('a live tenant without "allowWrites" gets read-only checks only, and the run says how many it skipped', async () => {
  test.setTimeout(180_000);
  const sb = await startSandbox({ port: 0 });
  try {
    const { $schema: _s, ...p } = JSON.parse(readFileSync(PROFILE, 'utf8')) as Record<string, unknown>;
    // rehearse a live run: pacing on, but with limits high enough for a test
    const live = { ...p, name: 'rehearsal', baseUrl: sb.url, limits: { requestsPer100ms: 1000, requestsPerMinute: 100000, requestsPerHour: 100000 } };
    const dir = mkdtempSync(join(tmpdir(), 'nxc-live-'));
    writeFileSync(join(dir, 'live.json'), JSON.stringify(live));
    const before = sb.requestLog.length;
    const r = await runSuite({ env: { NEXUDUS_PROFILE: join(dir, 'live.json'), NEXUDUS_ASSUME_LIVE: '1' }, args: ['--grep', 'Workspace|POST /api/token'] });
    expect(failedTitles(r), errorsOf(r).join('\n').slice(0, 3000)).toEqual([]);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    expect(r.stdout).toMatch(/mode cover/);
    expect(r.stdout).toMatch(/skipped: \d+ checks that write \(read-only target/);
    const writes = sb.requestLog.slice(before).filter((x) => x.method !== 'GET' && x.path !== '/api/token');
    expect(writes, 'writes sent to a read-only live tenant').toEqual([]);
    expect(r.results!.stats.skipped).toBeGreaterThan(10);
    expect(r.results!.stats.expected).toBeGreaterThan(5);
  } finally {
    await sb.close();
  }
});
