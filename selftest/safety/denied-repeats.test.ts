/**
 * A 401 is "repeated after a lapsed token" only when the client renewed the token, sent the request again, and the
 * renewed token got through. An expected denial (a persona lacking a role) that happens to be repeated once with a
 * renewed token is counted as a denial, and bad credentials (none, garbage, a wrong password) are never repeated.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { makeContext } from '../../lib/handoff/context.ts';
import { Api, type ClientContext } from '../../lib/client/client.ts';
import { newRunId } from '../../lib/client/marker.ts';
import { Workspace } from '../../api/catalogue/entities.ts';
import type { CountLine } from '../../lib/run/teardown.ts';
import { runSuite, runSummary, failedTitles, errorsOf } from '../harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function contextOn(url: string): { ctx: ClientContext; as: (persona: string, auth?: ConstructorParameters<typeof Api>[2]) => Api } {
  const profile = loadProfile(SANDBOX_PROFILE_PATH, url);
  const ctx = makeContext({ baseUrl: url, profile, ledgerPath: join(mkdtempSync(join(tmpdir(), 'nxc-denied-')), 'run.jsonl'), runId: newRunId() });
  return { ctx, as: (name, auth) => new Api(ctx, profile.personas.find((p) => p.name === name)!, auth ?? { kind: 'bearer' }) };
}

test('a denial answered 401 again after a token renewal is counted as a denial, not as a lapsed token', async () => {
  // 2 s tokens: used until 1.6 s, renewed after a 401 once older than 1 s
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 2 });
  try {
    const { ctx, as } = contextOn(sb.url);
    const nobody = as('nobody');
    // a young token: the 401 cannot be a lapse, so nothing is repeated
    expect((await nobody.list(Workspace, { page: 1, size: 1 })).status).toBe(401);
    expect(ctx.counts.retries).toBe(0);
    // a token old enough to have lapsed: renewed and repeated once; the repeat is denied too
    await sleep(1200);
    const ex = await nobody.list(Workspace, { page: 1, size: 1 });
    expect(ex.status).toBe(401);
    expect(ex.attempts).toBe(2);
    expect(ctx.counts.renewals).toBe(1);
    expect(ctx.counts.repeats.reads).toBe(1);
    expect(ctx.counts.retriesBy).toEqual({ throttle: 0, token: 0, server: 0, denied: 1 });
  } finally {
    await sb.close();
  }
});

test('a token that lapsed early is renewed, the request repeated and counted as repeated after a lapsed token', async () => {
  // the sandbox's tokens lapse after 0.5 s but announce expires_in 1: the client still uses one at 0.6 s
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 0.5 });
  try {
    const { ctx, as } = contextOn(sb.url);
    const admin = as('admin');
    expect((await admin.list(Workspace, { page: 1, size: 1 })).status).toBe(200);
    await sleep(600);
    const ex = await admin.list(Workspace, { page: 1, size: 1 });
    expect(ex.status).toBe(200);
    expect(ex.attempts).toBe(2);
    expect(ctx.counts.retriesBy).toEqual({ throttle: 0, token: 1, server: 0, denied: 0 });
  } finally {
    await sb.close();
  }
});

test('bad credentials are denied once and never repeated: no credentials, a garbage bearer token, a wrong password', async () => {
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 2 });
  try {
    const { ctx, as } = contextOn(sb.url);
    await sleep(1200);
    for (const auth of [{ kind: 'none' }, { kind: 'raw', header: 'Bearer not-a-token' }, { kind: 'basic', password: 'wrong' }] as const) {
      const ex = await as('admin', auth).list(Workspace, { page: 1, size: 1 });
      expect(ex.status, auth.kind).toBe(401);
      expect(ex.attempts, auth.kind).toBe(1);
    }
    expect(ctx.counts.retries).toBe(0);
    expect(ctx.counts.tokens).toBe(0);
  } finally {
    await sb.close();
  }
});

test('a suite run whose denials meet aged tokens: the summary names them as denials, never as lapsed tokens, and adds up', async () => {
  test.setTimeout(300_000);
  // 2 s tokens and 10 requests a second: the denial checks meet tokens of every age
  const sb = await startSandbox({ port: 0, tokenLifetimeSeconds: 2 });
  try {
    const { $schema: _s, ...p } = JSON.parse(readFileSync(SANDBOX_PROFILE_PATH, 'utf8')) as Record<string, unknown>;
    const file = join(mkdtempSync(join(tmpdir(), 'nxc-denied-')), 'slow.json');
    writeFileSync(file, JSON.stringify({ ...p, name: 'slow', baseUrl: sb.url, tokenLifetimeSeconds: 2, limits: { requestsPer100ms: 1 } }));
    const r = await runSuite({ env: { NEXUDUS_PROFILE: file }, args: ['--workers', '1', '--grep', '(Workspace|CoworkerTask) [A-Za-z ]+ as (nobody|creator) \\(lacks'] });
    expect(failedTitles(r), errorsOf(r).join('\n').slice(0, 2000)).toEqual([]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const sum = runSummary(r)!;
    expect(sum.retriesBy.denied, 'denials repeated once with a renewed token').toBeGreaterThan(0);
    expect(sum.retriesBy.token, 'repeats after a lapsed token').toBe(0);
    expect(r.stdout).toMatch(/\d+ denied requests repeated once with a renewed token \(a denial's 401, not a lapsed token\)/);
    expect(r.stdout).not.toMatch(/repeated after a 401 with a lapsed token/);
    expect(sum.run.unexplained).toEqual({ reads: 0, writes: 0, tokens: 0 });
    // per check: every denial check's repeats are denials
    const runDir = join(r.outDir, 'run', sum.runId);
    const lines = readFileSync(join(runDir, 'counts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CountLine);
    expect(lines.filter((l) => l.sent.retriesBy.token > 0).map((l) => l.title)).toEqual([]);
  } finally {
    await sb.close();
  }
});

