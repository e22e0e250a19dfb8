/**
 * Live runs, rehearsed against a sandbox that keeps its own request log (the tenant's count, not the
 * client's): the plan follows the command line and equals what the tenant sees, per kind; a dry run
 * sends nothing; the write budget covers setup and teardown; the default cover run fits 100 writes;
 * a red run signs nobody in again; two shards together stay within the tenant's limits.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { RequestLogEntry } from '../../sandbox/request-log.ts';
import { runSuite, startSuite, runSummary, failedTitles, errorsOf, childEnv, ROOT, type SuiteRun } from '../harness.ts';

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SANDBOX_PROFILE = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as Record<string, unknown>;

/** A profile for a sandbox started here: long-lived tokens (no renewals to explain), and any overrides. */
function profileFor(sb: Sandbox, extra: Record<string, unknown> = {}): string {
  const { $schema: _s, ...p } = SANDBOX_PROFILE;
  const path = join(mkdtempSync(join(tmpdir(), 'nxc-profile-')), 'tenant.json');
  writeFileSync(path, JSON.stringify({ ...p, name: 'rehearsal', baseUrl: sb.url, tokenLifetimeSeconds: 3600, ...extra }));
  return path;
}

/** The run's environment: that profile, and baselines of its own (a first run records them; the repository's stay untouched). */
const rehearsal = (sb: Sandbox, extra: Record<string, unknown> = {}): Record<string, string> => ({
  NEXUDUS_PROFILE: profileFor(sb, extra),
  NEXUDUS_BASELINES: mkdtempSync(join(tmpdir(), 'nxc-baselines-')),
});

type Trio = { reads: number; writes: number; tokens: number };
/** What the tenant saw, counted the way it counts: reads, writes (POST/PUT/DELETE) and token requests. */
function tenantCount(entries: RequestLogEntry[]): Trio {
  const tokens = entries.filter((x) => x.path === '/api/token').length;
  const reads = entries.filter((x) => x.method === 'GET').length;
  return { reads, writes: entries.length - reads - tokens, tokens };
}

/** The plan line global setup prints: `plan: N checks · R reads + W writes + T token requests`. */
function planOf(stdout: string): { checks: number } & Trio {
  const m = /plan: (\d+) checks · (\d+) reads \+ (\d+) writes \+ (\d+) token requests/.exec(stdout);
  if (!m) throw new Error(`no plan line in:\n${stdout.slice(0, 2000)}`);
  return { checks: Number(m[1]), reads: Number(m[2]), writes: Number(m[3]), tokens: Number(m[4]) };
}

function conformance(args: string[], env: Record<string, string>): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'conformance.ts'), '--no-report', ...args], {
    cwd: ROOT, encoding: 'utf8', env: childEnv({ FORCE_COLOR: '0', ...env }), maxBuffer: 64 * 2 ** 20,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A sandbox with long-lived tokens for one test, closed whatever happens. */
async function withSandbox<T>(o: Parameters<typeof startSandbox>[0], f: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 3600, ...o });
  try {
    return await f(sb);
  } finally {
    await sb.close();
  }
}

/** The folder of the run a suite run wrote (out/run/<run id>). */
const runDirOf = (r: SuiteRun): string => join(r.outDir, 'run', readdirSync(join(r.outDir, 'run')).find((d) => d !== 'latest.json')!);

const green = (r: SuiteRun) => {
  expect(failedTitles(r), errorsOf(r).join('\n').slice(0, 3000)).toEqual([]);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
};

test.describe('against a sandbox rehearsing a tenant', () => {
  let sb: Sandbox;
  test.beforeAll(async () => (sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 3600 })));
  test.afterAll(async () => sb?.close());

  test('the plan follows --grep, is printed before the first check, and equals what the tenant sees per kind', async () => {
    test.setTimeout(180_000);
    const before = sb.requestLog.length;
    const r = await runSuite({ env: { ...rehearsal(sb) }, args: ['--grep', '@smoke', '--workers', '1'] });
    green(r);
    const plan = planOf(r.stdout);
    expect(r.stdout).toMatch(/selected: \d+ of \d+ checks/);
    expect(r.stdout.indexOf('plan:')).toBeLessThan(r.stdout.indexOf('Running '));
    const ran = r.results!.stats.expected;
    expect(plan.checks).toBe(ran);
    const seen = tenantCount(sb.requestLog.slice(before));
    const sum = runSummary(r)!;
    expect(seen, 'the tenant saw exactly the plan').toEqual({ reads: plan.reads, writes: plan.writes, tokens: plan.tokens });
    expect(sum.run.sent).toEqual(seen);
    expect(sum.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
    expect(r.stdout).toContain('(= planned)');
  });

  test('--dry-run prints the plan and the expected duration, sends nothing and exits 0; a broken profile exits 2', () => {
    const before = sb.requestLog.length;
    const r = conformance(['--dry-run', '--grep', 'CoworkerTask'], { ...rehearsal(sb), NEXUDUS_ASSUME_LIVE: '1', NEXUDUS_OUT: mkdtempSync(join(tmpdir(), 'nxc-dry-')) });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/plan: \d+ checks · \d+ reads \+ \d+ writes \+ \d+ token requests/);
    expect(r.out).toMatch(/expected duration at the tenant's limits: ≥ \d+ s/);
    expect(r.out).toContain('dry run: nothing was sent');
    expect(sb.requestLog.length - before, 'requests the dry run sent').toBe(0);
    const bad = join(mkdtempSync(join(tmpdir(), 'nxc-bad-')), 'broken.json');
    writeFileSync(bad, '{ "name": "broken", ');
    const b = conformance(['--dry-run'], { NEXUDUS_PROFILE: bad });
    expect(b.code, b.out).toBe(2);
    expect(sb.requestLog.length - before).toBe(0);
  });

  test('--budget caps every write of the run, setup and teardown included, and names the checks it dropped', async () => {
    test.setTimeout(180_000);
    for (const [budget, args] of [['20', ['--workers', '1']], ['0', ['--grep', '@token']]] as const) {
      const before = sb.requestLog.length;
      const r = await runSuite({ env: { ...rehearsal(sb), NEXUDUS_BUDGET: budget, NEXUDUS_MODE: 'cover' }, args: [...args] });
      green(r);
      const seen = tenantCount(sb.requestLog.slice(before));
      expect(seen.writes, `writes the tenant saw under --budget ${budget}`).toBeLessThanOrEqual(Number(budget));
      expect(planOf(r.stdout).writes).toBe(seen.writes);
      if (budget === '20') {
        expect(seen.writes).toBeGreaterThan(10);
        // the contract checks it dropped, counted by kind (plan.json lists each one); the probes apart
        expect(r.stdout).toMatch(/not run: \d+ of \d+ contract checks/);
        expect(r.stdout).toMatch(/ {4}- \d+ [a-z ]+(, \d+ [a-z ]+)*: write budget 20 \(/);
        expect(r.stdout).not.toMatch(/… and \d+ more/);
        const planned = JSON.parse(readFileSync(join(runDirOf(r), 'plan.json'), 'utf8')) as { checks: { skip?: string }[] };
        expect(planned.checks.filter((c) => c.skip?.startsWith('write budget')).length).toBeGreaterThan(50);
      }
    }
  });

  test('a cover run checks the documented contract in at most 100 writes, counted by the tenant; silent points run when asked for', async () => {
    test.setTimeout(240_000);
    const before = sb.requestLog.length;
    const r = await runSuite({ env: { ...rehearsal(sb), NEXUDUS_MODE: 'cover' }, args: ['--workers', '1'] });
    green(r);
    const seen = tenantCount(sb.requestLog.slice(before));
    expect(seen.writes, 'writes of the whole cover run in the tenant\'s log').toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/not run: \d+ silent-point probes/);
    // every check that did not run is a silent point, or the expired-token check, which this tenant's 3600 s tokens
    // rule out (and the run says so): the rest of the documented contract ran whole
    const skipped = Object.values((JSON.parse(readFileSync(join(runDirOf(r), 'state.json'), 'utf8')) as { skips: Record<string, string> }).skips);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.filter((s) => !s.startsWith('silent-point probe'))).toEqual([expect.stringMatching(/^token lifetime: the tenant's tokens live 3600 s/)]);

    const withSilent = await runSuite({ env: { ...rehearsal(sb), NEXUDUS_MODE: 'cover', NEXUDUS_SILENT_POINTS: '1' }, args: ['--workers', '1', '--grep', 'Workspace PUT', '--grep-invert', 'expired bearer token'] });
    green(withSilent);
    expect(withSilent.results!.stats.skipped).toBe(0);
    expect(withSilent.stdout).not.toContain('not run:');
  });

  test('a red run signs nobody in again: Playwright\'s restarts after failures cost no token requests', async () => {
    test.setTimeout(180_000);
    const args = ['--grep', 'GET (list|one) as (nobody|reader)', '--workers', '2'];
    const g0 = sb.requestLog.length;
    const g = await runSuite({ env: { ...rehearsal(sb) }, args });
    green(g);
    const greenTokens = tenantCount(sb.requestLog.slice(g0)).tokens;

    await withSandbox({ faults: ['denied-403'] }, async (faulty) => {
      const r = await runSuite({ env: { ...rehearsal(faulty) }, args });
      const failed = failedTitles(r).length;
      expect(failed, 'checks the fault fails (each one restarts a worker)').toBeGreaterThanOrEqual(8);
      const redTokens = tenantCount(faulty.requestLog).tokens;
      expect(redTokens, `token requests of the red run (${failed} failures) against the green run's`).toBeLessThanOrEqual(greenTokens);
      expect(runSummary(r)!.run.explained.signIns).toBe(0);
      expect(runSummary(r)!.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
    });
  });
});

test('two shards against one tenant stay within its write limit, counted per minute in the tenant\'s log, and say when they wait', async () => {
  test.setTimeout(300_000);
  await withSandbox({}, async (sb) => {
    const LIMIT = 12;
    const env = { ...rehearsal(sb, { allowWrites: true, limits: { writesPerMinute: LIMIT } }), NEXUDUS_ASSUME_LIVE: '1' };
    const grep = 'CoworkerTask PUT (without|with required)';
    const shards = [1, 2].map((i) => startSuite({ env, args: ['--grep', grep, `--shard=${i}/2`] }).done);
    const runs = await Promise.all(shards);
    runs.forEach(green);
    const writes = sb.requestLog.filter((x) => x.method !== 'GET' && x.path !== '/api/token').map((x) => Date.parse(x.time)).sort((a, b) => a - b);
    expect(writes.length, 'writes of both shards').toBeGreaterThan(LIMIT);
    let most = 0;
    for (let i = 0; i < writes.length; i++) most = Math.max(most, writes.filter((t) => t >= writes[i]! && t < writes[i]! + 60_000).length);
    expect(most, `writes in the busiest minute of the tenant's log (limit ${LIMIT})`).toBeLessThanOrEqual(LIMIT);
    for (const r of runs) expect(r.stdout).toContain(`paced to 1/2 of the documented limits (${LIMIT / 2} writes/min)`);
    expect(runs.map((r) => r.stdout).join('\n')).toMatch(/pacing: waiting \d+ s for a slot \(\d+ writes? per minute\)/);
    for (const r of runs) expect(runSummary(r)!.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
  });
});

test('a check that waits for a slot is announced and not charged with the wait; the summary reports it', async () => {
  test.setTimeout(240_000);
  await withSandbox({}, async (sb) => {
    // 4 writes a minute: setup makes 3 (two prerequisite coworkers, one task), the first check's write is the 4th,
    // the second check's waits for the minute to pass
    const r = await runSuite({ env: { ...rehearsal(sb, { allowWrites: true, limits: { writesPerMinute: 4 } }), NEXUDUS_ASSUME_LIVE: '1' }, args: ['--grep', 'CoworkerTask PUT without required'] });
    green(r);
    expect(r.stdout).toMatch(/pacing: waiting \d+ s for a slot \(4 writes per minute\); next: PUT \/api\/crm\/coworkertasks/);
    const lines = readFileSync(join(runDirOf(r), 'counts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title: string; work: { ms: number; waitedMs: number } });
    const waited = lines.filter((l) => l.work.waitedMs > 30_000);
    expect(waited.length, 'checks that waited for the minute to pass').toBe(1);
    expect(waited[0]!.work.ms, 'the check\'s own time, without the wait').toBeLessThan(5000);
    const sum = runSummary(r)!;
    expect(sum.waitedMs).toBeGreaterThan(30_000);
    expect(r.stdout).toMatch(/pacing: \d+\.\d s waited for the tenant's limits \(not counted in any check's duration\)/);
    expect(sum.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
  });
});
