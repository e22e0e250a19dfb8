/**
 * The answer-shaping variations (sandbox/variations.ts), applied to every JSON answer on its way out:
 * `extra-fields`, `whole-second-dates`, `empty-401-body`. The OpenAPI document is left alone.
 */
import type { Ctx } from './context.ts';

const FRACTION = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+Z$/;

function walk(ctx: Ctx, j: unknown): unknown {
  const v = ctx.tenant.variations;
  if (Array.isArray(j)) return j.map((x) => walk(ctx, x));
  if (typeof j === 'string') return v.on('whole-second-dates') ? j.replace(FRACTION, '$1Z') : j;
  if (!j || typeof j !== 'object') return j;
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(j)) o[k] = walk(ctx, x);
  if (v.on('extra-fields')) {
    // what an OWIN token endpoint adds; a tenant-specific object on records and envelopes
    if ('access_token' in o) {
      const expires = Date.now() + Number(o.expires_in ?? 0) * 1000;
      Object.assign(o, { userName: ctx.user?.username ?? null, '.issued': new Date().toUTCString(), '.expires': new Date(expires).toUTCString() });
    } else if ('Id' in o || 'WasSuccessful' in o || 'Records' in o) o.TenantExtra = { region: 'eu-west', shard: 7 };
  }
  return o;
}

/** The text of an answer: `body` as JSON (or as is when `raw`), reshaped by the enabled variations. */
export function answerText(ctx: Ctx, status: number, body: unknown, raw: boolean): string {
  const v = ctx.tenant.variations;
  if (!v.any || ctx.path === '/api/openapi.json') return raw ? (body as string) : JSON.stringify(body);
  if (status === 401 && v.on('empty-401-body')) return '';
  return raw ? (body as string) : JSON.stringify(walk(ctx, body));
}
