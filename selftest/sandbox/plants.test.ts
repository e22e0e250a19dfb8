/**
 * Each plant changes its own behaviour: its probe answers differently than on a clean sandbox, and
 * every other probe answers as on the clean sandbox (except the declared related pairs, where one
 * broken rule necessarily shows through another rule's probe).
 */
import { test, expect } from '@playwright/test';
import { CoworkerTask, Coworker } from '../../lib/catalogue/entities.ts';
import type { RefName } from '../../lib/catalogue/fields.ts';
import { PLANTS, PLANT_NAMES, type PlantName } from '../../sandbox/index.ts';
import { Client, persona, basic, validBody } from './helpers.ts';

type Probe = (c: Client, refs: Record<RefName, number>) => Promise<unknown>;
const T = '/api/crm/coworkertasks';
let n = 0;
const marker = () => `plant-probe-${process.pid}-${++n}`;
const count = async (c: Client, notes: string) => (await c.call('GET', `${T}?CoworkerTask_Notes=${notes}`, { as: 'admin' })).json.Records.length;
const noName = (refs: Record<RefName, number>) => { const b = validBody(CoworkerTask, refs); delete b.Name; return b; };

const PROBES: Record<PlantName, Probe> = {
  'accept-missing-required': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).status === 200,
  'required-message-wording': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).json?.Errors?.[0]?.Message,
  'first-error-only': async (c) => (await c.call('POST', T, { as: 'admin', json: {} })).json?.Errors?.length,
  'property-name-lowercase': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), CoworkerId: null } })).json?.Errors?.[0]?.PropertyName,
  'top-message-format': async (c, refs) => {
    const j = (await c.call('POST', T, { as: 'admin', json: noName(refs) })).json;
    return j?.Errors ? String(j.Message).startsWith(`${j.Errors[0].PropertyName}: `) : 'no errors';
  },
  'validation-status-422': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).status === 422,
  'success-message-wording': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.Message,
  'success-envelope-no-id': async (c, refs) => typeof (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.Value?.Id,
  'put-merges': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs, { TaskItemUniqueId: 'kept?' });
    await c.call('PUT', T, { as: 'admin', json: { Id: id, ...validBody(CoworkerTask, refs) } });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.TaskItemUniqueId;
  },
  'roundtrip-drops-notes': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs, { Notes: 'keep me' });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.Notes;
  },
  'date-shift': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs, { DueDate: '2025-06-01T08:00:00Z' });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.DueDate;
  },
  'denied-403': async (c) => (await c.call('GET', T, { as: 'nobody' })).status,
  'edit-role-ignored': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    return (await c.call('PUT', T, { as: 'reader', json: { Id: id, ...validBody(CoworkerTask, refs) } })).status === 200;
  },
  'create-role-not-honoured': async (c, refs) => (await c.call('POST', T, { as: 'creator', json: validBody(CoworkerTask, refs) })).status === 200,
  'denied-side-effect': async (c, refs) => {
    const m = marker();
    await c.call('POST', T, { as: 'reader', json: { ...validBody(CoworkerTask, refs), Notes: m } });
    return count(c, m);
  },
  'anonymous-list': async (c) => (await c.call('GET', T)).status === 200,
  'expired-token-accepted': async () => 'probed in its own test (needs a short token lifetime)',
  'basic-auth-rejected': async (c) => (await c.call('GET', T, { authorization: basic(persona('admin').username, persona('admin').password) })).status === 200,
  'token-wrong-password-401': async (c) => (await c.tokenRequest({ grant_type: 'password', username: persona('admin').username, password: 'wrong' })).status,
  'refresh-broken': async (c) => {
    const p = persona('reader');
    const t = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
    return (await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: t.json.refresh_token })).status;
  },
  'wrong-type-500': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Name: 42 } })).status === 500,
  'wrong-type-accepted': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Completed: 'yes' } })).status === 200,
  'list-envelope-no-totals': async (c) => 'TotalItems' in (await c.call('GET', T, { as: 'admin' })).json,
  'record-missing-uniqueid': async (c) => 'UniqueId' in (await c.call('GET', '/api/spaces/coworkers', { as: 'admin' })).json.Records[0],
  'coworker-plain-delete': async (c, refs) => (await c.call('DELETE', `/api/spaces/coworkers/${await c.create(Coworker, refs)}`, { as: 'admin' })).status,
  'failed-create-side-effect': async (c, refs) => {
    const m = marker();
    await c.call('POST', T, { as: 'admin', json: { ...noName(refs), Notes: m } });
    return count(c, m);
  },
  'read-role-ignored': async (c, refs) => (await c.call('GET', `${T}/${await c.create(CoworkerTask, refs)}`, { as: 'nobody' })).status,
  'delete-role-ignored': async (c, refs) => (await c.call('DELETE', `${T}/${await c.create(CoworkerTask, refs)}`, { as: 'reader' })).status,
  'unknown-get-200': async (c) => (await c.call('GET', `${T}/1`, { as: 'admin' })).status,
  'batch-list-envelope': async (c, refs) => Array.isArray((await c.call('GET', `${T}?id=[${await c.create(CoworkerTask, refs)}]`, { as: 'admin' })).json),
  'bad-date-accepted': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), DueDate: 'not-a-date' } })).status,
  'unsupported-grant-wrong-error': async (c) => (await c.tokenRequest({ grant_type: 'client_magic' })).json?.error,
  'basic-any-password': async (c) => (await c.call('GET', `${T}/1`, { authorization: basic(persona('admin').username, 'not-it') })).status,
  'silent-put-unknown-id-variant': async (c, refs) => (await c.call('PUT', T, { as: 'admin', json: { Id: 1, ...validBody(CoworkerTask, refs) } })).status,
};

/** Plant → other probes it necessarily changes (the rule it breaks is observed there too). */
const RELATED: Partial<Record<PlantName, PlantName[]>> = {
  'accept-missing-required': ['required-message-wording', 'first-error-only', 'property-name-lowercase', 'top-message-format', 'validation-status-422', 'failed-create-side-effect'],
  'validation-status-422': ['accept-missing-required', 'bad-date-accepted'],
  'denied-403': ['read-role-ignored', 'delete-role-ignored', 'basic-any-password'],
  'roundtrip-drops-notes': ['denied-side-effect', 'failed-create-side-effect'],
  'wrong-type-accepted': ['wrong-type-500', 'bad-date-accepted'],
  'failed-create-side-effect': [],
};

async function observe(c: Client): Promise<Record<string, unknown>> {
  const refs = await c.refs();
  const out: Record<string, unknown> = {};
  for (const name of PLANT_NAMES) out[name] = await PROBES[name](c, refs);
  return out;
}

let clean: Record<string, unknown>;
test.beforeAll(async () => {
  const c = await Client.start();
  try { clean = await observe(c); } finally { await c.close(); }
});

test('every plant has a description and a probe', () => {
  expect(Object.keys(PROBES).sort()).toEqual([...PLANT_NAMES].sort());
  for (const d of Object.values(PLANTS)) expect(d.length).toBeGreaterThan(10);
});

for (const plant of PLANT_NAMES.filter((p) => p !== 'expired-token-accepted')) {
  test(`plant ${plant}: changes its probe and nothing unrelated`, async () => {
    const c = await Client.start({ plant: [plant] });
    try {
      const seen = await observe(c);
      expect(seen[plant], PLANTS[plant]).not.toEqual(clean[plant]);
      for (const other of PLANT_NAMES) {
        if (other === plant || RELATED[plant]?.includes(other)) continue;
        expect(seen[other], `probe ${other} under plant ${plant}`).toEqual(clean[other]);
      }
    } finally {
      await c.close();
    }
  });
}

test('plant expired-token-accepted: an expired token still works', async () => {
  const [plain, planted] = await Promise.all([Client.start({ tokenLifetimeSeconds: 0.2 }), Client.start({ tokenLifetimeSeconds: 0.2, plant: ['expired-token-accepted'] })]);
  try {
    const [a, b] = await Promise.all([plain.token('admin'), planted.token('admin')]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await plain.call('GET', T, { token: a })).status).toBe(401);
    expect((await planted.call('GET', T, { token: b })).status).toBe(200);
  } finally {
    await Promise.all([plain.close(), planted.close()]);
  }
});
