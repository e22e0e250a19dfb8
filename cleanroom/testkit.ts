// Helpers shared by the self-tests (plain fetch; no project module).
import { startCleanroom, type CleanroomOptions, type CleanroomTenant } from './index.ts';

export type Persona = { username: string; password: string; fullAdmin?: boolean; roles?: string[] };

export interface Reply {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  basic?: string;
  body?: unknown;
  form?: string;
  raw?: string;
  contentType?: string;
  /** do not retry 409/429 (to observe the throttle itself) */
  noRetry?: boolean;
}

export async function call(t: CleanroomTenant, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (opts.basic) headers.Authorization = `Basic ${Buffer.from(opts.basic).toString('base64')}`;
    let body: string | undefined;
    if (opts.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = opts.form;
    } else if (opts.raw !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      body = opts.raw;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(t.url + path, { method, headers, body });
    const text = await res.text();
    // a conformant client retries the documented throttle answers (§5)
    if (!opts.noRetry && (res.status === 409 || res.status === 429) && attempt < 6) {
      const wait = Number(res.headers.get('retry-after') ?? '0');
      await new Promise((r) => setTimeout(r, Math.min(wait, 2) * 1000));
      continue;
    }
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  }
}

export function persona(t: CleanroomTenant, name: string): Persona {
  return (t.profile.personas as Record<string, Persona>)[name];
}

export const adminName = (t: CleanroomTenant): string => Object.keys(t.profile.personas as object)[0];

export async function tokenReply(t: CleanroomTenant, name: string): Promise<Reply> {
  const p = persona(t, name);
  return call(t, 'POST', '/api/token', {
    form: new URLSearchParams({ grant_type: 'password', username: p.username, password: p.password }).toString(),
  });
}

export async function token(t: CleanroomTenant, name: string): Promise<string> {
  const r = await tokenReply(t, name);
  if (r.status !== 200) throw new Error(`token for ${name}: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

export interface Fixtures {
  businessId: number;
  inventoryAssetId: number;
  responsibleId: number;
  countryId: number;
  simpleTimeZoneId: number;
  coworkerId?: number;
}

/** from the profile when given, else discovered from the fixture lists as a client would */
export async function fixtures(t: CleanroomTenant, admin: string): Promise<Fixtures> {
  const f = t.profile.fixtures as Fixtures | undefined;
  if (f) return f;
  const biz = (await call(t, 'GET', '/api/sys/businesses', { token: admin })).json.Records[0];
  const asset = (await call(t, 'GET', '/api/spaces/inventoryassets', { token: admin })).json.Records[0];
  const email = persona(t, adminName(t)).username;
  const users = (await call(t, 'GET', `/api/sys/users?User_Email=${encodeURIComponent(email)}`, { token: admin })).json.Records;
  return {
    businessId: biz.Id,
    inventoryAssetId: asset.Id,
    responsibleId: users[0].Id,
    countryId: biz.CountryId,
    simpleTimeZoneId: biz.SimpleTimeZoneId,
  };
}

let seq = 0;
export const uniq = (): string => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** all 14 fields, so it also satisfies a tenant that requires the playground set (§2.4) */
export function coworkerBody(f: Fixtures, tag: string): Record<string, unknown> {
  return {
    FullName: `Clean Room ${tag}`,
    Email: `cr-${tag}@cleanroom.test`,
    CountryId: f.countryId,
    SimpleTimeZoneId: f.simpleTimeZoneId,
    CoworkerType: 1,
    Gender: 1,
    TaxRateType: 1,
    MondayAttendance: 1,
    TuesdayAttendance: 1,
    WednesdayAttendance: 1,
    ThursdayAttendance: 1,
    FridayAttendance: 1,
    SaturdayAttendance: 4,
    SundayAttendance: 4,
  };
}

export interface Session {
  t: CleanroomTenant;
  admin: string;
  f: Fixtures;
  /** call as the admin */
  as: (method: string, path: string, body?: unknown) => Promise<Reply>;
  newCoworker: (extra?: Record<string, unknown>) => Promise<number>;
}

/** start a tenant, run fn with an admin session, always close */
export async function withTenant(o: CleanroomOptions, fn: (s: Session) => Promise<void>): Promise<void> {
  const t = await startCleanroom(o);
  try {
    const admin = await token(t, adminName(t));
    const f = await fixtures(t, admin);
    const as = (method: string, path: string, body?: unknown) => call(t, method, path, { token: admin, body });
    const newCoworker = async (extra: Record<string, unknown> = {}): Promise<number> => {
      const r = await as('POST', '/api/spaces/coworkers', { ...coworkerBody(f, uniq()), ...extra });
      if (r.status !== 200) throw new Error(`coworker: ${r.status} ${r.text}`);
      return r.json.Value.Id as number;
    };
    await fn({ t, admin, f, as, newCoworker });
  } finally {
    await t.close();
  }
}
