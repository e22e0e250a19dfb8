/**
 * Variations: each changes what it says (its probe answers differently than on the clean sandbox), and
 * the documented parts of every answer stay intact: statuses, and envelopes and records that validate
 * with the project's schemas (a correct suite must not alarm on any of them).
 */
import { test, expect } from '@playwright/test';
import { ENTITIES, CoworkerTask, resourcePath } from '../../api/catalogue/entities.ts';
import { slug } from '../../api/catalogue/endpoints.ts';
import type { RefName } from '../../api/catalogue/fields.ts';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import { VARIATIONS, VARIATION_NAMES, startSandbox, variationProblem, type VariationName } from '../../sandbox/index.ts';
import { Client, persona, basic, validBody } from './helpers.ts';

const T = '/api/crm/coworkertasks';
const ADMIN = basic(persona('admin').username, persona('admin').password);

const expectSchema = (id: string, data: unknown) => {
  const r = validate(id, data);
  expect(r.valid, `${id}\n${describeErrors(r.errors)}`).toBe(true);
};

/** The documented answers, one of each kind, checked for status and schema. */
async function tour(c: Client): Promise<void> {
  const refs = await c.refs();
  const p = persona('admin');
  const tok = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
  expect(tok.status).toBe(200);
  expectSchema('token.response.json', tok.json);
  for (const e of ENTITIES) {
    const path = resourcePath(e);
    const post = await c.call('POST', path, { as: 'admin', json: validBody(e, refs) });
    expect(post.status, `POST ${e.name}`).toBe(200);
    expectSchema('envelope.mutation.json', post.json);
    expect(post.json).toMatchObject({ Status: 200, Message: `${e.name} was successfully created.`, Errors: null, WasSuccessful: true });
    const id = post.json.Value.Id as number;
    const one = await c.call('GET', `${path}/${id}`, { as: 'admin' });
    expect(one.status).toBe(200);
    expectSchema(`${slug(e)}.record.json`, one.json);
    expectSchema(`${slug(e)}.batch.json`, (await c.call('GET', `${path}?id=[${id}]`, { as: 'admin' })).json);
    expectSchema(`${slug(e)}.list.json`, (await c.call('GET', path, { as: 'admin' })).json);
    const put = await c.call('PUT', path, { as: 'admin', json: { Id: id, ...validBody(e, refs) } });
    expect(put.status, `PUT ${e.name}`).toBe(200);
    expectSchema('envelope.mutation.json', put.json);
    expect(put.json).toMatchObject({ Message: `${e.name} was successfully updated.`, Value: { Id: id }, WasSuccessful: true });
    const bad = await c.call('POST', path, { as: 'admin', json: {} });
    expect(bad.status).toBe(400);
    expectSchema('envelope.validation-error.json', bad.json);
    expect(bad.json.Message).toBe(`${bad.json.Errors[0].PropertyName}: ${bad.json.Errors[0].Message}`);
    const del = e.deleteVia.kind === 'delete'
      ? await c.call('DELETE', `${path}/${id}`, { as: 'admin' })
      : await c.call('POST', `${path}/runcommand`, { as: 'admin', json: { Key: e.deleteVia.key, Ids: [id], Parameters: [] } });
    expect(del.status).toBe(200);
    expectSchema('envelope.delete.json', del.json);
    expect(del.json.WasSuccessful).toBe(true);
    expect((await c.call('GET', `${path}/${id}`, { as: 'admin' })).status).toBe(404);
  }
  const denied = await c.call('GET', T);
  expect(denied.status).toBe(401);
  expect(denied.headers.get('www-authenticate')).toBe('Bearer');
  const wrong = await c.tokenRequest({ grant_type: 'password', username: p.username, password: 'wrong' });
  expect(wrong.status).toBe(400);
  expectSchema('oauth.error.json', wrong.json);
}

type Probe = (c: Client, refs: Record<RefName, number>) => Promise<unknown>;

/** Probes of the answer-level variations (the throttle forms have their own tests below). */
const PROBES: Record<Exclude<VariationName, 'throttle-409' | 'throttle-429'>, Probe> = {
  'extra-fields': async (c, refs) => {
    const post = await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) });
    const list = (await c.call('GET', T, { as: 'admin' })).json;
    const p = persona('admin');
    return {
      envelope: 'TenantExtra' in post.json,
      record: 'TenantExtra' in (await c.call('GET', `${T}/${post.json.Value.Id}`, { as: 'admin' })).json,
      list: 'TenantExtra' in list,
      listRecord: 'TenantExtra' in list.Records[0],
      failure: 'TenantExtra' in (await c.call('POST', T, { as: 'admin', json: {} })).json,
      token: 'userName' in (await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password })).json,
    };
  },
  'fk-name-as-field': async (c, refs) => {
    const missing = (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), CoworkerId: null } })).json;
    const unknown = (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), ResponsibleId: 999 } })).json;
    return { missing: [missing.Message, missing.Errors[0].PropertyName], unknown: [unknown.Message, unknown.Errors[0].PropertyName] };
  },
  'whole-second-dates': async (c, refs) => {
    const post = await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), DueDate: '2025-06-01T08:00:00.5Z' } });
    const rec = (await c.call('GET', `${T}/${post.json.Value.Id}`, { as: 'admin' })).json;
    return [post.json.UpdatedOn, rec.CreatedOn, rec.UpdatedOn, rec.DueDate].map((d: string) => /\.\d+Z$/.test(d));
  },
  latency: async (c) => {
    // answers completing out of the order the requests started in (the log is in completion order)
    for (let burst = 0; burst < 5; burst++) {
      const from = c.sb.requestLog.length;
      await Promise.all([...Array(40)].map((_, i) => c.call('GET', `/api/sys/businesses?page=${i}`, { authorization: ADMIN })));
      const times = c.sb.requestLog.slice(from).map((x) => Date.parse(x.time));
      if (times.some((t, i) => times.slice(i + 1).some((later) => later < t))) return 'reordered';
    }
    return 'in order';
  },
  'empty-401-body': async (c) => (await c.call('GET', T)).text,
  'put-unknown-id-400': async (c, refs) => {
    const r = await c.call('PUT', T, { as: 'admin', json: { Id: 1, ...validBody(CoworkerTask, refs) } });
    return { status: r.status, body: r.json };
  },
};

const EXPECTED: Record<keyof typeof PROBES, unknown> = {
  'extra-fields': { envelope: true, record: true, list: true, listRecord: true, failure: true, token: true },
  'fk-name-as-field': { missing: ['CoworkerId: is a required field', 'CoworkerId'], unknown: ['ResponsibleId: does not exist', 'ResponsibleId'] },
  'whole-second-dates': [false, false, false, false],
  latency: 'reordered',
  'empty-401-body': '',
  'put-unknown-id-400': { status: 400, body: { Message: 'Id: does not exist', Value: null, Errors: [{ AttemptedValue: 1, Message: 'does not exist', PropertyName: 'Id' }], WasSuccessful: false } },
};

async function observe(c: Client): Promise<Record<string, unknown>> {
  const refs = await c.refs();
  const out: Record<string, unknown> = {};
  for (const [name, probe] of Object.entries(PROBES)) out[name] = await probe(c, refs);
  return out;
}

let clean: Record<string, unknown>;
test.beforeAll(async () => {
  const c = await Client.start();
  try { clean = await observe(c); } finally { await c.close(); }
});

test('every variation has a description; unknown names and both throttle forms at once are refused', async () => {
  for (const v of VARIATION_NAMES) expect(VARIATIONS[v].length, v).toBeGreaterThan(20);
  expect(variationProblem('nope')).toBe('unknown variation "nope"; the list is in sandbox/README.md "Variations" (VARIATIONS in sandbox/variations.ts)');
  await expect(startSandbox({ variations: ['nope' as VariationName] })).rejects.toThrow('unknown variation "nope"');
  await expect(startSandbox({ variations: ['throttle-409', 'throttle-429'] })).rejects.toThrow(/choose one/);
  await expect(startSandbox({ variations: ['throttle-409'], throttle: { status: 429 } })).rejects.toThrow(/contradicts/);
  await expect(startSandbox({ throttle: { every: 3 } })).rejects.toThrow(/throttle-409 or throttle-429/);
});

test('the clean sandbox: the documented tour passes', async () => {
  const c = await Client.start();
  try { await tour(c); } finally { await c.close(); }
});

for (const v of Object.keys(PROBES) as (keyof typeof PROBES)[]) {
  test(`variation ${v}: changes what it says, other probes unchanged, documented answers intact`, async () => {
    const c = await Client.start({ variations: [v] });
    try {
      const seen = await observe(c);
      expect(seen[v], VARIATIONS[v]).toEqual(EXPECTED[v]);
      // a clean sandbox answers in order almost always, not by promise: latency is judged by its own probe only
      if (v !== 'latency') expect(seen[v]).not.toEqual(clean[v]);
      for (const other of Object.keys(PROBES)) {
        if (other !== v && other !== 'latency') expect(seen[other], `probe ${other} under variation ${v}`).toEqual(clean[other]);
      }
      await tour(c);
    } finally {
      await c.close();
    }
  });
}

test('all answer variations at once: the documented tour passes', async () => {
  const c = await Client.start({ variations: Object.keys(PROBES) as VariationName[] });
  try { await tour(c); } finally { await c.close(); }
});

for (const status of [409, 429] as const) {
  test(`variation throttle-${status}: every 7th request is throttled once in the ${status} form with a 0 s wait; nothing else changes`, async () => {
    const c = await Client.start({ variations: [`throttle-${status}`] });
    try {
      const answers = [];
      for (let i = 1; i <= 15; i++) answers.push(await c.call('GET', '/api/sys/businesses', { authorization: ADMIN }));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, status, 200, 200, 200, 200, 200, 200, status, 200]);
      const throttled = answers[6];
      if (status === 409) {
        expect(throttled.headers.get('retry-after')).toBe('0');
        expect(throttled.text).toBe('You must wait before accessing this url again.');
      } else {
        expect(throttled.text).toMatch(/^API calls quota exceeded! Wait 0 seconds before trying again\.$/);
      }
      expectSchema('envelope.list.json', answers[7].json);
    } finally {
      await c.close();
    }
    // finer control: every n-th request and the announced wait
    const f = await Client.start({ variations: [`throttle-${status}`], throttle: { every: 2, retryAfterSeconds: 0.5 } });
    try {
      expect((await f.call('GET', T, { authorization: ADMIN })).status).toBe(200);
      const r = await f.call('GET', T, { authorization: ADMIN });
      expect(r.status).toBe(status);
      if (status === 429) expect(r.text).toContain('Wait 0.5 seconds');
      else expect(r.headers.get('retry-after')).toBe('1');
    } finally {
      await f.close();
    }
  });
}
