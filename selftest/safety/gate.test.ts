/**
 * A gate that says what it checked, before and after the run:
 *  - `--require-baselines` with baselines missing is a configuration problem known before the first request: one
 *    message naming the folder and the fix, exit 2, and the tenant's own request log stays empty (preflight
 *    included); `--dry-run` says it too; the repository's own baselines pass the gate (its paths are the specs');
 *  - the expired-token checks follow the tenant's token lifetime, not the profile's: the sandbox as `npm run
 *    sandbox` starts it (tokens of 604799 s) with sandbox/profile.json (which says 4 s) skips them with the reason,
 *    names the contradiction in one line, and no check waits for a test timeout, in explore (`--grep @authz`) and
 *    cover mode alike;
 *  - NEXUDUS_ASSUME_LIVE is in `--help` and in the run's header.
 */
import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { childEnv, ROOT } from '../harness.ts';
import type { RunVerdicts } from '../../reporters/verdicts.ts';

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `nxc-${name}-`));

function conformance(args: string[], env: Record<string, string>): { code: number | null; out: string; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'conformance.ts'), '--no-report', ...args], {
    cwd: ROOT, encoding: 'utf8', env: childEnv({ FORCE_COLOR: '0', FC_NUM_RUNS: '2', ...env }), maxBuffer: 64 * 2 ** 20,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout, stderr: r.stderr };
}

/** Same as conformance(), without blocking this process (a sandbox it started must keep answering). */
function conformanceAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [TSX, join(ROOT, 'scripts', 'conformance.ts'), '--no-report', ...args], { cwd: ROOT, env: childEnv({ FORCE_COLOR: '0', FC_NUM_RUNS: '2', ...env }) });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('close', (code) => res({ code, out }));
  });
}

const verdictLine = (out: string) => out.split('\n').find((l) => l.startsWith('exit ')) ?? '';

test('--require-baselines with no baselines: one message naming the folder and the fix, exit 2, not one request to the tenant', async () => {
  test.setTimeout(120_000);
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 3600 });
  try {
    const { $schema: _s, ...p } = JSON.parse(readFileSync(join(ROOT, 'sandbox', 'profile.json'), 'utf8')) as Record<string, unknown>;
    const profile = join(tmp('profile'), 'tenant.json');
    writeFileSync(profile, JSON.stringify({ ...p, name: 'gated', baseUrl: sb.url, tokenLifetimeSeconds: 3600 }));
    const baselines = tmp('baselines');
    for (const dry of [false, true]) {
      const r = conformanceAsync(['--require-baselines', ...(dry ? ['--dry-run'] : [])], { NEXUDUS_PROFILE: profile, NEXUDUS_BASELINES: baselines, NEXUDUS_OUT: tmp('gate') });
      const { code, out } = await r;
      expect(code, out).toBe(2);
      expect(out.match(/nexudus-conformance: /g)?.length, out).toBe(1);
      expect(out).toMatch(/--require-baselines is set, but (\d+) of the \1 silent-point probes this run makes have no baseline for tenant gated/);
      expect(out).toContain(join(baselines, 'gated'));
      expect(out).toMatch(/Fix: record them with one run without --require-baselines/);
      // the plan was printed (a dry run says it too), and no check ran
      expect(out).toMatch(/plan: \d+ checks/);
      expect(out).not.toMatch(/\d+ passed/);
      expect(sb.requestLog, `requests the tenant saw${dry ? ' (--dry-run)' : ''}`).toEqual([]);
    }
  } finally {
    await sb.close();
  }
});

test('the repository\'s own baselines pass the gate: its paths are the ones the checks write', () => {
  test.setTimeout(120_000);
  const r = conformance(['--require-baselines', '--dry-run'], { NEXUDUS_BASELINES: join(ROOT, 'baselines'), NEXUDUS_OUT: tmp('gate-ok') });
  expect(r.code, r.out).toBe(0);
  expect(r.out).toContain('dry run: nothing was sent');
});

test('the expired-token checks follow the tenant\'s token lifetime: `npm run sandbox` with sandbox/profile.json, explore and cover, exit 0', async () => {
  test.setTimeout(360_000);
  // the standalone sandbox, as `npm run sandbox -- --port 0` starts it (its documented 604799 s tokens)
  // (not started by npm here: without npm's variable it watches its direct parent, this test's worker)
  const sandboxEnv = childEnv({});
  delete sandboxEnv.npm_lifecycle_event;
  const sandbox: ChildProcess = spawn(process.execPath, [TSX, join(ROOT, 'sandbox', 'cli.ts'), '--port', '0'], { cwd: ROOT, env: sandboxEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      sandbox.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) res(m[1]!);
      });
      sandbox.on('close', (code) => rej(new Error(`the sandbox exited ${code}: ${out}`)));
    });
    const env = { NEXUDUS_PROFILE: join(ROOT, 'sandbox', 'profile.json'), NEXUDUS_BASE_URL: url, NEXUDUS_BASELINES: tmp('baselines') };
    for (const args of [['--grep', '@authz'], ['--mode', 'cover']]) {
      const out = tmp('lifetime');
      const r = await conformanceAsync(args, { ...env, NEXUDUS_OUT: out });
      expect(r.code, r.out.slice(-4000)).toBe(0);
      // the contradiction, named once
      const named = r.out.split('\n').filter((l) => /profile sandbox says tokenLifetimeSeconds 4, the tenant's tokens live 604799 s/.test(l));
      expect(named.length, r.out.slice(0, 3000)).toBe(1);
      expect(verdictLine(r.out)).toMatch(/^exit 0: partly checked: no finding on \d+ of \d+ contract checks; (\d+) not run \(\1 authentication: token lifetime\)/);
      const verdicts = (JSON.parse(readFileSync(join(out, 'verdicts.json'), 'utf8')) as RunVerdicts).verdicts;
      const expiry = verdicts.filter((v) => v.title.includes('expired bearer token'));
      expect(expiry.length, `expired-token checks of ${args.join(' ')}`).toBeGreaterThan(0);
      for (const v of expiry) {
        expect(v.verdict).toBe('skipped');
        expect(v.skipReason).toMatch(/^token lifetime: the tenant's tokens live 604799 s \(expires_in\)/);
      }
      // no check waited for a test timeout
      expect(verdicts.filter((v) => v.durationMs > 30_000).map((v) => v.title)).toEqual([]);
      expect(verdicts.filter((v) => v.verdict === 'failed').map((v) => `${v.title}: ${v.message}`)).toEqual([]);
    }
  } finally {
    sandbox.kill('SIGTERM');
  }
});

test('NEXUDUS_ASSUME_LIVE is in --help and in the header of a run that sets it', () => {
  test.setTimeout(180_000);
  const help = conformance(['--help'], {});
  expect(help.code).toBe(0);
  expect(help.out.slice(0, help.out.indexOf('Playwright\'s own options'))).toMatch(/NEXUDUS_ASSUME_LIVE=1 +treat a loopback target as a live tenant/);
  expect(help.out).toContain('--fail-on-unchecked');
  const live = conformance(['--dry-run'], { NEXUDUS_ASSUME_LIVE: '1', NEXUDUS_OUT: tmp('assume-live') });
  expect(live.code, live.out).toBe(0);
  expect(live.out.split('\n').find((l) => l.startsWith('nexudus-conformance · '))).toContain('NEXUDUS_ASSUME_LIVE=1');
  const plain = conformance(['--dry-run'], { NEXUDUS_OUT: tmp('not-live') });
  expect(plain.out).not.toContain('NEXUDUS_ASSUME_LIVE');
});
