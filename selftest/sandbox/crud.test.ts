/** Lists, batch, get, POST/PUT/DELETE/runcommand, full replace, record shapes (nexudus-api.md §1-§3). */
import { test, expect } from '@playwright/test';
import { ENTITIES, CoworkerTask, Coworker, Workspace, CoworkerInventoryAsset, resourcePath, isOptional, type EntityDecl } from '../../api/catalogue/entities.ts';
import { slug } from '../../api/catalogue/endpoints.ts';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import { jsonTypes, meta, type RefName } from '../../api/catalogue/fields.ts';
import { Client, validBody } from './helpers.ts';

let c: Client;
let refs: Record<RefName, number>;
test.beforeAll(async () => { c = await Client.start(); refs = await c.refs(); });
test.afterAll(async () => { await c.close(); });

const expectSchema = (id: string, data: unknown) => {
  const r = validate(id, data);
  expect(r.valid, `${id}\n${describeErrors(r.errors)}`).toBe(true);
};

for (const e of ENTITIES) {
  test.describe(e.name, () => {
    const p = resourcePath(e);

    test('POST answers the success envelope; GET one, batch and list records match the schemas', async () => {
      const r = await c.call('POST', p, { as: 'admin', json: validBody(e, refs) });
      expect(r.status).toBe(200);
      expectSchema('envelope.mutation.json', r.json);
      expect(r.json).toMatchObject({ Status: 200, Message: `${e.name} was successfully created.`, Errors: null, WasSuccessful: true,
        OpenInDialog: false, OpenInWindow: false, RedirectURL: null, JavaScript: null, UpdatedBy: 'admin@sandbox.nexudus.test' });
      const id = r.json.Value.Id;
      const one = await c.call('GET', `${p}/${id}`, { as: 'admin' });
      expect(one.status).toBe(200);
      expectSchema(`${slug(e)}.record.json`, one.json);
      expect(one.json.CreatedOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(one.json.UniqueId).toMatch(/^[0-9a-f-]{36}$/);
      for (const w of e.writeOnly ?? []) expect(one.json).not.toHaveProperty(w);
      const batch = await c.call('GET', `${p}/?id=[${id}]`, { as: 'admin' });
      expectSchema(`${slug(e)}.batch.json`, batch.json);
      expect(batch.json.map((x: { Id: number }) => x.Id)).toEqual([id]);
      const list = await c.call('GET', p, { as: 'admin' });
      expectSchema(`${slug(e)}.list.json`, list.json);
      for (const n of e.notInList ?? []) expect(list.json.Records[0]).not.toHaveProperty(n);
    });

    test('GET, DELETE and PUT of an unknown Id answer 404 "Not found"', async () => {
      expect((await c.call('GET', `${p}/1`, { as: 'admin' }))).toMatchObject({ status: 404, json: 'Not found' });
      expect((await c.call('PUT', p, { as: 'admin', json: { Id: 1, ...validBody(e, refs) } }))).toMatchObject({ status: 404, json: 'Not found' });
      if (e.deleteVia.kind === 'delete') expect((await c.call('DELETE', `${p}/1`, { as: 'admin' }))).toMatchObject({ status: 404, json: 'Not found' });
    });

    test('PUT is a full replace: omitted optional fields are cleared', async () => {
      // an optional text field the valid body leaves out: the marker field where there is one
      const sent = validBody(e, refs) as Record<string, unknown>;
      const optionalText = Object.keys(e.fields).filter((f) => isOptional(e.fields[f]) && jsonTypes(e.fields[f]).includes('string') && jsonTypes(e.fields[f]).includes('null') && meta(e.fields[f])['x-send'] !== 'never');
      const text = [...e.markerFields, ...optionalText].find((f) => !sent[f] && optionalText.includes(f));
      test.skip(!text, `${e.name} has no optional text field to clear`);
      const id = await c.create(e, refs, { [text!]: 'kept?' });
      expect((await c.call('GET', `${p}/${id}`, { as: 'admin' })).json[text!]).toBe('kept?');
      const put = await c.call('PUT', p, { as: 'admin', json: { Id: id, ...validBody(e, refs) } });
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({ Message: `${e.name} was successfully updated.`, Value: { Id: id }, WasSuccessful: true });
      const after = await c.call('GET', `${p}/${id}`, { as: 'admin' });
      expect(after.json[text!]).toBeNull();
      expect(after.json.UpdatedOn > after.json.CreatedOn).toBe(true);
    });
  });
}

test('DELETE answers the delete envelope, then the record is gone', async () => {
  const id = await c.create(CoworkerTask, refs);
  const r = await c.call('DELETE', `/api/crm/coworkertasks/${id}`, { as: 'admin' });
  expect(r.status).toBe(200);
  expectSchema('envelope.delete.json', r.json);
  expect(r.json).toMatchObject({ Message: 'The record was deleted successfully.', Value: null, WasSuccessful: true });
  expect((await c.call('GET', `/api/crm/coworkertasks/${id}`, { as: 'admin' })).status).toBe(404);
  expect((await c.call('DELETE', `/api/crm/coworkertasks/${id}`, { as: 'admin' })).status).toBe(404);
});

test('coworkers: plain DELETE answers 405; COWORKER_DELETE via runcommand deletes', async () => {
  const id = await c.create(Coworker, refs);
  const del = await c.call('DELETE', `/api/spaces/coworkers/${id}`, { as: 'admin' });
  expect(del.status).toBe(405);
  expect((await c.call('GET', `/api/spaces/coworkers/${id}`, { as: 'admin' })).status).toBe(200);
  const unknownKey = await c.call('POST', '/api/spaces/coworkers/runcommand', { as: 'admin', json: { Key: 'NOPE', Ids: [id], Parameters: [] } });
  expect(unknownKey).toMatchObject({ status: 200, json: { WasSuccessful: false } });
  const unknownId = await c.call('POST', '/api/spaces/coworkers/runcommand', { as: 'admin', json: { Key: 'COWORKER_DELETE', Ids: [1], Parameters: [] } });
  expect(unknownId).toMatchObject({ status: 200, json: { WasSuccessful: false } });
  const bad = await c.call('POST', '/api/spaces/coworkers/runcommand', { as: 'admin', json: { Key: 'COWORKER_DELETE', Ids: 'x' } });
  expect(bad).toMatchObject({ status: 400, json: { Message: 'Ids: is a required field' } });
  const r = await c.call('POST', '/api/spaces/coworkers/runcommand', { as: 'admin', json: { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] } });
  expect(r.status).toBe(200);
  expectSchema('envelope.delete.json', r.json);
  expect(r.json.WasSuccessful).toBe(true);
  expect((await c.call('GET', `/api/spaces/coworkers/${id}`, { as: 'admin' })).status).toBe(404);
  expect((await c.call('POST', '/api/crm/coworkertasks/runcommand', { as: 'admin', json: { Key: 'X', Ids: [1] } })).status).toBe(404);
});

test('denormalized fields follow the linked records', async () => {
  const cw = await c.create(Coworker, refs, { FullName: 'Ada Denorm', CompanyName: 'Denorm Ltd', CoworkerType: 2 });
  const id = await c.create(CoworkerInventoryAsset, { ...refs, coworkerId: cw });
  const r = (await c.call('GET', `/api/spaces/coworkerinventoryassets/${id}`, { as: 'admin' })).json;
  expect(r).toMatchObject({ CoworkerFullName: 'Ada Denorm', CoworkerCompanyName: 'Denorm Ltd', CoworkerCoworkerType: 'Company',
    InventoryAssetName: 'Ergonomic chair', InventoryAssetSku: 'CHR-0042', InventoryAssetValue: '350', ToStringText: `#${id}` });
  const task = await c.create(CoworkerTask, { ...refs, coworkerId: cw });
  const t = (await c.call('GET', `/api/crm/coworkertasks/${task}`, { as: 'admin' })).json;
  expect(t).toMatchObject({ CoworkerFullName: 'Ada Denorm', ResponsibleFullName: 'Sandbox Admin', BusinessName: 'Sandbox Coworking London' });
  expect(t.ToStringText).toBe(t.Name);
  const cwr = (await c.call('GET', `/api/spaces/coworkers/${cw}`, { as: 'admin' })).json;
  expect(cwr.ToStringText).toBe(`Ada Denorm - ${cwr.Email}`);
});

test('Workspace Members: the full list first, then Added/Removed; the deltas are never returned', async () => {
  const a = await c.create(Coworker, refs);
  const b = await c.create(Coworker, refs);
  const id = await c.create(Workspace, refs, { Members: [refs.coworkerId, a] });
  const get = async () => (await c.call('GET', `/api/collaboration/workspaces/${id}`, { as: 'admin' })).json;
  expect((await get()).Members).toEqual([refs.coworkerId, a]);
  await c.call('PUT', '/api/collaboration/workspaces', { as: 'admin', json: { Id: id, ...validBody(Workspace, refs), AddedMembers: [b], RemovedMembers: [a] } });
  expect((await get()).Members).toEqual([refs.coworkerId, b]);
  await c.call('PUT', '/api/collaboration/workspaces', { as: 'admin', json: { Id: id, ...validBody(Workspace, refs), Members: [a], AddedMembers: [b] } });
  const w = await get();
  expect(w.Members).toEqual([a, b]);
  expect(w).not.toHaveProperty('AddedMembers');
});

test.describe('lists', () => {
  const p = '/api/crm/coworkertasks';
  let ids: number[];
  let cw: number;
  test.beforeAll(async () => {
    cw = await c.create(Coworker, refs);
    ids = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await c.create(CoworkerTask, { ...refs, coworkerId: cw }, { Name: `List task ${i}`, DueDate: `2025-03-0${i + 1}T09:30:00Z`, Completed: i % 2 === 0 }));
    }
  });

  test('paging: page/size, totals, first/last item, next/previous', async () => {
    const r = (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&page=2&size=3`, { as: 'admin' })).json;
    expect(r).toMatchObject({ CurrentPage: 2, CurrentPageSize: 3, TotalItems: 7, TotalPages: 3, FirstItem: 4, LastItem: 6, HasNextPage: true, HasPreviousPage: true });
    expect(r.Records.map((x: { Id: number }) => x.Id)).toEqual(ids.slice(3, 6));
    const last = (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&page=3&size=3`, { as: 'admin' })).json;
    expect(last).toMatchObject({ HasNextPage: false, LastItem: 7 });
    const beyond = (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&page=9&size=3`, { as: 'admin' })).json;
    expect(beyond.Records).toEqual([]);
    const dflt = (await c.call('GET', p, { as: 'admin' })).json;
    expect(dflt).toMatchObject({ CurrentPage: 1, CurrentPageSize: 25 });
    expect((await c.call('GET', `${p}?size=5000`, { as: 'admin' })).json.CurrentPageSize).toBe(1000);
  });

  test('orderBy and dir (1 ascending, -1 descending)', async () => {
    const asc = (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&orderBy=Name&dir=1`, { as: 'admin' })).json;
    expect(asc.Records.map((x: { Name: string }) => x.Name)).toEqual([...Array(7)].map((_, i) => `List task ${i}`));
    expect(asc).toMatchObject({ CurrentOrderField: 'Name', CurrentSortDirection: 1 });
    const desc = (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&orderBy=DueDate&dir=-1`, { as: 'admin' })).json;
    expect(desc.Records.map((x: { Id: number }) => x.Id)).toEqual([...ids].reverse());
  });

  test('exact filters: FK by navigation name, booleans, strings, denormalized', async () => {
    const q = async (s: string) => (await c.call('GET', `${p}?${s}`, { as: 'admin' })).json;
    expect((await q(`CoworkerTask_Coworker=${cw}`)).TotalItems).toBe(7);
    expect((await q(`CoworkerTask_Coworker=${cw}&CoworkerTask_Completed=true`)).TotalItems).toBe(4);
    expect((await q(`CoworkerTask_Name=List%20task%203`)).Records.map((x: { Id: number }) => x.Id)).toEqual([ids[3]]);
    expect((await q(`CoworkerTask_Name=List%20task`)).TotalItems).toBe(0);
    expect((await q(`CoworkerTask_Coworker=1`)).TotalItems).toBe(0);
    expect((await q(`CoworkerTask_Responsible_FullName=Sandbox%20Admin&CoworkerTask_Coworker=${cw}`)).TotalItems).toBe(7);
  });

  test('range filters on dates (YYYY-MM-DDTHH:mm) incl. CreatedOn', async () => {
    const q = async (s: string) => (await c.call('GET', `${p}?CoworkerTask_Coworker=${cw}&${s}`, { as: 'admin' })).json;
    const r = await q('from_CoworkerTask_DueDate=2025-03-02T00:00&to_CoworkerTask_DueDate=2025-03-04T09:30');
    expect(r.Records.map((x: { Id: number }) => x.Id)).toEqual(ids.slice(1, 4));
    expect((await q('from_CoworkerTask_DueDate=2030-01-01T00:00')).TotalItems).toBe(0);
    expect((await q('from_CoworkerTask_CreatedOn=2000-01-01T00:00')).TotalItems).toBe(7);
    expect((await q('to_CoworkerTask_CreatedOn=2000-01-01T00:00')).TotalItems).toBe(0);
  });

  test('batch: JSON array of the known Ids; malformed id list is 400', async () => {
    const r = await c.call('GET', `${p}/?id=[${ids[0]},${ids[1]},1]`, { as: 'admin' });
    expect(r.json.map((x: { Id: number }) => x.Id)).toEqual([ids[0], ids[1]]);
    expect((await c.call('GET', `${p}?id=[a,b]`, { as: 'admin' })).status).toBe(400);
  });

  test('fixture list filter User_Email is exact', async () => {
    const r = await c.call('GET', '/api/sys/users?User_Email=reader@sandbox.nexudus.test', { as: 'nobody' });
    expect(r.json.TotalItems).toBe(1);
    expect((await c.call('GET', '/api/sys/users?User_Email=@sandbox.nexudus.test', { as: 'nobody' })).json.TotalItems).toBe(0);
  });
});

test.describe('seed pages: the curl examples answer as documented (real token and Ids)', () => {
  test('POST and PUT coworkerinventoryassets', async () => {
    const body = { CoworkerId: refs.coworkerId, BusinessId: refs.businessId, InventoryAssetId: refs.inventoryAssetId, AssignedFrom: '2025-01-15T10:30:00Z' };
    const post = await c.call('POST', '/api/spaces/coworkerinventoryassets', { as: 'admin', json: body });
    expect(post.json).toMatchObject({ Status: 200, Message: 'CoworkerInventoryAsset was successfully created.', WasSuccessful: true });
    const put = await c.call('PUT', '/api/spaces/coworkerinventoryassets', { as: 'admin', json: { ...body, Id: post.json.Value.Id } });
    expect(put.json).toMatchObject({ Status: 200, Message: 'CoworkerInventoryAsset was successfully updated.', Value: { Id: post.json.Value.Id } });
    const missing = await c.call('PUT', '/api/spaces/coworkerinventoryassets', { as: 'admin', json: { ...body, AssignedFrom: undefined, Id: post.json.Value.Id } });
    expect(missing).toMatchObject({ status: 400, json: { Message: 'AssignedFrom: is a required field', Value: null,
      Errors: [{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'AssignedFrom' }], WasSuccessful: false } });
  });

  test('PUT coworkertasks, coworkers, workspaces', async () => {
    const cases: [EntityDecl, Record<string, unknown>, string][] = [
      [CoworkerTask, { BusinessId: refs.businessId, CoworkerId: refs.coworkerId, Name: 'x', ResponsibleId: refs.responsibleId }, 'Name'],
      [Coworker, { FullName: 'x', Email: 'x@example.org', CountryId: refs.countryId, SimpleTimeZoneId: refs.simpleTimeZoneId }, 'FullName'],
      [Workspace, { BusinessId: refs.businessId, AdministratorId: refs.coworkerId, Name: 'x' }, 'Name'],
    ];
    for (const [e, body, field] of cases) {
      const id = await c.create(e, refs);
      const put = await c.call('PUT', resourcePath(e), { as: 'admin', json: { ...body, Id: id } });
      expect(put.json).toMatchObject({ Status: 200, Message: `${e.name} was successfully updated.`, Value: { Id: id }, Errors: null, WasSuccessful: true });
      const bad = await c.call('PUT', resourcePath(e), { as: 'admin', json: { ...body, [field]: '', Id: id } });
      expect(bad).toMatchObject({ status: 400, json: { Message: `${field}: is a required field`, Errors: [{ PropertyName: field }] } });
      expectSchema('envelope.validation-error.json', bad.json);
    }
  });
});

test('GET /api/openapi.json serves the catalogue document without auth', async () => {
  const r = await c.call('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  expect(r.json.openapi).toMatch(/^3\./);
});

test('unknown routes answer 404 JSON, wrong methods 405', async () => {
  expect((await c.call('GET', '/api/nope', { as: 'admin' })).status).toBe(404);
  expect((await c.call('PATCH', '/api/crm/coworkertasks', { as: 'admin' })).status).toBe(405);
  expect((await c.call('POST', '/api/sys/businesses', { as: 'admin' })).status).toBe(405);
});
