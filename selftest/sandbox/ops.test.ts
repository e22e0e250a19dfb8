/** Throttling emulation (nexudus-api.md §5), the request log, and the CLI. */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoworkerTask } from '../../api/catalogue/entities.ts';
import { Client, PROFILE, persona, validBody } from './helpers.ts';

const T = '/api/crm/coworkertasks';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test.describe('throttling', () => {
  test('off by default: a burst of requests is served', async () => {
    const c = await Client.start();
    try {
      const statuses = await Promise.all([...Array(30)].map(() => c.call('GET', T, { as: 'admin' }).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally { await c.close(); }
  });

  test('409 form, every 3rd request: Retry-After and the documented text; no side effect; the retry succeeds', async () => {
    const d = await Client.start({ throttle: { status: 409, every: 3 } });
    try {
      const tok = await d.tokenRequest({ grant_type: 'password', username: persona('admin').username, password: persona('admin').password }); // 1
      const h = { token: tok.json.access_token as string };
      expect((await d.call('GET', '/api/sys/businesses', h)).status).toBe(200); // 2
      const biz = (await d.call('GET', '/api/sys/businesses', h)); // 3: throttled
      expect(biz.status).toBe(409);
      expect(biz.headers.get('retry-after')).toBe('1');
      expect(biz.text).toBe('You must wait before accessing this url again.');
      const before = (await d.call('GET', T, h)).json.TotalItems; // 4
      const post = await d.call('POST', T, { ...h, json: {} }); // 5
      expect(post.status).toBe(400);
      const throttled = await d.call('POST', T, { ...h, json: { Name: 'x' } }); // 6: throttled, nothing runs
      expect(throttled.status).toBe(409);
      expect((await d.call('GET', T, h)).json.TotalItems).toBe(before); // 7
    } finally { await d.close(); }
  });

  test('429 form: body says "Wait <N> seconds"; retryAfterSeconds is honoured (fractions and 0 allowed)', async () => {
    const c = await Client.start({ throttle: { status: 429, every: 2, retryAfterSeconds: 0.5 } });
    try {
      expect((await c.call('GET', '/api/sys/businesses')).status).toBe(401); // 1
      const r = await c.call('GET', '/api/sys/businesses'); // 2
      expect(r.status).toBe(429);
      expect(r.text).toMatch(/Wait 0\.5 seconds/);
      expect((await c.call('GET', '/api/sys/businesses')).status).toBe(401); // 3: the retry gets through
    } finally { await c.close(); }
    const z = await Client.start({ throttle: { status: 409, every: 1, retryAfterSeconds: 0 } });
    try {
      const r = await z.call('GET', T);
      expect(r.status).toBe(409);
      expect(r.headers.get('retry-after')).toBe('0');
    } finally { await z.close(); }
  });

  test('documented limits without `every`: 1 request per 100 ms, then a fractional wait; overridable', async () => {
    const c = await Client.start({ throttle: { status: 429 } });
    try {
      expect((await c.call('GET', T)).status).toBe(401);
      const r = await c.call('GET', T);
      expect(r.status).toBe(429);
      const wait = Number(/Wait ([\d.]+) seconds/.exec(r.text)![1]);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(0.1);
      await new Promise((res) => setTimeout(res, wait * 1000 + 20));
      expect((await c.call('GET', T)).status).toBe(401);
    } finally { await c.close(); }
    const m = await Client.start({ throttle: { status: 409, limits: { requestsPer100ms: 1000, requestsPerMinute: 3 } } });
    try {
      for (let i = 0; i < 3; i++) expect((await m.call('GET', T)).status).toBe(401);
      const r = await m.call('GET', T);
      expect(r.status).toBe(409);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(50);
    } finally { await m.close(); }
  });
});

test('request log: one entry per request with user, status and touched Ids, in memory and in the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-log-'));
  const file = join(dir, 'requests.jsonl');
  const c = await Client.start({ requestLogPath: file });
  try {
    const refs = await c.refs();
    await Promise.all([c.token('reader'), c.token('nobody')]);
    const id = await c.create(CoworkerTask, refs);
    await c.call('PUT', T, { as: 'admin', json: { Id: id, ...validBody(CoworkerTask, refs) } });
    await c.call('GET', `${T}/${id}`, { as: 'reader' });
    await c.call('DELETE', `${T}/${id}`, { as: 'nobody' });
    await c.call('DELETE', `${T}/${id}`, { as: 'admin' });
    await c.call('GET', T);
    const log = c.sb.requestLog;
    const tail = log.slice(-6).map(({ method, path, user, status, ids }) => ({ method, path, user, status, ids }));
    expect(tail).toEqual([
      { method: 'POST', path: T, user: 'admin@sandbox.nexudus.test', status: 200, ids: [id] },
      { method: 'PUT', path: T, user: 'admin@sandbox.nexudus.test', status: 200, ids: [id] },
      { method: 'GET', path: `${T}/${id}`, user: 'reader@sandbox.nexudus.test', status: 200, ids: [id] },
      { method: 'DELETE', path: `${T}/${id}`, user: 'nobody@sandbox.nexudus.test', status: 401, ids: [] },
      { method: 'DELETE', path: `${T}/${id}`, user: 'admin@sandbox.nexudus.test', status: 200, ids: [id] },
      { method: 'GET', path: T, user: null, status: 401, ids: [] },
    ]);
    expect(log[0]).toMatchObject({ method: 'POST', path: '/api/token', status: 200, user: 'admin@sandbox.nexudus.test' });
    expect(Date.parse(log[0].time)).not.toBeNaN();
    const text = readFileSync(file, 'utf8');
    expect(text.trim().split('\n').map((l) => JSON.parse(l))).toEqual(log);
    for (const p of Object.values(PROFILE.personas)) expect(text).not.toContain(p.password);
  } finally { await c.close(); }
});

test.describe('CLI', () => {
  test.describe.configure({ timeout: 120_000 });
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

  test('prints the listening line, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['sandbox/cli.ts', '--port', '0', '--throttle', '429', '--throttle-every', '1000', '--fault', 'date-shift', '--fault=put-merges,errors-missing',
      '--vary', 'whole-second-dates,extra-fields', '--vary', 'throttle-429'], { cwd: ROOT });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d; if (out.includes('\n')) resolve(out); });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 60_000); // tsx start-up on a busy 2-core machine
      });
      const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThan(0);
      expect((await fetch(`${m![1]}/api/openapi.json`)).status).toBe(200);
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('bad flags and unknown fault or variation names → one line naming the flag (and the name), exit 2', async () => {
    const cases = [['--bogus'], ['--port', 'x'], ['--fault', 'nope'], ['--fault', 'date-shift,nope'], ['--vary', 'nope'],
      ['--fault', 'required-not-enforced:Coworker.PUT.Bogus'], ['--vary', 'throttle-409', '--throttle', '429'], ['--throttle-every', '3']];
    await Promise.all(cases.map(async (args) => {
      const child = spawn(tsx, ['sandbox/cli.ts', ...args], { cwd: ROOT });
      let err = '';
      let out = '';
      child.stderr.on('data', (d: Buffer) => { err += d; });
      child.stdout.on('data', (d: Buffer) => { out += d; });
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      expect(code, args.join(' ')).toBe(2);
      expect(out).toBe('');
      const lines = err.split('\n').filter((l) => l.trim());
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toContain(args[0]);
      if (args[1] === 'nope') expect(lines[0]).toContain('"nope"; the list is in sandbox/README.md');
      if (args[1]?.includes('Bogus')) expect(lines[0]).toContain('valid fields: FullName, Email, CountryId, SimpleTimeZoneId');
    }));
  });

  test('--help explains every flag and exits 0', async () => {
    const child = spawn(tsx, ['sandbox/cli.ts', '--help'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    for (const flag of ['--port', '--host', '--token-lifetime', '--throttle', '--throttle-every', '--retry-after', '--log', '--fault', '--vary']) expect(out).toContain(flag);
  });

  test('a token of the standalone sandbox lives as long as documented (604799 s), so a client refreshing minutes ahead does not refresh on every call', async () => {
    const child = spawn(tsx, ['sandbox/cli.ts', '--port', '0'], { cwd: ROOT });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d; const m = /listening on (\S+)/.exec(out); if (m) resolve(m[1]); });
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 60_000); // tsx start-up on a busy 2-core machine
      });
      const admin = PROFILE.personas.admin;
      const res = await fetch(`${url}/api/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: admin.username, password: admin.password }) });
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(604_799);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('killing `npm run sandbox` stops the server too (npm does not pass SIGTERM on)', async () => {
    const npm = spawn('npm', ['run', 'sandbox', '--', '--port', '0'], { cwd: ROOT, detached: true });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        npm.stdout!.on('data', (d: Buffer) => { out += d; const m = /listening on (\S+)/.exec(out); if (m) resolve(m[1]); });
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 60_000); // tsx start-up on a busy 2-core machine
      });
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      process.kill(npm.pid!, 'SIGTERM'); // npm alone, as a terminal's close or a CI step's cancel does
      const deadline = Date.now() + 10_000;
      let up = true;
      while (up && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        up = await fetch(`${url}/api/openapi.json`).then(() => true, () => false);
      }
      expect(up, 'the sandbox still answers after npm was killed').toBe(false);
    } finally {
      try { process.kill(-npm.pid!, 'SIGKILL'); } catch { /* gone */ }
    }
  });
});
