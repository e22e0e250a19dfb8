// nexudus-api.md §2, §1.2: request bodies are closed and require the documented fields; records are open
// and require every documented field; response dates carry 0 to 7 fractional digits.
import { test, expect } from '@playwright/test';
import { ENTITIES } from '../../api/catalogue/entities.ts';
import { endpoint, slug } from '../../api/catalogue/endpoints.ts';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import { minimalObject, schemaById } from './samples.ts';

const EXTRA = 'NotADocumentedField';

for (const e of ENTITIES) {
  for (const verb of ['post', 'put'] as const) {
    const id = `${slug(e)}.${verb}.json`;
    const required = schemaById(id).required as string[];

    test(`${id}: required fields are the catalogue's ${verb === 'post' ? 'create' : 'update'} endpoint's`, () => {
      expect(required).toEqual(endpoint(e, verb === 'post' ? 'create' : 'update').required);
      if (verb === 'put') expect(required).toContain('Id');
    });

    test(`${id}: a body with exactly the required fields is valid`, () => {
      const r = validate(id, minimalObject(id));
      expect(r.valid, describeErrors(r.errors)).toBe(true);
    });

    for (const field of required) {
      test(`${id}: rejects a body missing ${field}`, () => {
        const body = minimalObject(id);
        delete body[field];
        const r = validate(id, body);
        expect(r.valid).toBe(false);
        expect(r.errors.map((x) => x.params)).toContainEqual({ missingProperty: field });
      });
    }

    test(`${id}: rejects an unknown extra field`, () => {
      const r = validate(id, { ...minimalObject(id), [EXTRA]: 1 });
      expect(r.valid).toBe(false);
      expect(r.errors.map((x) => x.params)).toContainEqual({ additionalProperty: EXTRA });
    });
  }

  for (const kind of ['record', 'list-item'] as const) {
    const id = `${slug(e)}.${kind}.json`;

    test(`${id}: accepts a record with extra (undocumented) fields`, () => {
      const r = validate(id, { ...minimalObject(id), [EXTRA]: 'tenants add fields' });
      expect(r.valid, describeErrors(r.errors)).toBe(true);
    });

    // GET one records carry the base fields (nexudus-api.md §1); list records are a reduced projection: only Id
    const guaranteed = kind === 'record' ? 'UniqueId' : 'Id';
    test(`${id}: rejects a record missing ${guaranteed}`, () => {
      const rec = minimalObject(id);
      expect(rec).toHaveProperty(guaranteed);
      delete rec[guaranteed];
      expect(validate(id, rec).valid).toBe(false);
    });

    test(`${id}: accepts a record without any documented request field (which fields a record carries is silent)`, () => {
      const rec = minimalObject(id);
      for (const f of Object.keys(e.fields)) expect(rec, f).not.toHaveProperty(f);
      const r = validate(id, rec);
      expect(r.valid, describeErrors(r.errors)).toBe(true);
    });

    for (const [label, when] of [['0', '2026-02-17T00:00:00Z'], ['7', '2026-08-27T08:29:18.7760862Z']]) {
      test(`${id}: accepts CreatedOn/UpdatedOn with ${label} fractional digits`, () => {
        const r = validate(id, { ...minimalObject(id), CreatedOn: when, UpdatedOn: when });
        expect(r.valid, describeErrors(r.errors)).toBe(true);
      });
    }

    test(`${id}: rejects a CreatedOn that is not a date-time`, () => {
      expect(validate(id, { ...minimalObject(id), CreatedOn: '17/02/2026' }).valid).toBe(false);
    });
  }

  test(`${slug(e)}.list.json: accepts a page of open records, rejects a record missing Id`, () => {
    const id = `${slug(e)}.list.json`;
    const item: Record<string, unknown> = { ...minimalObject(`${slug(e)}.list-item.json`), [EXTRA]: true };
    const page = { ...minimalObject(id), Records: [item] };
    const ok = validate(id, page);
    expect(ok.valid, describeErrors(ok.errors)).toBe(true);
    const { Id: _u, ...missing } = item;
    void _u;
    expect(validate(id, { ...page, Records: [missing] }).valid).toBe(false);
  });

  test(`${slug(e)}.batch.json: accepts an array of open records, rejects a record missing UniqueId`, () => {
    const id = `${slug(e)}.batch.json`;
    const rec: Record<string, unknown> = { ...minimalObject(`${slug(e)}.record.json`), [EXTRA]: true };
    const ok = validate(id, [rec, rec]);
    expect(ok.valid, describeErrors(ok.errors)).toBe(true);
    const { UniqueId: _u, ...missing } = rec;
    void _u;
    expect(validate(id, [rec, missing]).valid).toBe(false);
  });
}

test('disputed types pass in every documented reading: InventoryAssetValue string or number, CoworkerCoworkerType name or int, CurrentSortDirection int or "ASC"', () => {
  const rec = minimalObject('coworkerinventoryasset.record.json');
  for (const v of ['350.0', 350, 0, null]) expect(validate('coworkerinventoryasset.record.json', { ...rec, InventoryAssetValue: v }).valid, String(v)).toBe(true);
  for (const v of ['Individual', 1]) expect(validate('coworkerinventoryasset.record.json', { ...rec, CoworkerCoworkerType: v }).valid, String(v)).toBe(true);
  expect(validate('coworkerinventoryasset.record.json', { ...rec, InventoryAssetValue: true }).valid).toBe(false);
  const page = minimalObject('envelope.list.json');
  for (const v of [1, 0, -1, 'ASC', 'DESC']) expect(validate('envelope.list.json', { ...page, CurrentSortDirection: v }).valid, String(v)).toBe(true);
});
