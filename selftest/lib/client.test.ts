/**
 * The client's safety rules, each with a case that must pass and one that must be refused or
 * retried: the ownership guard, throttle retries, GET retries on 5xx, no blind repeat of a write,
 * redaction, pacing.
 */
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { loadProfile, SANDBOX_PROFILE_PATH } from '../../lib/config/profile.ts';
import { makeContext } from '../../lib/handoff/context.ts';
import { Api, markerValue, withUniqueMarker, type ClientContext } from '../../lib/client/client.ts';
import { GuardError } from '../../lib/config/errors.ts';
import { CoworkerTask, Workspace } from '../../api/catalogue/entities.ts';
import { endpoint } from '../../api/catalogue/endpoints.ts';
import { sampleValid } from '../../lib/payloads/bodies.ts';
import { markerOf, newRunId } from '../../lib/client/marker.ts';
import { redact, addSecret, addBasicSecret, REDACTED } from '../../lib/config/redact.ts';
import { Limiter, throttleDelaySeconds, DOCUMENTED_LIMITS } from '../../lib/client/limiter.ts';
import type { Refs } from '../../api/catalogue/fields.ts';

const ledger = () => join(mkdtempSync(join(tmpdir(), 'nxc-ledger-')), 'run.jsonl');

function adminOn(url: string): { api: Api; ctx: ClientContext } {
  const profile = loadProfile(SANDBOX_PROFILE_PATH, url);
  const ctx = makeContext({ baseUrl: url, profile, ledgerPath: ledger(), runId: newRunId() });
  return { api: new Api(ctx, profile.admin, { kind: 'basic' }), ctx };
}

test.describe('against the sandbox', () => {
  let sb: Sandbox;
  test.beforeAll(async () => (sb = await startSandbox({ port: 0 })));
  test.afterAll(async () => sb?.close());

  test('refuses PUT, DELETE and runcommand on a record the run did not create, and sends nothing', async () => {
    const { api } = adminOn(sb.url);
    const list = await api.list(CoworkerTask, { page: 1, size: 1 });
    const foreign = (list.json as { Records: { Id: number }[] }).Records[0].Id;
    const before = sb.requestLog.length;
    await expect(api.update(CoworkerTask, { Id: foreign, Name: 'x' })).rejects.toThrow(GuardError);
    await expect(api.remove(CoworkerTask, foreign)).rejects.toThrow(GuardError);
    await expect(api.send('DELETE', `/api/crm/coworkertasks/${foreign}`, { entity: CoworkerTask })).rejects.toThrow(/did not create/);
    expect(sb.requestLog.slice(before).filter((x) => x.method !== 'GET')).toEqual([]);
  });

  test('allows PUT and DELETE on a record the run created', async () => {
    const { api } = adminOn(sb.url);
    const refs = { businessId: 1400178699, coworkerId: 1400287242, administratorId: 1400287242 } as Refs;
    const ep = endpoint('Workspace', 'create');
    const created = await api.create(Workspace, sampleValid(ep, refs, { seed: 1, marker: markerOf(newRunId()) }));
    const id = (created.json as { Value: { Id: number } }).Value.Id;
    const put = await api.update(Workspace, sampleValid(endpoint('Workspace', 'update'), refs, { seed: 2, id, marker: 'nxc-20260101T000000-abcd' }));
    expect(put.status).toBe(200);
    expect((await api.remove(Workspace, id)).status).toBe(200);
  });
});

test('throttle answers are waited out and retried, in both forms', async () => {
  for (const status of [409, 429] as const) {
    const sb = await startSandbox({ port: 0, throttle: { status, every: 2, retryAfterSeconds: 0 } });
    try {
      const { api, ctx } = adminOn(sb.url);
      for (let i = 0; i < 6; i++) expect((await api.list(Workspace, { size: 1 })).status).toBe(200);
      expect(ctx.counts.throttles, `${status} throttles seen`).toBeGreaterThan(0);
      expect(ctx.counts.retries).toBe(ctx.counts.throttles);
    } finally {
      await sb.close();
    }
  }
});

test.describe('against a flaky fake tenant', () => {
  let server: Server;
  let url = '';
  const seen: string[] = [];
  const stored: Record<string, unknown>[] = [];
  let getFailures = 0;
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}`);
        if (req.method === 'GET' && req.url?.startsWith('/api/crm/coworkertasks?') && req.url.includes('CoworkerTask_Notes')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ Records: stored }));
        }
        if (req.method === 'GET' && getFailures-- > 0) {
          res.writeHead(503);
          return res.end('busy');
        }
        if (req.method === 'POST') {
          // the write happens, but the answer is a 500: the client must not send it again
          stored.push({ ...JSON.parse(body), Id: 4242 });
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end('{"Message":"An error has occurred."}');
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Records":[]}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => server.close());

  test('a GET that got a 5xx is retried with backoff', async () => {
    const { api, ctx } = adminOn(url);
    getFailures = 2;
    const ex = await api.send('GET', '/api/crm/coworkertasks', { auth: { kind: 'none' } });
    expect(ex.status).toBe(200);
    expect(ex.attempts).toBe(3);
    expect(ctx.counts.retries).toBe(2);
  });

  test('a POST that got a 5xx is not repeated; the record is found by its marker and ledgered', async () => {
    const { api, ctx } = adminOn(url);
    seen.length = 0;
    const body = { Name: 'x', Notes: `${markerOf(newRunId())} note`, BusinessId: 1, CoworkerId: 2, ResponsibleId: 3 };
    const ex = await api.send('POST', '/api/crm/coworkertasks', { json: body, entity: CoworkerTask, auth: { kind: 'none' } });
    expect(ex.status).toBe(500);
    expect(seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
    expect(ex.recoveredId).toBe(4242);
    expect(ctx.ledger.isOwn('CoworkerTask', 4242)).toBe(true);
  });
});

test('redaction covers every spelling of a secret and the token fields', () => {
  addBasicSecret('someone@example.com', 'p@ss w0rd&=!');
  addSecret('tok_ABCDEFGHIJ0123456789');
  const text = [
    'password=p%40ss+w0rd%26%3D!&grant_type=password',
    `Authorization: Basic ${Buffer.from('someone@example.com:p@ss w0rd&=!').toString('base64')}`,
    '{"access_token":"tok_ABCDEFGHIJ0123456789","refresh_token":"other-refresh-value"}',
    'the raw one: p@ss w0rd&=!',
    'Authorization: Bearer tok_ABCDEFGHIJ0123456789',
  ].join('\n');
  const out = redact(text);
  for (const s of ['p@ss w0rd&=!', 'p%40ss+w0rd%26%3D!', 'tok_ABCDEFGHIJ0123456789', 'other-refresh-value', Buffer.from('someone@example.com:p@ss w0rd&=!').toString('base64')]) {
    expect(out).not.toContain(s);
  }
  expect(out).toContain(REDACTED);
  expect(redact('nothing secret here')).toBe('nothing secret here');
});

test('pacing: the documented limits space requests out, writes more than reads', () => {
  const l = new Limiter(DOCUMENTED_LIMITS);
  const t0 = 1_000_000;
  expect(l.delayFor(false, t0)).toBe(0);
  // fill the minute's writes: 60 at 1 s apart
  const internal = l as unknown as { windows: { times: number[]; writesOnly: boolean; ms: number }[] };
  for (let i = 0; i < 60; i++) for (const w of internal.windows) if (w.writesOnly || w.ms !== 100) w.times.push(t0 + i * 1000);
  const now = t0 + 59_500;
  // the first write's minute has passed at t0 + 60 s; its slot frees 1 s later (the margin for network jitter)
  expect(l.delayFor(true, now)).toBe(t0 + 61_000 - now);
  expect(l.delayFor(false, now)).toBe(0);
});

test('throttle answers are told apart from other 409s', () => {
  expect(throttleDelaySeconds(409, { 'retry-after': '2' }, '')).toBe(2);
  expect(throttleDelaySeconds(429, {}, 'Too many requests. Wait 1.5 seconds')).toBe(1.5);
  expect(throttleDelaySeconds(409, {}, 'You must wait before accessing this url again.')).toBe(1);
  expect(throttleDelaySeconds(409, {}, '{"Message":"Accepted proposals cannot be changed"}')).toBeUndefined();
  expect(throttleDelaySeconds(400, { 'retry-after': '2' }, '')).toBeUndefined();
});

test('a POST whose effect is looked up by marker carries a marker value of its own (same generated body twice → two values)', () => {
  const marker = markerOf(newRunId());
  const refs = { businessId: 1, coworkerId: 2, responsibleId: 3, inventoryAssetId: 4, countryId: 5, simpleTimeZoneId: 6, administratorId: 7 };
  const body = sampleValid(endpoint(CoworkerTask, 'create'), refs, { seed: 0, marker });
  const [a, b] = [withUniqueMarker(CoworkerTask, body), withUniqueMarker(CoworkerTask, body)];
  const [ma, mb] = [markerValue(CoworkerTask, a), markerValue(CoworkerTask, b)];
  expect(ma?.value.startsWith(markerValue(CoworkerTask, body)!.value)).toBe(true);
  expect(ma?.value).not.toBe(mb?.value);
  expect(ma?.field).toBe(mb?.field);
  expect(markerValue(CoworkerTask, body)!.value, 'the generated body is left as it was').not.toBe(ma?.value);
});
