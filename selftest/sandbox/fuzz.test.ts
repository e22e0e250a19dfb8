/**
 * Random requests never get a 5xx and never stop the server: random methods, paths under /api,
 * Authorization and Content-Type headers, and bodies from valid-ish records to garbage. Loopback only,
 * bounded in count and time.
 */
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { ENTITIES, resourcePath } from '../../api/catalogue/entities.ts';
import { Client, persona, basic, validBody } from './helpers.ts';

const RUNS = Number(process.env.SANDBOX_FUZZ_RUNS ?? 2500);

test('fuzz: no 5xx on random requests, and the server still answers', async () => {
  test.setTimeout(60_000);
  const c = await Client.start();
  try {
    const refs = await c.refs();
    const token = await c.token('admin');
    const readerToken = await c.token('reader');
    const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
    const paths = ENTITIES.flatMap((e) => [resourcePath(e), `${resourcePath(e)}/${refs.coworkerId}`, `${resourcePath(e)}/runcommand`, `${resourcePath(e)}/`])
      .concat(['/api/token', '/api/sys/users', '/api/sys/businesses', '/api/spaces/inventoryassets', '/api/openapi.json', '/api', '/']);
    const path = fc.oneof(
      fc.constantFrom(...paths),
      fc.tuple(fc.constantFrom(...paths), fc.string({ maxLength: 12 })).map(([p, s]) => `${p}/${encodeURIComponent(s)}`),
      fc.tuple(fc.constantFrom(...paths), fc.array(fc.tuple(fc.constantFrom('page', 'size', 'dir', 'orderBy', 'id', 'CoworkerTask_Coworker',
        'from_CoworkerTask_DueDate', 'to_Coworker_CreatedOn', 'Workspace_Members', 'User_Email', 'Coworker_Coworker_FullName'), fc.string({ maxLength: 10 })), { maxLength: 4 }))
        .map(([p, q]) => `${p}?${new URLSearchParams(q)}`),
    );
    const authorization = fc.oneof(
      fc.constant(undefined), fc.constant(`Bearer ${token}`), fc.constant(`Bearer ${readerToken}`),
      fc.constant(basic(persona('admin').username, persona('admin').password)),
      fc.string({ maxLength: 40 }).map(printable), fc.string({ maxLength: 30 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.string({ maxLength: 30 }).map((s) => `Bearer ${printable(s)}`),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain',
      'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', ';;;', 'application/json; charset=bogus');
    const validish = fc.constantFrom(...ENTITIES).chain((e) => fc.record({
      base: fc.constant(validBody(e, refs)),
      drop: fc.array(fc.constantFrom(...Object.keys(e.fields)), { maxLength: 3 }),
      set: fc.dictionary(fc.constantFrom('Id', ...Object.keys(e.fields)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    }).map(({ base, drop, set }) => {
      const b: Record<string, unknown> = { ...base, ...set };
      for (const d of drop) delete b[d];
      return JSON.stringify(b);
    }));
    const body = fc.oneof(
      validish,
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)),
      fc.integer({ min: 60, max: 5000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
      fc.constant('grant_type=password&username=x&password=y'),
      fc.constant(JSON.stringify({ Key: 'COWORKER_DELETE', Ids: [refs.coworkerId + 1], Parameters: [] })),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      path, authorization, contentType, body,
      extra: fc.constantFrom<Record<string, string>>({}, { client_id: 'fuzz' }, { accept: 'text/html' }),
    });

    let bad: string | undefined;
    let runs = 0;
    await fc.assert(fc.asyncProperty(request, async (r) => {
      runs++;
      const headers: Record<string, string> = { ...r.extra };
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      const withBody = r.method !== 'GET' && r.method !== 'HEAD';
      const res = await c.call(r.method, r.path, { headers, body: withBody ? r.body : undefined });
      if (res.status >= 500) bad = `${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 200)}`;
      return res.status < 500;
    }), { numRuns: RUNS, interruptAfterTimeLimit: 35_000, markInterruptAsFailure: false, endOnFailure: true });
    expect(bad).toBeUndefined();
    expect(runs).toBeGreaterThan(Math.min(RUNS, 500));
    expect((await c.call('GET', '/api/crm/coworkertasks', { as: 'admin' })).status).toBe(200);
  } finally {
    await c.close();
  }
});
