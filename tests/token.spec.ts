// nexudus-api.md §4: POST /api/token (form-encoded) grants, token response and OAuth errors.
import { test, expect, begin, describeCheck } from '../lib/fixtures.ts';
import { checksOf } from '../lib/suite.ts';
import { expectNoServerError, expectSchema } from '../lib/checks.ts';
import { addSecret } from '../lib/redact.ts';
import { endpoint } from '../lib/catalogue/endpoints.ts';
import type { Api, Exchange } from '../lib/client.ts';

const tokenOf = (ex: Exchange) => {
  const j = ex.json as { access_token?: string; refresh_token?: string } | undefined;
  addSecret(j?.access_token);
  addSecret(j?.refresh_token);
  return j;
};

const post = (api: Api, form: Record<string, string>, label: string) => api.send('POST', '/api/token', { form, auth: { kind: 'none' }, label });

for (const ch of checksOf('token')) {
  test(ch.title, describeCheck(ch), async ({ as, profile }) => {
    await begin(ch);
    const p = profile.admin;
    const anon = as(p, { kind: 'none' });
    const grant = { grant_type: 'password', username: p.username, password: p.password };
    if (ch.title.includes('password grant')) {
      const ex = await post(anon, grant, `POST /api/token password grant for ${p.name}`);
      tokenOf(ex);
      expectNoServerError(ex);
      expect(ex.status, 'a valid password grant must answer 200').toBe(200);
      expectSchema(ex, 'token.response.json', 'the token response');
    } else if (ch.title.includes('wrong password')) {
      const ex = await post(anon, { ...grant, password: `not-${p.password.length}-the-password` }, `POST /api/token wrong password for ${p.name}`);
      expectNoServerError(ex);
      expect(ex.status, 'a wrong password must answer 400').toBe(400);
      expectSchema(ex, 'oauth.error.json', 'the OAuth error body');
      expect((ex.json as { error: string }).error).toBe('invalid_grant');
    } else if (ch.title.includes('unsupported grant_type')) {
      const ex = await post(anon, { ...grant, grant_type: 'client_magic' }, 'POST /api/token grant_type=client_magic');
      expectNoServerError(ex);
      expect(ex.status, 'an unknown grant_type must answer 400').toBe(400);
      expectSchema(ex, 'oauth.error.json', 'the OAuth error body');
      expect((ex.json as { error: string }).error).toBe('unsupported_grant_type');
    } else if (ch.title.includes('JSON body')) {
      const ex = await anon.send('POST', '/api/token', { json: grant, auth: { kind: 'none' }, label: 'POST /api/token with a JSON body' });
      expectNoServerError(ex);
      expect(ex.status, 'a JSON body must answer 400 (the endpoint is form-encoded)').toBe(400);
      expectSchema(ex, 'oauth.error.json', 'the OAuth error body');
      expect((ex.json as { error: string }).error).toBe('unsupported_grant_type');
    } else {
      const first = tokenOf(await post(anon, grant, `POST /api/token password grant for ${p.name}`));
      expect(first?.refresh_token, 'the password grant must return a refresh_token').toBeTruthy();
      const ex = await post(anon, { grant_type: 'refresh_token', refresh_token: first!.refresh_token! }, `POST /api/token refresh_token grant for ${p.name}`);
      const fresh = tokenOf(ex);
      expectNoServerError(ex);
      expect(ex.status, 'a valid refresh grant must answer 200').toBe(200);
      expectSchema(ex, 'token.response.json', 'the token response');
      const use = await as(p, { kind: 'raw', header: `Bearer ${fresh!.access_token}` }).list(endpoint('Workspace', 'list').entity, { page: 1, size: 1 });
      expect(use.status, 'the refreshed token must be accepted').toBe(200);
    }
  });
}
