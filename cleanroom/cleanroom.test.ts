// Self-test of the clean-room tenant: npx playwright test -c cleanroom/playwright.config.ts
import { test, expect } from '@playwright/test';
import { startCleanroom, PRESETS, KNOB_NAMES, SILENT_POINTS, type CleanroomTenant, type CleanroomOptions } from './index.ts';
import { call, persona, adminName, token, fixtures, coworkerBody, uniq, type Fixtures, type Persona } from './testkit.ts';


async function crudAll(t: CleanroomTenant): Promise<void> {
  const admin = await token(t, adminName(t));
  const f = await fixtures(t, admin);
  const tag = uniq();

  // Coworker: create, read, update (full replace), delete through COWORKER_DELETE
  const cwBody = coworkerBody(f, tag);
  const c = await call(t, 'POST', '/api/spaces/coworkers', { token: admin, body: cwBody });
  expect(c.status, c.text).toBe(200);
  expect(c.json.WasSuccessful).toBe(true);
  expect(c.json.Errors).toBeNull();
  const coworkerId = c.json.Value.Id as number;
  expect(Number.isInteger(coworkerId)).toBe(true);
  const cr = await call(t, 'GET', `/api/spaces/coworkers/${coworkerId}`, { token: admin });
  expect(cr.status).toBe(200);
  expect(cr.json.Id).toBe(coworkerId);
  if ('FullName' in cr.json) expect(cr.json.FullName).toBe(cwBody.FullName);
  const cu = await call(t, 'PUT', '/api/spaces/coworkers', { token: admin, body: { ...cwBody, Id: coworkerId, FullName: `Renamed ${tag}` } });
  expect(cu.status, cu.text).toBe(200);
  expect(cu.json.WasSuccessful).toBe(true);
  expect(cu.json.Value.Id).toBe(coworkerId);
  const cr2 = await call(t, 'GET', `/api/spaces/coworkers/${coworkerId}`, { token: admin });
  if ('FullName' in cr2.json) expect(cr2.json.FullName).toBe(`Renamed ${tag}`);
  const batch = await call(t, 'GET', `/api/spaces/coworkers?id=[${coworkerId}]`, { token: admin });
  expect(batch.status).toBe(200);
  expect(Array.isArray(batch.json)).toBe(true);
  expect(batch.json[0].Id).toBe(coworkerId);

  // CoworkerTask
  const taskBody = { BusinessId: f.businessId, CoworkerId: coworkerId, Name: `Task ${tag}`, ResponsibleId: f.responsibleId };
  const tc = await call(t, 'POST', '/api/crm/coworkertasks', { token: admin, body: taskBody });
  expect(tc.status, tc.text).toBe(200);
  const taskId = tc.json.Value.Id as number;
  const tr = await call(t, 'GET', `/api/crm/coworkertasks/${taskId}`, { token: admin });
  expect(tr.status).toBe(200);
  expect(tr.json.Id).toBe(taskId);
  const tu = await call(t, 'PUT', '/api/crm/coworkertasks', { token: admin, body: { ...taskBody, Id: taskId, Completed: true } });
  expect(tu.status, tu.text).toBe(200);
  expect(tu.json.WasSuccessful).toBe(true);
  const tr2 = await call(t, 'GET', `/api/crm/coworkertasks/${taskId}`, { token: admin });
  if ('Completed' in tr2.json) expect(tr2.json.Completed).toBe(true);

  // CoworkerInventoryAsset
  const assetBody = { CoworkerId: coworkerId, BusinessId: f.businessId, InventoryAssetId: f.inventoryAssetId, AssignedFrom: '2025-01-15T10:30:00Z' };
  const ac = await call(t, 'POST', '/api/spaces/coworkerinventoryassets', { token: admin, body: assetBody });
  expect(ac.status, ac.text).toBe(200);
  const assetId = ac.json.Value.Id as number;
  const au = await call(t, 'PUT', '/api/spaces/coworkerinventoryassets', {
    token: admin, body: { ...assetBody, Id: assetId, AssignedTo: '2025-03-01T00:00:00Z', Notes: 'returned' },
  });
  expect(au.status, au.text).toBe(200);
  const ar = await call(t, 'GET', `/api/spaces/coworkerinventoryassets/${assetId}`, { token: admin });
  expect(ar.status).toBe(200);
  if ('Notes' in ar.json) expect(ar.json.Notes).toBe('returned');
  if ('AssignedFrom' in ar.json) expect(Date.parse(ar.json.AssignedFrom)).toBe(Date.parse('2025-01-15T10:30:00Z'));

  // Workspace
  const wsBody = { BusinessId: f.businessId, AdministratorId: coworkerId, Name: `Space ${tag}`, Members: [coworkerId] };
  const wc = await call(t, 'POST', '/api/collaboration/workspaces', { token: admin, body: wsBody });
  expect(wc.status, wc.text).toBe(200);
  const wsId = wc.json.Value.Id as number;
  const wu = await call(t, 'PUT', '/api/collaboration/workspaces', { token: admin, body: { ...wsBody, Id: wsId, Description: 'desc' } });
  expect(wu.status, wu.text).toBe(200);
  const wr = await call(t, 'GET', `/api/collaboration/workspaces/${wsId}`, { token: admin });
  expect(wr.status).toBe(200);
  if ('Members' in wr.json) expect(wr.json.Members).toEqual([coworkerId]);

  // lists
  const list = await call(t, 'GET', `/api/crm/coworkertasks?page=1&size=5&CoworkerTask_Name=${encodeURIComponent(`Task ${tag}`)}`, { token: admin });
  expect(list.status).toBe(200);
  expect(list.json.TotalItems).toBe(1);
  expect(list.json.Records[0].Id).toBe(taskId);

  // deletes: children first, then the coworker through runcommand
  for (const [path, id] of [
    ['/api/crm/coworkertasks', taskId],
    ['/api/spaces/coworkerinventoryassets', assetId],
    ['/api/collaboration/workspaces', wsId],
  ] as const) {
    const d = await call(t, 'DELETE', `${path}/${id}`, { token: admin });
    expect(d.status, d.text).toBe(200);
    expect(d.json.WasSuccessful).toBe(true);
    expect(d.json.Value).toBeNull();
    expect((await call(t, 'GET', `${path}/${id}`, { token: admin })).status).toBe(404);
  }
  const plain = await call(t, 'DELETE', `/api/spaces/coworkers/${coworkerId}`, { token: admin });
  expect(plain.status).toBeGreaterThanOrEqual(400);
  expect(plain.status).toBeLessThan(500);
  expect((await call(t, 'GET', `/api/spaces/coworkers/${coworkerId}`, { token: admin })).status).toBe(200);
  const del = await call(t, 'POST', '/api/spaces/coworkers/runcommand', {
    token: admin, body: { Key: 'COWORKER_DELETE', Ids: [coworkerId], Parameters: [] },
  });
  expect(del.status, del.text).toBe(200);
  expect(del.json.WasSuccessful, del.text).toBe(true);
  const after = await call(t, 'GET', `/api/spaces/coworkers/${coworkerId}`, { token: admin });
  expect([200, 401, 404]).toContain(after.status);
  if (after.status === 200) expect(after.json.Id).toBe(coworkerId);
}

// ------------------------------------------------------------------------------------------------

test.describe('presets', () => {
  for (const preset of Object.keys(PRESETS) as NonNullable<CleanroomOptions['preset']>[]) {
    test(`${preset}: starts, profile is well-formed, CRUD on all four entities as the admin`, async () => {
      const t = await startCleanroom({ preset });
      try {
        expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(t.profile.name).toBe(`cleanroom-${preset}`);
        expect(t.profile.baseUrl).toBe(t.url);
        expect(t.profile.allowWrites).toBe(true);
        expect(t.profile.tokenLifetimeSeconds).toBeUndefined();
        const personas = Object.values(t.profile.personas as Record<string, Persona>);
        expect(personas[0].fullAdmin).toBe(true);
        expect(personas.filter((p) => p.fullAdmin)).toHaveLength(1);
        for (const p of personas.slice(1)) {
          for (const r of p.roles ?? []) expect(r).toMatch(/^[A-Za-z]+-(List|Read|Create|Edit|Delete)$/);
        }
        await crudAll(t);
      } finally {
        await t.close();
      }
    });
  }
});

test.describe('default preset', () => {
  let t: CleanroomTenant;
  test.beforeAll(async () => {
    t = await startCleanroom({ preset: 'default' });
  });
  test.afterAll(async () => {
    await t.close();
  });

  test('token: password, refresh, errors', async () => {
    const p = persona(t, 'chief');
    const r = await call(t, 'POST', '/api/token', { form: `grant_type=password&username=${encodeURIComponent(p.username)}&password=${encodeURIComponent(p.password)}` });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(r.json.token_type).toBe('bearer');
    expect(r.json.expires_in).toBe(604799);
    const refreshed = await call(t, 'POST', '/api/token', { form: `grant_type=refresh_token&refresh_token=${r.json.refresh_token}` });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).not.toBe(r.json.access_token);
    // the earlier refresh token of that client id is now invalid; the earlier access token still works
    const again = await call(t, 'POST', '/api/token', { form: `grant_type=refresh_token&refresh_token=${r.json.refresh_token}` });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: 'invalid_grant' });
    expect((await call(t, 'GET', '/api/sys/businesses', { token: r.json.access_token })).status).toBe(200);
    const wrong = await call(t, 'POST', '/api/token', { form: `grant_type=password&username=${encodeURIComponent(p.username)}&password=nope` });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' });
    const invalid = await call(t, 'POST', '/api/token', { form: 'grant_type=INVALID&username=INVALID&password=INVALID' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toBe('unsupported_grant_type');
    const asJson = await call(t, 'POST', '/api/token', { body: { grant_type: 'password', username: p.username, password: p.password } });
    expect(asJson.status).toBe(400);
    expect(asJson.json.error).toBe('unsupported_grant_type');
  });

  test('400 required-field envelope, nothing stored', async () => {
    const admin = await token(t, 'chief');
    const f = t.profile.fixtures as Fixtures & { coworkerId: number };
    const before = (await call(t, 'GET', '/api/spaces/coworkerinventoryassets', { token: admin })).json.TotalItems;
    const r = await call(t, 'POST', '/api/spaces/coworkerinventoryassets', {
      token: admin, body: { CoworkerId: f.coworkerId, BusinessId: f.businessId, InventoryAssetId: f.inventoryAssetId },
    });
    expect(r.status).toBe(400);
    // exactly the seed pages' 400 example
    expect(r.json).toEqual({
      Message: 'AssignedFrom: is a required field',
      Value: null,
      Errors: [{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'AssignedFrom' }],
      WasSuccessful: false,
    });
    for (const bad of [null, '']) {
      const r2 = await call(t, 'PUT', '/api/crm/coworkertasks', {
        token: admin, body: { Id: 1, BusinessId: f.businessId, CoworkerId: f.coworkerId, ResponsibleId: f.responsibleId, Name: bad },
      });
      expect([400, 404]).toContain(r2.status);
    }
    const after = (await call(t, 'GET', '/api/spaces/coworkerinventoryassets', { token: admin })).json.TotalItems;
    expect(after).toBe(before);
    const broken = await call(t, 'POST', '/api/crm/coworkertasks', { token: admin, raw: '{"Name": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.WasSuccessful).toBe(false);
  });

  test('401 without credentials and for a persona lacking the role; no side effect', async () => {
    const f = t.profile.fixtures as Fixtures & { coworkerId: number };
    expect((await call(t, 'GET', '/api/crm/coworkertasks')).status).toBe(401);
    expect((await call(t, 'GET', '/api/crm/coworkertasks', { token: 'not-a-token' })).status).toBe(401);
    const admin = await token(t, 'chief');
    const count = async () => (await call(t, 'GET', '/api/crm/coworkertasks', { token: admin })).json.TotalItems as number;
    const before = await count();
    const body = { BusinessId: f.businessId, CoworkerId: f.coworkerId, Name: 'denied', ResponsibleId: f.responsibleId };
    for (const name of ['nobody', 'reader', 'editor', 'wsowner']) {
      const r = await call(t, 'POST', '/api/crm/coworkertasks', { token: await token(t, name), body });
      expect(r.status, name).toBe(401);
    }
    // HTTP Basic authenticates too, and is refused the same way
    const nobody = persona(t, 'nobody');
    expect((await call(t, 'POST', '/api/crm/coworkertasks', { basic: `${nobody.username}:${nobody.password}`, body })).status).toBe(401);
    expect(await count()).toBe(before);
    // the right roles, including the 2020 lower-case spelling, are honoured
    const maker = await token(t, 'maker');
    const made = await call(t, 'POST', '/api/crm/coworkertasks', { token: maker, body });
    expect(made.status).toBe(200);
    expect((await call(t, 'GET', '/api/crm/coworkertasks', { token: maker })).status).toBe(401);
    const editor = await token(t, 'editor');
    const edited = await call(t, 'PUT', '/api/crm/coworkertasks', { token: editor, body: { ...body, Id: made.json.Value.Id, Name: 'edited' } });
    expect(edited.status).toBe(200);
    const reader = await token(t, 'reader');
    expect((await call(t, 'GET', `/api/crm/coworkertasks/${made.json.Value.Id}`, { token: reader })).json.Name).toBe('edited');
    expect((await call(t, 'DELETE', `/api/crm/coworkertasks/${made.json.Value.Id}`, { token: reader })).status).toBe(401);
    const owner = persona(t, 'taskowner');
    expect((await call(t, 'DELETE', `/api/crm/coworkertasks/${made.json.Value.Id}`, { basic: `${owner.username}:${owner.password}` })).status).toBe(200);
    // a refused runcommand deletes nothing
    const deny = await call(t, 'POST', '/api/spaces/coworkers/runcommand', { token: editor, body: { Key: 'COWORKER_DELETE', Ids: [f.coworkerId], Parameters: [] } });
    expect(deny.status).toBe(401);
    const fixture = await call(t, 'GET', `/api/spaces/coworkers/${f.coworkerId}`, { token: admin });
    expect(fixture.json.Active).toBe(true);
  });

  test('request log records method, path, status, time, persona', async () => {
    const n = t.log.length;
    const admin = await token(t, 'chief');
    await call(t, 'GET', '/api/sys/businesses', { token: admin });
    const last = t.log[t.log.length - 1];
    expect(t.log.length).toBe(n + 2);
    expect(last).toMatchObject({ method: 'GET', path: '/api/sys/businesses', status: 200, persona: 'chief' });
    expect(Math.abs(last.at - Date.now())).toBeLessThan(5000);
  });
});

test('token lifetime: expires_in honoured, then 401', async () => {
  const t = await startCleanroom({ tokenLifetimeSeconds: 1 });
  try {
    expect(t.profile.tokenLifetimeSeconds).toBe(1);
    const p = persona(t, adminName(t));
    const r = await call(t, 'POST', '/api/token', { form: `grant_type=password&username=${encodeURIComponent(p.username)}&password=${encodeURIComponent(p.password)}` });
    expect(r.json.expires_in).toBe(1);
    expect((await call(t, 'GET', '/api/sys/businesses', { token: r.json.access_token })).status).toBe(200);
    await new Promise((res) => setTimeout(res, 1200));
    expect((await call(t, 'GET', '/api/sys/businesses', { token: r.json.access_token })).status).toBe(401);
  } finally {
    await t.close();
  }
});

test('throttling: 409 + Retry-After + empty body, or 429 + "Wait N seconds"', async () => {
  for (const mode of ['409', '429'] as const) {
    const t = await startCleanroom({ knobs: { throttle: mode, throttleEvery: 2, throttleWaitSeconds: 0, throttleToken: true } });
    try {
      const statuses: number[] = [];
      let throttledText = '';
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${t.url}/api/sys/businesses`);
        const text = await res.text();
        statuses.push(res.status);
        if (res.status === Number(mode)) {
          throttledText = text;
          retryAfter = res.headers.get('retry-after');
        }
      }
      expect(statuses).toEqual([401, Number(mode), 401, Number(mode)]);
      expect(retryAfter).toBe('0');
      if (mode === '409') expect(throttledText).toBe('');
      else expect(throttledText).toContain('Wait 0 seconds');
    } finally {
      await t.close();
    }
  }
});

test('every knob is listed in SILENT_POINTS and every listed value starts a tenant', async () => {
  expect(SILENT_POINTS.map((s) => s.knob).sort()).toEqual([...KNOB_NAMES].sort());
  for (const s of SILENT_POINTS) {
    expect(s.section).toMatch(/§/);
    expect(s.values.length).toBeGreaterThanOrEqual(2);
    for (const value of s.values) {
      const t = await startCleanroom({ knobs: { [s.knob]: value } });
      await t.close();
    }
  }
  await expect(startCleanroom({ knobs: { recordShape: 'nonsense' } as never })).rejects.toThrow();
});
