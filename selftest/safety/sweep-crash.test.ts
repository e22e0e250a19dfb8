/**
 * After a crash: a suite run killed with SIGKILL (its whole process group) leaves marked records behind; plain
 * `npm run sweep` (same profile, same output folder) removes them whatever their age, because the run's folder
 * names its process and that process is gone. Records of runs that may still be running (a young marker no local
 * folder accounts for, a local run whose process is alive) are kept, counted, named with their run, and the sweep
 * prints the exact command that removes them; that command works. --dry-run lists the Ids it would delete and keep
 * and sends no write. The sweep deletes only records the dead run created (its ledger), never the tenant's own.
 */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { ENTITIES, Workspace, resourcePath } from '../../api/catalogue/entities.ts';
import { endpoint } from '../../api/catalogue/endpoints.ts';
import type { Refs } from '../../api/catalogue/fields.ts';
import { findMarker, markerOf, newRunId } from '../../lib/client/marker.ts';
import { aliveRecords, ledgerPath, readRunOwner, runLiveness, runOwnerPath, writeRunOwner, type LedgerLine, type RunOwner } from '../../lib/client/ledger.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { makeContext } from '../../lib/handoff/context.ts';
import { Api } from '../../lib/client/client.ts';
import { sampleValid } from '../../lib/payloads/bodies.ts';
import { startSuite, childEnv, ROOT } from '../harness.ts';

const PROFILE = join(ROOT, 'sandbox', 'profile.json');
const SWEEP = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/sweep.ts'];
const profileJson = JSON.parse(readFileSync(PROFILE, 'utf8')) as { personas: Record<string, { username: string; password: string }> };
const admin = Object.values(profileJson.personas)[0]!;
const basic = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;

/** Marked records on the tenant, per run marker: `marker → "Entity Id"[]`, read through the API as admin. */
async function markedOn(url: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const e of ENTITIES) {
    const res = await fetch(`${url}${resourcePath(e)}?page=1&size=1000`, { headers: { Authorization: basic } });
    for (const r of ((await res.json()) as { Records: Record<string, unknown>[] }).Records) {
      const m = e.markerFields.map((f) => findMarker(r[f])).find(Boolean);
      if (m) out.set(m, [...(out.get(m) ?? []), `${e.name} ${r.Id}`]);
    }
  }
  return out;
}

/** The tenant's own records (no marker), per entity. */
async function unmarkedOn(url: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of ENTITIES) {
    const res = await fetch(`${url}${resourcePath(e)}?page=1&size=1000`, { headers: { Authorization: basic } });
    for (const r of ((await res.json()) as { Records: Record<string, unknown>[] }).Records) if (!e.markerFields.some((f) => findMarker(r[f]))) out.push(`${e.name} ${r.Id}`);
  }
  return out.sort();
}

/** The Ids a sweep printed for one run: `run <marker> (…): Entity 1, 2 · Entity 3` or `run <marker>: n record(s) (Entity 1 · …)`. */
function idsPrinted(line: string): string[] {
  const list = /run nxc-\S+ \([^)]*\): (.*)$/.exec(line)?.[1] ?? /\(([A-Za-z]+ \d[^)]*)\)/.exec(line)?.[1] ?? '';
  return list.split(' · ').flatMap((part) => {
    const m = /^([A-Za-z]+) ([\d, ]+)/.exec(part.trim());
    return m ? m[2]!.split(', ').map((id) => `${m[1]} ${id.trim()}`) : [];
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    // async: the sandbox answers from this very process
    const c = spawn(cmd, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (status) => res({ status, stdout, stderr }));
  });
}

/** A record of another run, made the way a run makes them: marked, and ledgered in `ledgerFile`. */
async function plant(url: string, runId: string, ledgerFile: string, entity = Workspace): Promise<string> {
  const profile = loadProfile(SANDBOX_PROFILE_PATH, url);
  const ctx = makeContext({ baseUrl: url, profile, ledgerPath: ledgerFile, runId });
  const api = new Api(ctx, profile.admin, { kind: 'basic' });
  const refs = { businessId: 1400178699, coworkerId: 1400287242, administratorId: 1400287242 } as Refs;
  const ex = await api.create(entity, sampleValid(endpoint(entity, 'create'), refs, { seed: Date.now() % 1000, marker: markerOf(runId) }));
  expect(ex.status, ex.responseText).toBe(200);
  return `${entity.name} ${(ex.json as { Value: { Id: number } }).Value.Id}`;
}

test.describe('npm run sweep after a run killed with SIGKILL', () => {
  let sb: Sandbox;
  test.beforeAll(async () => (sb = await startSandbox({ port: 0 })));
  test.afterAll(async () => sb?.close());

  test('removes the dead run\'s records whatever their age, keeps and names runs that may still be running, --dry-run lists Ids', async () => {
    test.setTimeout(300_000);
    const outDir = mkdtempSync(join(tmpdir(), 'nxc-crash-'));
    const own = await unmarkedOn(sb.url);
    expect(own.length).toBeGreaterThan(0);
    // two runs that may still be running: one of another machine (a young marker, no local folder), and a local one
    // whose process is alive (this test's own)
    const elsewhere = newRunId(new Date(Date.now() - 5 * 60_000));
    const living = newRunId(new Date(Date.now() - 5 * 60_000));
    const elsewhereIds = [await plant(sb.url, elsewhere, join(mkdtempSync(join(tmpdir(), 'nxc-elsewhere-')), 'ledger.jsonl'))];
    writeRunOwner(outDir, living);
    const livingIds = [await plant(sb.url, living, ledgerPath(outDir, living)), await plant(sb.url, living, ledgerPath(outDir, living))];

    const suite = startSuite({ env: { NEXUDUS_PROFILE: PROFILE, NEXUDUS_BASE_URL: sb.url }, args: ['--workers', '1', '--grep', 'POST|PUT'], outDir });
    let ended: string | undefined;
    void suite.done.then((r) => (ended = `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`));
    // kill the whole process group once the run has created records and is into its checks
    const deadline = Date.now() + 120_000;
    let runId = '';
    for (;;) {
      if (ended !== undefined) throw new Error(`the run ended before it could be killed:\n${ended}`);
      runId = readdirSync(join(outDir, 'run')).find((d) => d !== living && /^\d{8}T\d{6}-[a-z0-9]{4}$/.test(d)) ?? '';
      const counts = runId ? join(outDir, 'run', runId, 'counts.jsonl') : '';
      const done = counts && existsSync(counts) ? readFileSync(counts, 'utf8').split('\n').filter(Boolean).length : 0;
      if (runId && done >= 10 && aliveRecords(ledgerPath(outDir, runId)).length > 0) break;
      if (Date.now() > deadline) throw new Error('the run created too few records to kill it halfway');
      await new Promise((res) => setTimeout(res, 100));
    }
    process.kill(-suite.child.pid!, 'SIGKILL');
    expect((await suite.done).signal).toBe('SIGKILL');

    // the run's folder names the process that owned it: the Playwright runner, on this host
    const owner = readRunOwner(outDir, runId)!;
    expect(owner).toMatchObject({ runId, pid: suite.child.pid, host: hostname() });
    const dead = markerOf(runId);
    const created = new Set(readFileSync(ledgerPath(outDir, runId), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LedgerLine)
      .filter((l) => l.event === 'created').map((l) => `${l.entity} ${l.id}`));
    const left = (await markedOn(sb.url)).get(dead) ?? [];
    expect(left.length, 'a killed run leaves marked records behind').toBeGreaterThan(0);

    const env = childEnv({ NEXUDUS_BASE_URL: sb.url, NEXUDUS_OUT: outDir });
    // --dry-run: every Id it would delete and keep, per entity, and no write
    let before = sb.requestLog.length;
    const dry = await run(process.execPath, [...SWEEP, '--profile', PROFILE, '--dry-run'], env);
    expect(dry.status, dry.stderr).toBe(0);
    const writesOf = (from: number) => sb.requestLog.slice(from).filter((x) => x.method !== 'GET' && x.path !== '/api/token');
    expect(writesOf(before), 'writes sent by a dry run').toEqual([]);
    const dryLines = dry.stdout.split('\n');
    expect(dry.stdout).toMatch(new RegExp(`would delete ${left.length} record\\(s\\):`));
    const wouldDelete = dryLines.find((l) => l.includes(`run ${dead} (`))!;
    expect(wouldDelete, dry.stdout).toMatch(new RegExp(`a local run: its process ${owner.pid} on ${hostname()} is gone`));
    expect(idsPrinted(wouldDelete).sort()).toEqual([...left].sort());
    expect(dry.stdout).toMatch(/would keep 3 record\(s\) of 2 run\(s\) that may still be running:/);
    expect(idsPrinted(dryLines.find((l) => l.includes(`run ${markerOf(elsewhere)}:`))!).sort()).toEqual(elsewhereIds);
    expect(idsPrinted(dryLines.find((l) => l.includes(`run ${markerOf(living)}:`))!).sort()).toEqual([...livingIds].sort());
    expect(dry.stdout).toMatch(/sweep \(dry run\): .*nothing was deleted/);
    expect((await markedOn(sb.url)).get(dead), 'a dry run deletes nothing').toEqual(left);

    // plain npm run sweep, same profile and output folder: the dead run's records go, the others stay and are named
    before = sb.requestLog.length;
    const sweep = await run('npm', ['run', '--silent', 'sweep', '--', '--profile', PROFILE], env);
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(new RegExp(`sweep: found ${left.length} by marker, deleted ${left.length}, kept 3 of 2 run\\(s\\) that may still be running`));
    const after = await markedOn(sb.url);
    expect(after.get(dead), 'marked records of the dead run after the sweep').toBeUndefined();
    expect(after.get(markerOf(elsewhere))).toEqual(elsewhereIds);
    expect([...(after.get(markerOf(living)) ?? [])].sort()).toEqual([...livingIds].sort());
    for (const f of [ledgerPath(outDir, runId)]) expect(aliveRecords(f), `alive in ${f}`).toEqual([]);
    // it deleted only what the dead run created
    const deletes = writesOf(before);
    expect(deletes.length).toBe(left.length);
    for (const d of deletes) for (const id of d.ids) expect([...created].some((c) => c.endsWith(` ${id}`)), `${d.method} ${d.path} ${id}`).toBe(true);

    // the kept runs are named, with why, and the exact command that removes them
    const lines = sweep.stdout.split('\n');
    const keptLine = (m: string) => lines.findIndex((l) => l.includes(`run ${m}:`));
    expect(lines[keptLine(markerOf(elsewhere))]).toMatch(/1 record\(s\) .*younger than 120 min \(\d+ min old\), and no local run folder .* shows its process gone: it may still be running elsewhere/);
    expect(lines[keptLine(markerOf(living))]).toMatch(new RegExp(`2 record\\(s\\) .*younger than 120 min \\(\\d+ min old\\), and its process ${process.pid} on ${hostname()} is still running`));
    for (const [m, id] of [[markerOf(elsewhere), elsewhere], [markerOf(living), living]] as const) {
      const cmd = /to remove them: (.*)$/.exec(lines[keptLine(m) + 1]!)?.[1];
      expect(cmd, sweep.stdout).toBe(`NEXUDUS_BASE_URL=${sb.url} NEXUDUS_OUT=${outDir} npm run sweep -- --profile sandbox/profile.json --run ${id}`);
      const named = await run('sh', ['-c', cmd!], childEnv({}));
      expect(named.status, named.stderr).toBe(0);
      expect((await markedOn(sb.url)).get(m), `records of ${m} after its command`).toBeUndefined();
    }
    expect([...(await markedOn(sb.url)).keys()], 'marked records left on the tenant').toEqual([]);
    // the tenant's own records are untouched
    const stillThere = new Set(await unmarkedOn(sb.url));
    expect(own.filter((r) => !stillThere.has(r)), 'records of the tenant\'s own that are gone').toEqual([]);
  });
});

test('a local run counts as gone only on evidence: its pid is not alive on this host, the pid was reused, the host restarted, or it ended', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'nxc-owner-'));
  const owner = (patch: Partial<RunOwner>) => {
    const runId = newRunId();
    const o = writeRunOwner(outDir, runId);
    writeFileSync(runOwnerPath(outDir, runId), JSON.stringify({ ...o, ...patch }));
    return runLiveness(outDir, runId);
  };
  // a process that has exited, and been reaped
  const exited = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => exited.on('close', r));
  expect(owner({}).state, 'this very process').toBe('running');
  expect(owner({ pid: exited.pid! })).toEqual({ state: 'gone', why: `its process ${exited.pid} on ${hostname()} is gone` });
  expect(owner({ host: 'ci-runner-7' })).toMatchObject({ state: 'elsewhere', why: expect.stringMatching(/^it ran on host ci-runner-7, not on this one/) });
  if (existsSync('/proc/self/stat')) {
    expect(owner({ startTicks: 1 }), 'the pid now belongs to another process').toMatchObject({ state: 'gone', why: expect.stringMatching(/the pid now belongs to another process/) });
    expect(owner({ bootId: 'another-boot' }), 'the host restarted').toMatchObject({ state: 'gone', why: expect.stringMatching(/the host has restarted since/) });
  }
  const noOwner = newRunId();
  mkdirSync(join(outDir, 'run', noOwner), { recursive: true });
  expect(runLiveness(outDir, noOwner).state, 'no owner recorded: may still be running').toBe('unknown');
  writeFileSync(join(outDir, 'run', noOwner, 'summary.json'), '{}');
  expect(runLiveness(outDir, noOwner).state, 'a run that wrote its summary has ended').toBe('gone');
});
