// Each knob answers its silent point the way it says. npx playwright test -c cleanroom/playwright.config.ts
import { test, expect } from '@playwright/test';
import { call, persona, token, tokenReply, uniq, withTenant } from './testkit.ts';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

test.describe('auth and token knobs', () => {
  test('unauthorizedBody json | text | empty (401 in every case, never 403)', async () => {
    for (const [mode, check] of [
      ['json', (text: string) => expect(JSON.parse(text).Message).toBeTruthy()],
      ['text', (text: string) => expect(text.length).toBeGreaterThan(0)],
      ['empty', (text: string) => expect(text).toBe('')],
    ] as const) {
      await withTenant({ knobs: { unauthorizedBody: mode } }, async ({ t }) => {
        const r = await call(t, 'GET', '/api/spaces/coworkers');
        expect(r.status).toBe(401);
        check(r.text);
        const nobody = await token(t, 'nobody');
        const denied = await call(t, 'GET', '/api/spaces/coworkers', { token: nobody });
        expect(denied.status).toBe(401);
        check(denied.text);
      });
    }
  });

  test('expiresIn, tokenResponseExtras', async () => {
    await withTenant({ knobs: { expiresIn: 1209599, tokenResponseExtras: true } }, async ({ t }) => {
      const r = await tokenReply(t, 'chief');
      expect(r.json.expires_in).toBe(1209599);
      expect(r.json.userName).toBe(persona(t, 'chief').username);
      expect(r.json['.expires']).toBeTruthy();
    });
  });

  test('fixtureAccess admin-only', async () => {
    await withTenant({ knobs: { fixtureAccess: 'admin-only' } }, async ({ t, as }) => {
      expect((await as('GET', '/api/sys/businesses')).status).toBe(200);
      const reader = await token(t, 'reader');
      expect((await call(t, 'GET', '/api/sys/businesses', { token: reader })).status).toBe(401);
      expect((await call(t, 'GET', '/api/spaces/coworkers', { token: reader })).status).toBe(200);
    });
  });

  test('rateLimitHeaders', async () => {
    await withTenant({ knobs: { rateLimitHeaders: true } }, async ({ as }) => {
      const r = await as('GET', '/api/sys/businesses');
      expect(r.headers.get('x-ratelimit-limit')).toBe('120');
    });
  });
});

test.describe('envelope knobs', () => {
  test('successMessage, deleteMessage, commandMessage, envelopeExtras, createValue, updateValue', async () => {
    await withTenant({
      knobs: { successMessage: '2020', deleteMessage: '2020', commandMessage: 'generic', envelopeExtras: 'none', createValue: 'record', updateValue: 'record' },
    }, async ({ as, f, newCoworker }) => {
      const cw = await newCoworker();
      const body = { BusinessId: f.businessId, CoworkerId: cw, Name: 'Call back', ResponsibleId: f.responsibleId };
      const c = await as('POST', '/api/crm/coworkertasks', body);
      expect(c.json.Message).toBe("Record 'Call back' has been succesfully created.");
      expect(c.json.Value.Name).toBe('Call back');
      expect('OpenInDialog' in c.json).toBe(false);
      const u = await as('PUT', '/api/crm/coworkertasks', { ...body, Id: c.json.Value.Id, Name: 'Called' });
      expect(u.json.Message).toBe("The record 'Called' was updated successfully");
      expect(u.json.Value).toMatchObject({ Id: c.json.Value.Id, Name: 'Called' });
      const d = await as('DELETE', `/api/crm/coworkertasks/${c.json.Value.Id}`);
      expect(d.json.Message).toBe('The record was deleted successfully.');
      const k = await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [cw], Parameters: [] });
      expect(k.json.Message).toBe('The command was executed successfully.');
    });
    await withTenant({ knobs: { envelopeExtras: 'all', errorStatusField: 'http' } }, async ({ as }) => {
      const r = await as('POST', '/api/crm/coworkertasks', {});
      expect(r.status).toBe(400);
      expect(r.json.Status).toBe(400);
      expect(r.json.OpenInDialog).toBe(false);
      expect(r.json.UpdatedOn).toMatch(ISO_Z);
    });
  });

  test('requiredMessage 2020, messageJoin, fkPropertyName', async () => {
    await withTenant({ knobs: { requiredMessage: '2020', messageJoin: 'semicolon' } }, async ({ as }) => {
      const r = await as('POST', '/api/spaces/coworkers', { Email: 'x@y.test', CountryId: 1 });
      expect(r.json.Errors).toEqual([
        { AttemptedValue: null, Message: 'may not be null or empty', PropertyName: 'FullName' },
        { AttemptedValue: null, Message: 'may not be null', PropertyName: 'SimpleTimeZone' },
      ]);
      expect(r.json.Message).toBe('FullName: may not be null or empty; SimpleTimeZone: may not be null');
    });
    for (const [join, msg] of [
      ['newline', 'FullName: is a required field\nEmail: is a required field'],
      ['first', 'FullName: is a required field'],
      ['last', 'Email: is a required field'],
    ] as const) {
      await withTenant({ knobs: { messageJoin: join, fkPropertyName: 'id' } }, async ({ as, f }) => {
        const r = await as('POST', '/api/spaces/coworkers', { CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId });
        expect(r.json.Message).toBe(msg);
        const fk = await as('POST', '/api/crm/coworkertasks', { Name: 'n' });
        expect(fk.json.Errors.map((e: { PropertyName: string }) => e.PropertyName)).toEqual(['BusinessId', 'CoworkerId', 'ResponsibleId']);
      });
    }
  });
});

test.describe('validation knobs', () => {
  test('unknownIdOnPut 404 | 400 | 200-false', async () => {
    for (const [mode, status] of [['404', 404], ['400', 400], ['200-false', 200]] as const) {
      await withTenant({ knobs: { unknownIdOnPut: mode } }, async ({ as, f }) => {
        const r = await as('PUT', '/api/crm/coworkertasks', { Id: 7777, BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: 'x', ResponsibleId: f.responsibleId });
        expect(r.status).toBe(status);
        if (status !== 404) expect(r.json.WasSuccessful).toBe(false);
        else expect(r.json).toBe('Not found');
      });
    }
  });

  test('invalidEnum, wrongTypes', async () => {
    await withTenant({}, async ({ as, f }) => {
      const e = await as('POST', '/api/spaces/coworkers', { FullName: 'E', Email: `${uniq()}@x.test`, CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId, Gender: 42 });
      expect(e.status).toBe(400);
      expect(e.json.Errors[0].PropertyName).toBe('Gender');
      const w = await as('POST', '/api/crm/coworkertasks', { BusinessId: String(f.businessId), CoworkerId: f.coworkerId, Name: 'n', ResponsibleId: f.responsibleId });
      expect(w.status).toBe(400);
      expect(w.json.Errors[0]).toMatchObject({ PropertyName: 'BusinessId', AttemptedValue: String(f.businessId) });
    });
    await withTenant({ knobs: { invalidEnum: 'accept', wrongTypes: 'coerce' } }, async ({ as, f }) => {
      const e = await as('POST', '/api/spaces/coworkers', { FullName: 'E', Email: `${uniq()}@x.test`, CountryId: String(f.countryId), SimpleTimeZoneId: f.simpleTimeZoneId, Gender: 42, CoworkerType: 'Company' });
      expect(e.status, e.text).toBe(200);
      const rec = (await as('GET', `/api/spaces/coworkers/${e.json.Value.Id}`)).json;
      expect(rec).toMatchObject({ Gender: 42, CoworkerType: 2, CountryId: f.countryId });
    });
  });

  test('assignedToBeforeFrom, dateOffsets, dateOnly, dateWithoutZone', async () => {
    const base = (f: { businessId: number; inventoryAssetId: number; coworkerId?: number }) => ({ CoworkerId: f.coworkerId, BusinessId: f.businessId, InventoryAssetId: f.inventoryAssetId });
    await withTenant({}, async ({ as, f }) => {
      expect((await as('POST', '/api/spaces/coworkerinventoryassets', { ...base(f), AssignedFrom: '2025-02-01T00:00:00Z', AssignedTo: '2025-01-01T00:00:00Z' })).status).toBe(400);
      const off = await as('POST', '/api/spaces/coworkerinventoryassets', { ...base(f), AssignedFrom: '2025-01-15T10:30:00+02:00', AssignedTo: '2025-03-01' });
      expect(off.status, off.text).toBe(200);
      const rec = (await as('GET', `/api/spaces/coworkerinventoryassets/${off.json.Value.Id}`)).json;
      expect(rec.AssignedFrom).toBe('2025-01-15T08:30:00Z');
      expect(rec.AssignedTo).toBe('2025-03-01T00:00:00Z');
      expect((await as('POST', '/api/spaces/coworkerinventoryassets', { ...base(f), AssignedFrom: '2025-01-15T10:30:00' })).status).toBe(200);
    });
    await withTenant({ knobs: { assignedToBeforeFrom: 'accept', dateOffsets: 'reject', dateOnly: 'reject', dateWithoutZone: 'reject' } }, async ({ as, f }) => {
      expect((await as('POST', '/api/spaces/coworkerinventoryassets', { ...base(f), AssignedFrom: '2025-02-01T00:00:00Z', AssignedTo: '2025-01-01T00:00:00Z' })).status).toBe(200);
      for (const d of ['2025-01-15T10:30:00+02:00', '2025-01-15', '2025-01-15T10:30:00']) {
        const r = await as('POST', '/api/spaces/coworkerinventoryassets', { ...base(f), AssignedFrom: d });
        expect(r.status, d).toBe(400);
        expect(r.json.Errors[0].PropertyName).toBe('AssignedFrom');
      }
    });
  });

  test('whitespaceRequired, propertyNameCase, emptyOptionalString, maxNameLength', async () => {
    await withTenant({}, async ({ as, f }) => {
      const body = { BusinessId: f.businessId, CoworkerId: f.coworkerId, ResponsibleId: f.responsibleId };
      expect((await as('POST', '/api/crm/coworkertasks', { ...body, Name: '   ' })).status).toBe(400);
      const lower = await as('POST', '/api/crm/coworkertasks', { businessid: f.businessId, coworkerid: f.coworkerId, responsibleid: f.responsibleId, name: 'lower', notes: '' });
      expect(lower.status).toBe(200);
      expect((await as('GET', `/api/crm/coworkertasks/${lower.json.Value.Id}`)).json.Notes).toBe('');
      expect((await as('POST', '/api/crm/coworkertasks', { ...body, Name: 'x'.repeat(1000) })).status).toBe(200);
    });
    await withTenant({ knobs: { whitespaceRequired: 'accept', propertyNameCase: 'exact', emptyOptionalString: 'null', maxNameLength: 255 } }, async ({ as, f }) => {
      const body = { BusinessId: f.businessId, CoworkerId: f.coworkerId, ResponsibleId: f.responsibleId };
      const ws = await as('POST', '/api/crm/coworkertasks', { ...body, Name: '   ', Notes: '' });
      expect(ws.status).toBe(200);
      expect((await as('GET', `/api/crm/coworkertasks/${ws.json.Value.Id}`)).json.Notes).toBeNull();
      const lower = await as('POST', '/api/crm/coworkertasks', { ...body, name: 'lower' });
      expect(lower.status).toBe(400);
      expect(lower.json.Errors[0].PropertyName).toBe('Name');
      expect((await as('POST', '/api/crm/coworkertasks', { ...body, Name: 'x'.repeat(256) })).status).toBe(400);
    });
  });

  test('unknownFk required | not-found | accept; idOnPost', async () => {
    for (const [mode, status, msg] of [['required', 400, 'is a required field'], ['not-found', 400, 'does not exist'], ['accept', 200, '']] as const) {
      await withTenant({ knobs: { unknownFk: mode } }, async ({ as, f }) => {
        const r = await as('POST', '/api/crm/coworkertasks', { BusinessId: f.businessId, CoworkerId: 5, Name: 'n', ResponsibleId: f.responsibleId });
        expect(r.status).toBe(status);
        if (status === 400) expect(r.json.Errors).toEqual([{ AttemptedValue: 5, Message: msg, PropertyName: 'Coworker' }]);
      });
    }
    await withTenant({}, async ({ as, f }) => {
      const r = await as('POST', '/api/crm/coworkertasks', { Id: 99, BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: 'n', ResponsibleId: f.responsibleId });
      expect(r.status).toBe(200);
      expect(r.json.Value.Id).not.toBe(99);
    });
    await withTenant({ knobs: { idOnPost: 'reject' } }, async ({ as, f }) => {
      const r = await as('POST', '/api/crm/coworkertasks', { Id: 99, BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: 'n', ResponsibleId: f.responsibleId });
      expect(r.status).toBe(400);
      expect(r.json.Errors[0].PropertyName).toBe('Id');
    });
  });

  test('duplicateEmail, emailFormat, nonJsonBody', async () => {
    await withTenant({}, async ({ t, as, f, newCoworker }) => {
      const email = `dup-${uniq()}@x.test`;
      await newCoworker({ Email: email });
      const again = await as('POST', '/api/spaces/coworkers', { FullName: 'D', Email: email.toUpperCase(), CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId });
      expect(again.status).toBe(400);
      const bad = await as('POST', '/api/spaces/coworkers', { FullName: 'D', Email: 'not-an-email', CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId });
      expect(bad.status).toBe(400);
      const admin = await token(t, 'chief');
      const txt = await call(t, 'POST', '/api/crm/coworkertasks', { token: admin, raw: 'Name=x', contentType: 'text/plain' });
      expect(txt.status).toBe(400);
    });
    await withTenant({ knobs: { duplicateEmail: 'accept', emailFormat: 'accept', nonJsonBody: '415' } }, async ({ t, as, f, newCoworker }) => {
      const email = `dup-${uniq()}@x.test`;
      await newCoworker({ Email: email });
      expect((await as('POST', '/api/spaces/coworkers', { FullName: 'D', Email: email, CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId })).status).toBe(200);
      expect((await as('POST', '/api/spaces/coworkers', { FullName: 'D', Email: 'not-an-email', CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId })).status).toBe(200);
      const admin = await token(t, 'chief');
      expect((await call(t, 'POST', '/api/crm/coworkertasks', { token: admin, raw: 'Name=x', contentType: 'text/plain' })).status).toBe(415);
    });
  });

  test('coworkerRequired playground14 (a client sending all 14 still passes), attendanceDefault, engagementWritable', async () => {
    await withTenant({ knobs: { coworkerRequired: 'playground14' } }, async ({ as, f, newCoworker }) => {
      const four = await as('POST', '/api/spaces/coworkers', { FullName: 'F', Email: `${uniq()}@x.test`, CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId });
      expect(four.status).toBe(400);
      expect(four.json.Errors).toHaveLength(10);
      await newCoworker();
    });
    await withTenant({}, async ({ as, f }) => {
      const r = await as('POST', '/api/spaces/coworkers', { FullName: 'F', Email: `${uniq()}@x.test`, CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId, ChurnProbability: 0.4, EngagementLevel: 'High' });
      const rec = (await as('GET', `/api/spaces/coworkers/${r.json.Value.Id}`)).json;
      expect(rec).toMatchObject({ CoworkerType: 1, Gender: 1, TaxRateType: 1, MondayAttendance: 5, ChurnProbability: 0.4, EngagementLevel: 'High', Active: true });
    });
    await withTenant({ knobs: { attendanceDefault: 'null', engagementWritable: false } }, async ({ as, f }) => {
      const r = await as('POST', '/api/spaces/coworkers', { FullName: 'F', Email: `${uniq()}@x.test`, CountryId: f.countryId, SimpleTimeZoneId: f.simpleTimeZoneId, ChurnProbability: 0.4 });
      const rec = (await as('GET', `/api/spaces/coworkers/${r.json.Value.Id}`)).json;
      expect(rec).toMatchObject({ MondayAttendance: null, ChurnProbability: null });
    });
  });

  test('dueDateLocal, PUT full replace clears omitted fields', async () => {
    for (const mode of ['independent', 'mirror'] as const) {
      await withTenant({ knobs: { dueDateLocal: mode } }, async ({ as, f }) => {
        const body = { BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: 'due', ResponsibleId: f.responsibleId };
        const c = await as('POST', '/api/crm/coworkertasks', { ...body, DueDate: '2026-04-28T00:00:00Z', Notes: 'keep?', Completed: true });
        const rec = (await as('GET', `/api/crm/coworkertasks/${c.json.Value.Id}`)).json;
        expect(rec.DueDateLocal).toBe(mode === 'mirror' ? '2026-04-28T00:00:00Z' : null);
        await as('PUT', '/api/crm/coworkertasks', { ...body, Id: c.json.Value.Id });
        const after = (await as('GET', `/api/crm/coworkertasks/${c.json.Value.Id}`)).json;
        expect(after).toMatchObject({ Notes: null, Completed: false, DueDate: null });
      });
    }
  });

  test('membersPrecedence', async () => {
    const cases = [
      ['members-then-modifiers', (a: number, b: number, c: number) => [a, b, c]],
      ['members-wins', (a: number, b: number) => [a, b]],
      ['modifiers-win', (a: number, _b: number, c: number) => [a, c]],
    ] as const;
    for (const [mode, expected] of cases) {
      await withTenant({ knobs: { membersPrecedence: mode } }, async ({ as, f, newCoworker }) => {
        const [a, b, c] = [await newCoworker(), await newCoworker(), await newCoworker()];
        const body = { BusinessId: f.businessId, AdministratorId: a, Name: 'ws' };
        const w = await as('POST', '/api/collaboration/workspaces', { ...body, Members: [a] });
        const id = w.json.Value.Id;
        // stored [a]; Members says [a, b]; AddedMembers says +c
        await as('PUT', '/api/collaboration/workspaces', { ...body, Id: id, Members: [a, b], AddedMembers: [c] });
        const rec = (await as('GET', `/api/collaboration/workspaces/${id}`)).json;
        expect(rec.Members, mode).toEqual(expected(a, b, c));
        expect('AddedMembers' in rec).toBe(false);
      });
    }
  });
});

test.describe('record and list knobs', () => {
  test('recordShape base | written | documented | most, modifierListsInRecords, listProjection', async () => {
    const base = ['Id', 'UniqueId', 'CreatedOn', 'UpdatedOn', 'UpdatedBy', 'IsNew', 'SystemId'];
    await withTenant({ knobs: { recordShape: 'base' } }, async ({ as, f }) => {
      const rec = (await as('GET', `/api/collaboration/workspaces/${(await as('POST', '/api/collaboration/workspaces', { BusinessId: f.businessId, AdministratorId: f.coworkerId, Name: 'b' })).json.Value.Id}`)).json;
      expect(Object.keys(rec).sort()).toEqual([...base].sort());
    });
    await withTenant({ knobs: { recordShape: 'written' } }, async ({ as, f }) => {
      const id = (await as('POST', '/api/collaboration/workspaces', { BusinessId: f.businessId, AdministratorId: f.coworkerId, Name: 'w' })).json.Value.Id;
      const rec = (await as('GET', `/api/collaboration/workspaces/${id}`)).json;
      expect('Description' in rec).toBe(false);
      expect(rec.Name).toBe('w');
    });
    await withTenant({ knobs: { recordShape: 'most', modifierListsInRecords: true, listProjection: 'full' } }, async ({ as, f }) => {
      const id = (await as('POST', '/api/collaboration/workspaces', { BusinessId: f.businessId, AdministratorId: f.coworkerId, Name: 'm', Members: [f.coworkerId] })).json.Value.Id;
      const rec = (await as('GET', `/api/collaboration/workspaces/${id}`)).json;
      expect(rec).toMatchObject({ AddedMembers: null, RemovedMembers: null, BusinessName: 'Cleanroom Central', Description: null, ToStringText: 'm' });
      const list = (await as('GET', '/api/collaboration/workspaces')).json;
      expect(list.Records[0].Members).toEqual([f.coworkerId]);
    });
    await withTenant({}, async ({ as, f }) => {
      const id = (await as('POST', '/api/collaboration/workspaces', { BusinessId: f.businessId, AdministratorId: f.coworkerId, Name: 'd', Members: [f.coworkerId] })).json.Value.Id;
      const rec = (await as('GET', `/api/collaboration/workspaces/${id}`)).json;
      expect(rec.Members).toEqual([f.coworkerId]);
      expect('AddedMembers' in rec).toBe(false);
      const list = (await as('GET', '/api/collaboration/workspaces')).json;
      expect('Members' in list.Records[0]).toBe(false);
    });
  });

  test('inventoryAssetValue, coworkerCoworkerType, datePrecision, idStyle', async () => {
    for (const [value, type, precision, re] of [
      ['number', 'enum-name', 'trimmed', /^2025-01-15T10:30:00Z$/],
      ['string', 'description', 7, /^2025-01-15T10:30:00\.0000000Z$/],
      ['number', 'enum-name', 0, /^2025-01-15T10:30:00Z$/],
    ] as const) {
      await withTenant({ knobs: { inventoryAssetValue: value, coworkerCoworkerType: type, datePrecision: precision } }, async ({ as, f }) => {
        const id = (await as('POST', '/api/spaces/coworkerinventoryassets', { CoworkerId: f.coworkerId, BusinessId: f.businessId, InventoryAssetId: f.inventoryAssetId, AssignedFrom: '2025-01-15T10:30:00.000Z' })).json.Value.Id;
        const rec = (await as('GET', `/api/spaces/coworkerinventoryassets/${id}`)).json;
        expect(typeof rec.InventoryAssetValue).toBe(value);
        expect(rec.CoworkerCoworkerType).toBe(type === 'enum-name' ? 'Individual' : 'Member');
        expect(rec.AssignedFrom).toMatch(re);
        expect(rec.CreatedOn).toMatch(ISO_Z);
        if (precision === 0) expect(rec.CreatedOn).not.toContain('.');
      });
    }
    await withTenant({ knobs: { idStyle: 'small' } }, async ({ f }) => {
      expect(f.businessId).toBeLessThan(100);
    });
  });

  test('sortDirection, dirEncoding, pageNumberFields, stringFilter, maxPageSize, batchUnknownIds', async () => {
    await withTenant({}, async ({ as, f }) => {
      for (const n of ['b', 'a', 'c']) await as('POST', '/api/crm/coworkertasks', { BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: n, ResponsibleId: f.responsibleId });
      const desc = (await as('GET', '/api/crm/coworkertasks?orderBy=Name&dir=-1')).json;
      expect(desc.Records.map((r: { Name: string }) => r.Name)).toEqual(['c', 'b', 'a']);
      expect(desc.CurrentSortDirection).toBe(-1);
      expect('PageNumber' in desc).toBe(false);
      expect((await as('GET', '/api/crm/coworkertasks?CoworkerTask_Name=A')).json.TotalItems).toBe(0);
      const paged = (await as('GET', '/api/crm/coworkertasks?page=2&size=2')).json;
      expect(paged).toMatchObject({ CurrentPage: 2, CurrentPageSize: 2, TotalItems: 3, TotalPages: 2, FirstItem: 3, LastItem: 3, HasNextPage: false, HasPreviousPage: true });
      expect((await as('GET', '/api/crm/coworkertasks?size=5000')).json.CurrentPageSize).toBe(1000);
      const ids = (await as('GET', '/api/crm/coworkertasks')).json.Records.map((r: { Id: number }) => r.Id);
      const batch = await as('GET', `/api/crm/coworkertasks?id=[${ids[0]},123]`);
      expect(batch.json.map((r: { Id: number }) => r.Id)).toEqual([ids[0]]);
    });
    await withTenant({ knobs: { sortDirection: 'string', dirEncoding: '0/1', pageNumberFields: true, stringFilter: 'exact-ci', maxPageSize: 100000, batchUnknownIds: '404' } }, async ({ as, f }) => {
      for (const n of ['b', 'a', 'c']) await as('POST', '/api/crm/coworkertasks', { BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: n, ResponsibleId: f.responsibleId });
      const desc = (await as('GET', '/api/crm/coworkertasks?orderBy=Name&dir=1')).json;
      expect(desc.Records.map((r: { Name: string }) => r.Name)).toEqual(['c', 'b', 'a']);
      expect(desc.CurrentSortDirection).toBe('DESC');
      expect(desc).toMatchObject({ PageNumber: 1, PageSize: 25 });
      expect((await as('GET', '/api/crm/coworkertasks?CoworkerTask_Name=A')).json.TotalItems).toBe(1);
      expect((await as('GET', '/api/crm/coworkertasks?size=5000')).json.CurrentPageSize).toBe(5000);
      const ids = (await as('GET', '/api/crm/coworkertasks')).json.Records.map((r: { Id: number }) => r.Id);
      expect((await as('GET', `/api/crm/coworkertasks?id=[${ids[0]},123456]`)).status).toBe(404);
    });
  });
});

test.describe('deletion knobs', () => {
  test('coworkerDelete soft (Active=false, still listed) with deletedCoworkerGet 200 | 401 | 404', async () => {
    for (const get of [200, 401, 404] as const) {
      await withTenant({ knobs: { deletedCoworkerGet: get } }, async ({ as, newCoworker }) => {
        const id = await newCoworker();
        const d = await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] });
        expect(d.json.WasSuccessful).toBe(true);
        const g = await as('GET', `/api/spaces/coworkers/${id}`);
        expect(g.status).toBe(get);
        if (get === 200) expect(g.json.Active).toBe(false);
        const list = (await as('GET', `/api/spaces/coworkers?Coworker_Id=${id}`)).json;
        expect(list.Records.map((r: { Id: number }) => r.Id)).toEqual([id]);
      });
    }
  });

  test('coworkerDelete hard; deletedCoworkerReference 400 | 401 | accept', async () => {
    await withTenant({ knobs: { coworkerDelete: 'hard' } }, async ({ as, newCoworker }) => {
      const id = await newCoworker();
      await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] });
      expect((await as('GET', `/api/spaces/coworkers/${id}`)).status).toBe(404);
      expect((await as('GET', `/api/spaces/coworkers?Coworker_Id=${id}`)).json.TotalItems).toBe(0);
    });
    for (const [mode, status] of [['400', 400], ['401', 401], ['accept', 200]] as const) {
      await withTenant({ knobs: { deletedCoworkerReference: mode } }, async ({ as, f, newCoworker }) => {
        const id = await newCoworker();
        await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] });
        const r = await as('POST', '/api/spaces/coworkerinventoryassets', { CoworkerId: id, BusinessId: f.businessId, InventoryAssetId: f.inventoryAssetId, AssignedFrom: '2025-01-15T10:30:00Z' });
        expect(r.status).toBe(status);
      });
    }
  });

  test('coworkerPlainDelete 405 | 404 | 400 never deletes; commandUnknownIds; blockedDelete', async () => {
    for (const status of [405, 404, 400] as const) {
      await withTenant({ knobs: { coworkerPlainDelete: status } }, async ({ as, newCoworker }) => {
        const id = await newCoworker();
        expect((await as('DELETE', `/api/spaces/coworkers/${id}`)).status).toBe(status);
        expect((await as('GET', `/api/spaces/coworkers/${id}`)).json.Active).toBe(true);
      });
    }
    await withTenant({}, async ({ as, newCoworker }) => {
      const id = await newCoworker();
      const r = await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id, 987654], Parameters: [] });
      expect(r.status).toBe(200);
      expect(r.json.WasSuccessful).toBe(false);
      expect((await as('GET', `/api/spaces/coworkers/${id}`)).json.Active).toBe(true);
    });
    await withTenant({ knobs: { commandUnknownIds: 'skip', blockedDelete: 'coworker-with-children' } }, async ({ as, f, newCoworker }) => {
      const id = await newCoworker();
      const task = await as('POST', '/api/crm/coworkertasks', { BusinessId: f.businessId, CoworkerId: id, Name: 'child', ResponsibleId: f.responsibleId });
      const blocked = await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] });
      expect(blocked.status).toBe(200);
      expect(blocked.json.WasSuccessful).toBe(false);
      expect(blocked.json.Message).toContain('You must delete all');
      await as('DELETE', `/api/crm/coworkertasks/${task.json.Value.Id}`);
      const ok = await as('POST', '/api/spaces/coworkers/runcommand', { Key: 'COWORKER_DELETE', Ids: [id, 987654], Parameters: [] });
      expect(ok.json.WasSuccessful).toBe(true);
    });
  });
});
