/** Token grants, Bearer/Basic, expiry, and the 401-for-everything rule (nexudus-api.md §4). */
import { test, expect } from '@playwright/test';
import { ENTITIES, resourcePath } from '../../api/catalogue/entities.ts';
import { roleFor, type Op } from '../../api/catalogue/endpoints.ts';
import { validate } from '../../schemas/ajv.ts';
import { Client, PROFILE, persona, basic, validBody, type PersonaName } from './helpers.ts';

let c: Client;
test.beforeAll(async () => { c = await Client.start(); });
test.afterAll(async () => { await c.close(); });

test.describe('POST /api/token', () => {
  test('password grant answers the documented token response', async () => {
    const p = persona('admin');
    const r = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
    expect(r.status).toBe(200);
    expect(validate('token.response.json', r.json).valid).toBe(true);
    expect(r.json.token_type).toBe('bearer');
    expect(r.json.expires_in).toBe(3600); // Client.start's lifetime
  });

  test('wrong password and unknown user answer 400 invalid_grant with the documented description', async () => {
    for (const [username, password] of [[persona('admin').username, 'wrong'], ['ghost@example.org', 'x']]) {
      const r = await c.tokenRequest({ grant_type: 'password', username, password });
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' });
    }
  });

  test('a JSON body, a missing or an unknown grant_type answer 400 unsupported_grant_type', async () => {
    const p = persona('admin');
    const json = await c.call('POST', '/api/token', { json: { grant_type: 'password', username: p.username, password: p.password } });
    expect(json.status).toBe(400);
    expect(json.json).toEqual({ error: 'unsupported_grant_type' });
    for (const form of [{}, { grant_type: 'INVALID', username: 'INVALID', password: 'INVALID' }] as Record<string, string>[]) {
      const r = await c.tokenRequest(form);
      expect(r.status).toBe(400);
      expect(r.json.error).toBe('unsupported_grant_type');
      expect(validate('oauth.error.json', r.json).valid).toBe(true);
    }
  });

  test('refresh_token grant issues a new pair; a used, unknown or other-client refresh token is invalid_grant', async () => {
    const p = persona('reader');
    const first = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password });
    const r = await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(r.status).toBe(200);
    expect(validate('token.response.json', r.json).valid).toBe(true);
    expect(r.json.access_token).not.toBe(first.json.access_token);
    expect((await c.call('GET', '/api/crm/coworkertasks', { token: r.json.access_token })).status).toBe(200);
    // the old access token still works (refreshing does not revoke live access tokens)
    expect((await c.call('GET', '/api/crm/coworkertasks', { token: first.json.access_token })).status).toBe(200);
    const reused = await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.json).toEqual({ error: 'invalid_grant' });
    expect((await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: 'nope' })).json).toEqual({ error: 'invalid_grant' });
    // client_id header: a new token for the client id invalidates its earlier refresh token
    const a = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password }, { client_id: 'app-1' });
    const b = await c.tokenRequest({ grant_type: 'password', username: p.username, password: p.password }, { client_id: 'app-1' });
    expect((await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: a.json.refresh_token }, { client_id: 'app-1' })).status).toBe(400);
    expect((await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: b.json.refresh_token }, { client_id: 'app-2' })).status).toBe(400);
    expect((await c.tokenRequest({ grant_type: 'refresh_token', refresh_token: b.json.refresh_token }, { client_id: 'app-1' })).status).toBe(200);
  });

  test('GET /api/token is not a token request', async () => {
    expect((await c.call('GET', '/api/token')).status).toBe(405);
  });
});

test.describe('credentials on /api routes', () => {
  const path = '/api/crm/coworkertasks';
  const denied = { Message: 'Authorization has been denied for this request.' };

  test('Bearer and Basic with the right password are accepted', async () => {
    const p = persona('admin');
    expect((await c.call('GET', path, { as: 'admin' })).status).toBe(200);
    expect((await c.call('GET', path, { authorization: basic(p.username, p.password) })).status).toBe(200);
    expect((await c.call('GET', path, { authorization: basic(p.username.toUpperCase(), p.password) })).status).toBe(200);
  });

  test('missing, malformed, unknown and wrong credentials answer 401 with the chosen body', async () => {
    const p = persona('admin');
    for (const authorization of [undefined, '', 'Bearer', 'Bearer nope', 'Token abc', 'Basic !!!', basic(p.username, 'wrong'),
      basic('ghost@example.org', p.password), `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
      const r = await c.call('GET', path, authorization === undefined ? {} : { authorization });
      expect(r.status, String(authorization)).toBe(401);
      expect(r.json).toEqual(denied);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  test('an access token expires after tokenLifetimeSeconds', async () => {
    const short = await Client.start({ tokenLifetimeSeconds: 1 });
    try {
      const tok = await short.token('admin');
      expect((await short.call('GET', path, { token: tok })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1200));
      const r = await short.call('GET', path, { token: tok });
      expect(r.status).toBe(401);
      expect(r.json).toEqual(denied);
    } finally {
      await short.close();
    }
  });

  test('fixture lists need authentication only', async () => {
    for (const p of ['/api/sys/businesses', '/api/spaces/inventoryassets', '/api/sys/users']) {
      expect((await c.call('GET', p, { as: 'nobody' })).status).toBe(200);
      expect((await c.call('GET', p)).status).toBe(401);
    }
  });
});

test.describe('permissions: full admin or the <Entity>-<Verb> role, else 401', () => {
  const personas = Object.keys(PROFILE.personas) as PersonaName[];
  const may = (who: PersonaName, role: string) => {
    const p = PROFILE.personas[who];
    return !!p.fullAdmin || (p.roles ?? []).includes(role);
  };

  for (const e of ENTITIES) {
    test(`${e.name}: every persona against every verb`, async () => {
      const refs = await c.refs();
      for (const who of personas) {
        const id = await c.create(e, refs);
        const ops: [Op, () => Promise<number>][] = [
          ['list', async () => (await c.call('GET', resourcePath(e), { as: who })).status],
          ['get', async () => (await c.call('GET', `${resourcePath(e)}/${id}`, { as: who })).status],
          ['batch', async () => (await c.call('GET', `${resourcePath(e)}?id=[${id}]`, { as: who })).status],
          ['create', async () => (await c.call('POST', resourcePath(e), { as: who, json: validBody(e, refs) })).status],
          ['update', async () => (await c.call('PUT', resourcePath(e), { as: who, json: { Id: id, ...validBody(e, refs) } })).status],
          e.deleteVia.kind === 'delete'
            ? ['delete', async () => (await c.call('DELETE', `${resourcePath(e)}/${id}`, { as: who })).status]
            : ['runcommand', async () => (await c.call('POST', `${resourcePath(e)}/runcommand`, { as: who, json: { Key: 'COWORKER_DELETE', Ids: [id], Parameters: [] } })).status],
        ];
        for (const [op, run] of ops) {
          const status = await run();
          expect(status, `${who} ${op} ${e.name}`).toBe(may(who, roleFor(e, op)) ? 200 : 401);
        }
      }
    });
  }
});
