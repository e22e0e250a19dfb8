// Clauses token.grant, token.errors, token.refresh (docs/contract.md): POST /api/token (form-encoded) grants,
// the token response and OAuth errors.
import { test, begin, describeCheck } from '../lib/checks/fixtures.ts';
import { checksOf } from '../lib/plan/suite.ts';
import { expectStatus, expectSchema, mustBe } from '../lib/checks/checks.ts';
import { addSecret } from '../lib/config/redact.ts';
import { endpoint } from '../api/catalogue/endpoints.ts';
import type { Api, Exchange } from '../lib/client/client.ts';

const tokenOf = (ex: Exchange) => {
  const j = ex.json as { access_token?: string; refresh_token?: string } | undefined;
  addSecret(j?.access_token);
  addSecret(j?.refresh_token);
  return j;
};

function expectOAuthError(ex: Exchange, error: string, what: string): void {
  expectStatus(ex, 'token.errors', 400, `${what} must answer 400`);
  expectSchema(ex, 'token.errors', 'oauth.error.json', 'the OAuth error body');
  mustBe('token.errors', (ex.json as { error: string }).error, error, () => `${what} must answer the OAuth error "${error}"`);
}

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
      expectStatus(ex, 'token.grant', 200, 'a valid password grant must answer 200');
      expectSchema(ex, 'token.grant', 'token.response.json', 'the token response');
    } else if (ch.title.includes('wrong password')) {
      const ex = await post(anon, { ...grant, password: `not-${p.password.length}-the-password` }, `POST /api/token wrong password for ${p.name}`);
      expectOAuthError(ex, 'invalid_grant', 'a wrong password');
    } else if (ch.title.includes('unsupported grant_type')) {
      const ex = await post(anon, { ...grant, grant_type: 'client_magic' }, 'POST /api/token grant_type=client_magic');
      expectOAuthError(ex, 'unsupported_grant_type', 'an unknown grant_type');
    } else if (ch.title.includes('JSON body')) {
      const ex = await anon.send('POST', '/api/token', { json: grant, auth: { kind: 'none' }, label: 'POST /api/token with a JSON body' });
      expectOAuthError(ex, 'unsupported_grant_type', 'a JSON body (the endpoint is form-encoded)');
    } else {
      const first = tokenOf(await post(anon, grant, `POST /api/token password grant for ${p.name}`));
      mustBe('token.grant', !!first?.refresh_token, true, () => 'the password grant must return a refresh_token');
      const ex = await post(anon, { grant_type: 'refresh_token', refresh_token: first!.refresh_token! }, `POST /api/token refresh_token grant for ${p.name}`);
      const fresh = tokenOf(ex);
      expectStatus(ex, 'token.refresh', 200, 'a valid refresh grant must answer 200');
      expectSchema(ex, 'token.refresh', 'token.response.json', 'the token response');
      const use = await as(p, { kind: 'raw', header: `Bearer ${fresh!.access_token}` }).list(endpoint('Workspace', 'list').entity, { page: 1, size: 1 });
      expectStatus(use, 'token.refresh', 200, 'the refreshed token must be accepted');
    }
  });
}
