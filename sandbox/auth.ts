/**
 * POST /api/token (password and refresh_token grants) and the credential check every other /api route
 * runs: Bearer token or Basic e-mail:password (nexudus-api.md §4).
 */
import { send, type Ctx } from './http.ts';
import type { Persona } from './seed-data.ts';

const INVALID_GRANT = { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' };

export function findPersona(ctx: Ctx, username: string): Persona | undefined {
  const u = username.trim().toLowerCase();
  return ctx.tenant.personas.find((p) => p.username.toLowerCase() === u);
}

/** The OAuth endpoint: form-encoded only; JSON (or anything else) is an unsupported grant. */
export function tokenRoute(ctx: Ctx): void {
  const { faults, tokens } = ctx.tenant;
  if (ctx.method !== 'POST') return send(ctx, 405, { Message: `The requested resource does not support http method '${ctx.method}'.` }, { allow: 'POST' });
  const type = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return send(ctx, 400, { error: 'unsupported_grant_type' });
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const clientHeader = ctx.req.headers['client_id'];
  const clientId = typeof clientHeader === 'string' && clientHeader.trim() ? clientHeader.trim() : null;

  switch (form.get('grant_type')) {
    case 'password': {
      const p = findPersona(ctx, form.get('username') ?? '');
      if (!p || (form.get('password') !== p.password && !faults.on('token-any-password'))) {
        return send(ctx, faults.on('token-wrong-password-401') ? 401 : 400, INVALID_GRANT);
      }
      ctx.user = p;
      return send(ctx, 200, tokens.issue(p.username, clientId), { 'cache-control': 'no-store' });
    }
    case 'refresh_token': {
      const issued = faults.on('refresh-broken') ? null : tokens.redeem(form.get('refresh_token') ?? '', clientId);
      if (!issued) return send(ctx, 400, { error: 'invalid_grant' });
      const username = tokens.check(issued.access_token);
      if ('username' in username) ctx.user = findPersona(ctx, username.username) ?? null;
      return send(ctx, 200, issued, { 'cache-control': 'no-store' });
    }
    default:
      return send(ctx, 400, { error: faults.on('unsupported-grant-wrong-error') ? 'invalid_request' : 'unsupported_grant_type' });
  }
}

/** Sets ctx.user / ctx.authError from the Authorization header. Side-effect free. */
export function identify(ctx: Ctx): void {
  const { faults, tokens } = ctx.tenant;
  const header = ctx.req.headers.authorization;
  if (!header) return void (ctx.authError = 'missing');
  const m = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (!m) return void (ctx.authError = 'malformed');
  const scheme = m[1].toLowerCase();
  if (scheme === 'bearer') {
    const r = tokens.check(m[2], faults.on('expired-token-accepted'));
    if ('reason' in r && r.reason === 'unknown' && faults.on('garbage-token-accepted')) {
      ctx.user = ctx.tenant.personas.find((p) => p.fullAdmin) ?? null;
      return;
    }
    if ('reason' in r) return void (ctx.authError = r.reason);
    ctx.user = findPersona(ctx, r.username) ?? null;
    if (!ctx.user) ctx.authError = 'unknown';
    return;
  }
  if (scheme === 'basic') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(m[2])) return void (ctx.authError = 'malformed');
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return void (ctx.authError = 'malformed');
    const p = findPersona(ctx, decoded.slice(0, colon));
    if (!p) return void (ctx.authError = 'unknown');
    const passwordOk = decoded.slice(colon + 1) === p.password || faults.on('basic-any-password');
    if (!passwordOk || faults.on('basic-auth-rejected')) return void (ctx.authError = 'bad-password');
    ctx.user = p;
    return;
  }
  ctx.authError = 'malformed';
}

/**
 * 401 for missing/bad credentials and for a missing role alike (the docs name no 403; nexudus-api.md
 * §4). The body is silent in the docs; this is ASP.NET Web API's standard one.
 */
export function deny(ctx: Ctx): void {
  const status = ctx.tenant.faults.on('denied-403') ? 403 : 401;
  send(ctx, status, { Message: 'Authorization has been denied for this request.' }, { 'www-authenticate': 'Bearer' });
}
