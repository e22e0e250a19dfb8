/**
 * Each fault changes its own behaviour: its probe answers differently than on a clean sandbox, and
 * every other probe answers as on the clean sandbox (except the declared related pairs, where one
 * broken rule necessarily shows through another rule's probe). Probes return deterministic values
 * (booleans, statuses, counts), never Ids or generated names.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ENTITIES, CoworkerTask, Coworker, resourcePath } from '../../api/catalogue/entities.ts';
import type { RefName } from '../../api/catalogue/fields.ts';
import {
  FAULTS, FAULT_NAMES, MUTATION_FAULTS, VARIATIONS, VARIATION_NAMES, describeFault, faultProblem, isFaultName, startSandbox,
  type FaultName, type NamedFault,
} from '../../sandbox/index.ts';
import { Client, persona, basic, validBody } from './helpers.ts';

/** faults that break the suite's own lookups, not a documented rule: not mutation faults, probed all the same */
const INSTRUMENT_FAULTS = FAULT_NAMES.filter((f) => FAULTS[f].category === 'instrument');

type Probe = (c: Client, refs: Record<RefName, number>) => Promise<unknown>;
const T = '/api/crm/coworkertasks';
const CW = '/api/spaces/coworkers';
let n = 0;
/** short, so that string-truncated leaves it whole */
const marker = () => `fp${process.pid}-${++n}`;
const count = async (c: Client, filter: string) => (await c.call('GET', `${T}?${filter}`, { as: 'admin' })).json.Records.length;
const noName = (refs: Record<RefName, number>) => { const b = validBody(CoworkerTask, refs); delete b.Name; return b; };

const PROBES: Record<NamedFault, Probe> = {
  'accept-missing-required': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).status === 200,
  'wrong-type-accepted': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Completed: 'yes' } })).status === 200,
  'bad-date-accepted': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), DueDate: 'not-a-date' } })).status,

  'required-message-wording': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).json?.Errors?.[0]?.Message,
  'first-error-only': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Name: null, CoworkerId: null } })).json?.Errors?.length,
  'property-name-lowercase': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), CoworkerId: null } })).json?.Errors?.[0]?.PropertyName,
  'top-message-format': async (c, refs) => /^[A-Za-z]+: /.test(String((await c.call('POST', T, { as: 'admin', json: noName(refs) })).json?.Message)),
  'validation-status-422': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).status === 422,
  'wrong-type-500': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Name: 42 } })).status === 500,
  'errors-missing': async (c, refs) => Array.isArray((await c.call('POST', T, { as: 'admin', json: noName(refs) })).json?.Errors),
  'was-successful-on-400': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).json?.WasSuccessful,
  'validation-500': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: noName(refs) })).status === 500,

  'success-message-wording': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.Message,
  'create-status-201': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).status,
  'create-500': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).status,
  'success-envelope-no-id': async (c, refs) => typeof (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.Value?.Id,
  'success-was-successful-false': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.WasSuccessful,
  'success-status-field-0': async (c, refs) => (await c.call('POST', T, { as: 'admin', json: validBody(CoworkerTask, refs) })).json.Status,

  'denied-403': async (c) => (await c.call('GET', `${T}/1`)).status,
  'edit-role-ignored': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    return (await c.call('PUT', T, { as: 'reader', json: { Id: id, ...validBody(CoworkerTask, refs) } })).status === 200;
  },
  'create-role-not-honoured': async (c, refs) => (await c.call('POST', T, { as: 'creator', json: validBody(CoworkerTask, refs) })).status === 200,
  'denied-side-effect': async (c, refs) => {
    const m = marker();
    await c.call('POST', T, { as: 'reader', json: { ...validBody(CoworkerTask, refs), Notes: m } });
    return count(c, `CoworkerTask_Notes=${m}`);
  },
  'read-role-ignored': async (c, refs) => (await c.call('GET', `${T}/${await c.create(CoworkerTask, refs)}`, { as: 'nobody' })).status,
  'delete-role-ignored': async (c, refs) => (await c.call('DELETE', `${T}/${await c.create(CoworkerTask, refs)}`, { as: 'reader' })).status,
  'create-role-ignored': async (c, refs) => (await c.call('POST', T, { as: 'reader', json: validBody(CoworkerTask, refs) })).status === 200,
  'list-role-ignored': async (c) => (await c.call('GET', T, { as: 'creator' })).status === 200,
  'edit-checks-create-role': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    const put = async (who: 'creator' | 'editor') => (await c.call('PUT', T, { as: who, json: { Id: id, ...validBody(CoworkerTask, refs) } })).status === 200;
    return { creator: await put('creator'), editor: await put('editor') };
  },

  'anonymous-list': async (c) => (await c.call('GET', T)).status === 200,
  'expired-token-accepted': async () => 'probed in its own test (needs a short token lifetime)',
  'basic-auth-rejected': async (c) => (await c.call('GET', T, { authorization: basic(persona('admin').username, persona('admin').password) })).status === 200,
  'token-wrong-password-401': async (c) => (await c.tokenRequest({ grant_type: 'password', username: persona('admin').username, password: 'wrong' })).status === 401,
  'refresh-broken': async (c) => {
    const p = persona('reader');
    const t = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
    return (await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: t.json.refresh_token })).status;
  },
  'unsupported-grant-wrong-error': async (c) => (await c.tokenRequest({ grant_type: 'client_magic' })).json?.error,
  'basic-any-password': async (c) => (await c.call('GET', `${T}/1`, { authorization: basic(persona('admin').username, 'not-it') })).status,
  'garbage-token-accepted': async (c, refs) => (await c.call('GET', `${T}/${await c.create(CoworkerTask, refs)}`, { token: 'never-issued-by-this-tenant' })).status === 200,
  'token-any-password': async (c) => (await c.tokenRequest({ grant_type: 'password', username: persona('admin').username, password: 'wrong' })).status === 200,

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
  'coworker-plain-delete': async (c, refs) => (await c.call('DELETE', `${CW}/${await c.create(Coworker, refs)}`, { as: 'admin' })).status,
  'failed-create-side-effect': async (c, refs) => {
    const m = marker();
    await c.call('POST', T, { as: 'admin', json: { ...noName(refs), Notes: m } });
    return count(c, `CoworkerTask_Notes=${m}`);
  },
  'put-not-persisted': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    const Name = `Renamed ${++n}`;
    await c.call('PUT', T, { as: 'admin', json: { Id: id, ...validBody(CoworkerTask, refs), Name } });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.Name === Name;
  },
  'delete-not-deleting': async (c, refs) => {
    const m = marker();
    await c.call('DELETE', `${T}/${await c.create(CoworkerTask, refs, { Name: m })}`, { as: 'admin' });
    const cw = await c.create(Coworker, refs);
    await c.call('POST', `${CW}/runcommand`, { as: 'admin', json: { Key: 'COWORKER_DELETE', Ids: [cw], Parameters: [] } });
    return { task: await count(c, `CoworkerTask_Name=${m}`), coworker: (await c.call('GET', `${CW}?Coworker_Id=${cw}`, { as: 'admin' })).json.Records.length };
  },
  'string-truncated': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs, { TaskItemUniqueId: 'x'.repeat(30) });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.TaskItemUniqueId?.length;
  },
  'failed-put-side-effect': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    await c.call('PUT', T, { as: 'admin', json: { Id: id, ...validBody(CoworkerTask, refs), CoworkerId: null, TaskItemUniqueId: 'side effect' } });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).json.TaskItemUniqueId;
  },

  'list-envelope-no-totals': async (c) => 'TotalItems' in (await c.call('GET', T, { as: 'admin' })).json,
  'record-missing-uniqueid': async (c) => 'UniqueId' in (await c.call('GET', CW, { as: 'admin' })).json.Records[0],
  'unknown-get-200': async (c) => (await c.call('GET', `${T}/1`, { as: 'admin' })).status,
  'batch-list-envelope': async (c, refs) => Array.isArray((await c.call('GET', `${T}?id=[${await c.create(CoworkerTask, refs)}]`, { as: 'admin' })).json),
  'reads-served-as-html': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    const types: (string | null)[] = [];
    for (const path of [T, `${T}/${id}`, `${T}?id=[${id}]`]) types.push((await c.call('GET', path, { as: 'admin' })).headers.get('content-type'));
    return types;
  },

  'silent-point-drift': async (c, refs) => (await c.call('PUT', T, { as: 'admin', json: { Id: 1, ...validBody(CoworkerTask, refs) } })).status,

  'lookup-500': async (c) => (await c.call('GET', `${T}?CoworkerTask_Notes=${marker()}`, { as: 'admin' })).status,
  'list-filter-ignored': async (c) => (await c.call('GET', `${T}?CoworkerTask_Notes=${marker()}`, { as: 'admin' })).json?.Records?.length > 0,
  'put-target-vanishes': async (c, refs) => {
    const id = await c.create(CoworkerTask, refs);
    await c.call('PUT', T, { as: 'reader', json: { Id: id, ...validBody(CoworkerTask, refs) } });
    return (await c.call('GET', `${T}/${id}`, { as: 'admin' })).status;
  },
};

/** A required-not-enforced family member: the body lacks that one field; does the endpoint accept it? */
function requiredProbe(fault: string): Probe {
  const [entity, method, field] = fault.slice('required-not-enforced:'.length).split('.');
  const e = ENTITIES.find((x) => x.name === entity)!;
  return async (c, refs) => {
    const body = validBody(e, refs);
    delete body[field];
    if (method === 'PUT') body.Id = await c.create(e, refs);
    return (await c.call(method, resourcePath(e), { as: 'admin', json: body })).status === 200;
  };
}

const ALL_PROBES: Record<string, Probe> = { ...PROBES };
for (const f of MUTATION_FAULTS) if (!(f in PROBES)) ALL_PROBES[f] = requiredProbe(f);
const FAMILY = MUTATION_FAULTS.filter((f) => f.startsWith('required-not-enforced:'));

/** Fault → other probes it necessarily changes (the rule it breaks is observed there too). */
const RELATED: Partial<Record<FaultName, FaultName[]>> = {
  'accept-missing-required': ['required-message-wording', 'first-error-only', 'property-name-lowercase', 'top-message-format', 'validation-status-422',
    'failed-create-side-effect', 'errors-missing', 'was-successful-on-400', 'failed-put-side-effect', ...FAMILY],
  'validation-status-422': ['accept-missing-required', 'bad-date-accepted'],
  'validation-500': ['required-message-wording', 'first-error-only', 'property-name-lowercase', 'top-message-format', 'errors-missing', 'was-successful-on-400'],
  'errors-missing': ['required-message-wording', 'first-error-only', 'property-name-lowercase'],
  'denied-403': ['read-role-ignored', 'delete-role-ignored', 'basic-any-password'],
  'roundtrip-drops-notes': ['denied-side-effect', 'failed-create-side-effect'],
  'wrong-type-accepted': ['wrong-type-500', 'bad-date-accepted'],
  'edit-role-ignored': ['edit-checks-create-role'],
  'create-role-ignored': ['denied-side-effect'],
  'put-not-persisted': ['put-merges'],
  // every probe that reads the status of an allowed POST sees the 201
  'create-status-201': ['create-role-not-honoured', 'create-500'],
  // no record can be made: every probe that creates one first sees the 500
  'create-500': [...MUTATION_FAULTS],
  // the probes that count records through an exact filter
  'lookup-500': ['denied-side-effect', 'failed-create-side-effect', 'delete-not-deleting', 'list-filter-ignored'],
  'list-filter-ignored': ['denied-side-effect', 'failed-create-side-effect', 'delete-not-deleting'],
  // its probe's denied PUT (by a holder of -Create only) removes the record
  'put-target-vanishes': ['edit-checks-create-role'],
};

async function observe(c: Client): Promise<Record<string, unknown>> {
  const refs = await c.refs();
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(ALL_PROBES)) out[name] = await ALL_PROBES[name](c, refs).catch((err: Error) => `probe failed: ${err.message}`);
  return out;
}

let clean: Record<string, unknown>;
test.beforeAll(async () => {
  const c = await Client.start();
  try { clean = await observe(c); } finally { await c.close(); }
});

test('every fault of the mutation catalogue has a probe, a category and a rule', () => {
  expect(Object.keys(ALL_PROBES).sort()).toEqual([...MUTATION_FAULTS, ...INSTRUMENT_FAULTS].sort());
  expect(new Set(MUTATION_FAULTS).size).toBe(MUTATION_FAULTS.length);
  expect(FAMILY).toHaveLength(11);
  for (const f of MUTATION_FAULTS) {
    expect(isFaultName(f), f).toBe(true);
    const d = describeFault(f);
    expect(d.rule.length, f).toBeGreaterThan(20);
    expect(['required', 'failure envelope', 'success envelope', 'authorization', 'authentication', 'state', 'reads', 'drift']).toContain(d.category);
    // the clauses it breaks (drift faults: the silent points it moves); selftest/mutation/attribution.test.ts checks their kinds
    expect(d.clauses.length, f).toBeGreaterThan(0);
  }
});

for (const fault of [...MUTATION_FAULTS, ...INSTRUMENT_FAULTS].filter((f) => f !== 'expired-token-accepted')) {
  test(`fault ${fault}: changes its probe and nothing unrelated`, async () => {
    const c = await Client.start({ faults: [fault] });
    try {
      const seen = await observe(c);
      expect(seen[fault], describeFault(fault).rule).not.toEqual(clean[fault]);
      for (const other of MUTATION_FAULTS) {
        if (other === fault || RELATED[fault]?.includes(other)) continue;
        expect(seen[other], `probe ${other} under fault ${fault}`).toEqual(clean[other]);
      }
    } finally {
      await c.close();
    }
  });
}

test('fault expired-token-accepted: an expired token still works', async () => {
  const [plain, faulty] = await Promise.all([Client.start({ tokenLifetimeSeconds: 0.2 }), Client.start({ tokenLifetimeSeconds: 0.2, faults: ['expired-token-accepted'] })]);
  try {
    const [a, b] = await Promise.all([plain.token('admin'), faulty.token('admin')]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await plain.call('GET', T, { token: a })).status).toBe(401);
    expect((await faulty.call('GET', T, { token: b })).status).toBe(200);
  } finally {
    await Promise.all([plain.close(), faulty.close()]);
  }
});

test('required-not-enforced: only that field of that endpoint goes unchecked', async () => {
  const c = await Client.start({ faults: ['required-not-enforced:CoworkerTask.PUT.Name'] });
  try {
    const refs = await c.refs();
    const id = await c.create(CoworkerTask, refs);
    const put = await c.call('PUT', T, { as: 'admin', json: { Id: id } });
    expect(put.status).toBe(400);
    expect(put.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toEqual(['Business', 'Coworker', 'Responsible']);
    for (const blank of [null, '', '   ']) {
      expect((await c.call('PUT', T, { as: 'admin', json: { ...validBody(CoworkerTask, refs), Id: id, Name: blank } })).status, String(blank)).toBe(200);
    }
    const post = await c.call('POST', T, { as: 'admin', json: {} });
    expect(post.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toContain('Name');
  } finally {
    await c.close();
  }
});

test('required-not-enforced: any catalogue pair is a fault; anything else is rejected with one clear line', async () => {
  expect(isFaultName('required-not-enforced:Coworker.PUT.FullName')).toBe(true);
  expect(isFaultName('required-not-enforced:Coworker.PUT.Id')).toBe(false);
  expect(faultProblem('required-not-enforced:Coworker.PUT.NickName')).toBe(
    'unknown fault "required-not-enforced:Coworker.PUT.NickName": NickName is not a required field of PUT /api/spaces/coworkers; valid fields: FullName, Email, CountryId, SimpleTimeZoneId');
  expect(faultProblem('required-not-enforced:Coworker.PATCH.Email')).toMatch(/one of CoworkerInventoryAsset\.POST, .*Workspace\.PUT, .*Booking\.PUT/);
  expect(faultProblem('no-such-fault')).toBe('unknown fault "no-such-fault"; the list is in sandbox/README.md "Faults" (FAULTS in sandbox/faults.ts)');
  expect(() => describeFault('no-such-fault')).toThrow(/no-such-fault/);
  await expect(startSandbox({ faults: ['required-not-enforced:Workspace.POST.Description' as FaultName] })).rejects.toThrow(/valid fields: BusinessId, AdministratorId, Name$/);
  expect(describeFault('required-not-enforced:Workspace.PUT.BusinessId')).toEqual({
    category: 'required',
    rule: expect.stringContaining('BusinessId of PUT /api/collaboration/workspaces is not enforced'),
    clauses: ['required.status', 'required.errors', 'failure.no-effect'],
  });
});

test('sandbox/README.md lists every fault (category and rule as in the code) and every variation', () => {
  const readme = readFileSync(new URL('../../sandbox/README.md', import.meta.url), 'utf8');
  for (const name of FAULT_NAMES) expect(readme, name).toContain(`| \`${name}\` | ${FAULTS[name].category} | ${FAULTS[name].rule} |`);
  for (const name of FAMILY) expect(readme, name).toContain(`\`${name}\``);
  for (const name of VARIATION_NAMES) expect(readme, name).toContain(`| \`${name}\` | ${VARIATIONS[name]} |`);
  expect(readme).not.toMatch(/plant/i);
});
