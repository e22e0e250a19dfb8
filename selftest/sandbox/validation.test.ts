/** Validation envelopes, wrong types and malformed requests: always a clean 4xx (nexudus-api.md §6). */
import { test, expect } from '@playwright/test';
import { ENTITIES, requiredFields, resourcePath } from '../../api/catalogue/entities.ts';
import { meta } from '../../api/catalogue/fields.ts';
import type { RefName } from '../../api/catalogue/fields.ts';
import { validate } from '../../schemas/ajv.ts';
import { Client, validBody } from './helpers.ts';

let c: Client;
let refs: Record<RefName, number>;
test.beforeAll(async () => { c = await Client.start(); refs = await c.refs(); });
test.afterAll(async () => { await c.close(); });

const nameOf = (e: (typeof ENTITIES)[number], f: string) => meta(e.fields[f])['x-nav'] ?? f;

for (const e of ENTITIES) {
  test(`${e.name}: each required field missing, null, empty or blank answers "is a required field"`, async () => {
    const p = resourcePath(e);
    const before = (await c.call('GET', p, { as: 'admin' })).json.TotalItems;
    for (const f of requiredFields(e)) {
      for (const how of ['missing', 'null', 'empty', 'blank'] as const) {
        const body: Record<string, unknown> = validBody(e, refs);
        if (how === 'missing') delete body[f];
        else body[f] = how === 'null' ? null : how === 'empty' ? '' : '   ';
        const r = await c.call('POST', p, { as: 'admin', json: body });
        expect(r.status, `${f} ${how}`).toBe(400);
        expect(validate('envelope.validation-error.json', r.json).valid).toBe(true);
        expect(r.json).toEqual({
          Message: `${nameOf(e, f)}: is a required field`, Value: null, WasSuccessful: false,
          Errors: [{ AttemptedValue: how === 'missing' ? null : body[f], Message: 'is a required field', PropertyName: nameOf(e, f) }],
        });
      }
    }
    expect((await c.call('GET', p, { as: 'admin' })).json.TotalItems).toBe(before); // no side effect
  });

  test(`${e.name}: an empty body names every required field, one Errors item each; PUT also names Id`, async () => {
    const r = await c.call('POST', resourcePath(e), { as: 'admin', json: {} });
    expect(r.status).toBe(400);
    const names = requiredFields(e).map((f) => nameOf(e, f));
    expect(r.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toEqual(names);
    expect(r.json.Message).toBe(`${names[0]}: is a required field`);
    const put = await c.call('PUT', resourcePath(e), { as: 'admin', json: {} });
    expect(put.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toEqual(['Id', ...names]);
  });
}

test('a required FK of 0 reads as missing and is named by its navigation name', async () => {
  const r = await c.call('POST', '/api/crm/coworkertasks', { as: 'admin', json: { ...validBody(ENTITIES[1], refs), CoworkerId: 0 } });
  expect(r.json.Errors).toEqual([{ AttemptedValue: 0, Message: 'is a required field', PropertyName: 'Coworker' }]);
});

test('wrong JSON types are rejected 400 naming the field; right types pass', async () => {
  const p = '/api/crm/coworkertasks';
  const base = validBody(ENTITIES[1], refs);
  const cases: [string, unknown][] = [
    ['CoworkerId', '123'], ['CoworkerId', 1.5], ['Name', 42], ['Completed', { a: 1 }], ['Completed', 'true'], ['DueDate', 'tomorrow'],
    ['DueDate', '2025-02-30T00:00:00Z'], ['DueDate', 12], ['Notes', ['x']],
  ];
  for (const [field, value] of cases) {
    const r = await c.call('POST', p, { as: 'admin', json: { ...base, [field]: value } });
    expect(r.status, `${field}=${JSON.stringify(value)}`).toBe(400);
    expect(r.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toEqual([field]);
    expect(r.json.Errors[0].AttemptedValue).toEqual(value);
  }
  const ws = '/api/collaboration/workspaces';
  const wb = validBody(ENTITIES[3], refs);
  for (const Members of ['1,2', [1.5], ['1'], { 0: 1 }]) {
    const r = await c.call('POST', ws, { as: 'admin', json: { ...wb, Members } });
    expect(r.status, JSON.stringify(Members)).toBe(400);
    expect(r.json.Errors[0].PropertyName).toBe('Members');
  }
  const ok = await c.call('POST', p, { as: 'admin', json: { ...base, Completed: true, DueDate: '2025-02-28T23:59:59.1234567Z', Notes: 'n' } });
  expect(ok.status).toBe(200);
});

test('several violations at once: one Errors item per field, Message names the first', async () => {
  const r = await c.call('POST', '/api/crm/coworkertasks', { as: 'admin', json: { BusinessId: refs.businessId, Name: '', Completed: 'x' } });
  expect(r.status).toBe(400);
  expect(r.json.Errors.map((x: { PropertyName: string }) => x.PropertyName)).toEqual(['Coworker', 'Name', 'Responsible', 'Completed']);
  expect(r.json.Message).toBe('Coworker: is a required field');
});

test('silent-point choices: FK to a missing record and invalid enum are 400; extra fields ignored; offsets converted', async () => {
  const task = validBody(ENTITIES[1], refs);
  const fk = await c.call('POST', '/api/crm/coworkertasks', { as: 'admin', json: { ...task, CoworkerId: 999 } });
  expect(fk.json.Errors).toEqual([{ AttemptedValue: 999, Message: 'does not exist', PropertyName: 'Coworker' }]);
  const cw = validBody(ENTITIES[2], refs);
  const en = await c.call('POST', '/api/spaces/coworkers', { as: 'admin', json: { ...cw, Gender: 77 } });
  expect(en.json.Errors[0]).toMatchObject({ PropertyName: 'Gender', Message: 'is not a valid value' });
  const extra = await c.call('POST', '/api/crm/coworkertasks', { as: 'admin', json: { ...task, Bogus: 1, CoworkerFullName: 'x', DueDate: '2025-01-15T12:30:00+02:00' } });
  expect(extra.status).toBe(200);
  const rec = (await c.call('GET', `/api/crm/coworkertasks/${extra.json.Value.Id}`, { as: 'admin' })).json;
  expect(rec.DueDate).toBe('2025-01-15T10:30:00Z');
  expect(rec).not.toHaveProperty('Bogus');
});

test.describe('malformed requests answer a clean 4xx JSON, never a 5xx', () => {
  const p = '/api/crm/coworkertasks';
  const cases: [string, { body: string | Buffer; type?: string }, number][] = [
    ['bad JSON', { body: '{"Name": ' }, 400],
    ['JSON array', { body: '[1,2]' }, 400],
    ['JSON number', { body: '42' }, 400],
    ['JSON null', { body: 'null' }, 400],
    ['empty body', { body: '' }, 400],
    ['deep nesting', { body: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) }, 400],
    ['deep arrays', { body: '['.repeat(50_000) }, 400],
    ['text/plain', { body: '{}', type: 'text/plain' }, 415],
    ['form', { body: 'a=1', type: 'application/x-www-form-urlencoded' }, 415],
    ['no content type', { body: '{}', type: '' }, 415],
    ['over 1 MB', { body: JSON.stringify({ Name: 'x'.repeat(1024 * 1024 + 10) }) }, 413],
    ['binary', { body: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]) }, 400],
  ];
  for (const [name, { body, type }, status] of cases) {
    test(name, async () => {
      for (const method of ['POST', 'PUT']) {
        const headers: Record<string, string> = {};
        if (type !== '') headers['content-type'] = type ?? 'application/json';
        const r = await c.call(method, p, { as: 'admin', body, headers });
        expect(r.status, method).toBe(status);
        expect(r.headers.get('content-type')).toContain('application/json');
        expect(typeof r.json.Message).toBe('string');
      }
      expect((await c.call('GET', p, { as: 'admin' })).status).toBe(200);
    });
  }
});
